/**
 * Writes a realistic svc database for the benchmark through svc's own store functions:
 * N stories of about 90 words over two years, 50 people, 40 tags, practices with tag
 * matchers and evidence, trainings with attendees, interviews and meetings.
 * Deterministic: the same options give the same database.
 */
import { rmSync } from 'node:fs';
import type { Channel, Source, StoryDraft, Trigger } from '../../src/core/story.ts';
import { ensureCustomer } from '../../src/store/customers.ts';
import { openStore, type Db } from '../../src/store/db.ts';
import { defaultMigrationsDir, listMigrations } from '../../src/store/migrate.ts';
import { linkMatchesForPractice } from '../../src/store/matching.ts';
import { createPractice, linkEvidence } from '../../src/store/practices.ts';
import { ensurePerson } from '../../src/store/people.ts';
import { insertStory } from '../../src/store/stories.ts';
import { ensureTag } from '../../src/store/tags.ts';
import {
  insertInterview,
  insertMeeting,
  insertProcedure,
  insertTraining,
  readSetting,
  setPersonDetails,
  storiesWithTag,
  writeSetting,
} from './store.ts';
import * as W from './words.ts';

export interface GenerateOptions {
  db: string;
  stories: number;
  /** The last day of the two years of stories (the benchmark pins svc's clock to it). */
  until?: string;
  seed?: number;
  /** Keep an existing file generated with the same options instead of rewriting it. */
  reuse?: boolean;
}

export interface GenerateResult {
  db: string;
  stories: number;
  ms: number;
  reused: boolean;
}

/** Bump when the generated data changes, so cached benchmark databases are rebuilt. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_UNTIL = '2026-03-18';
export const DAYS = 730;
export const PEOPLE = 50;

const CHANNELS: readonly Channel[] = ['phone', 'phone', 'phone', 'email', 'in-person', 'in-person', 'chat', 'social', 'other'];
const SOURCES: readonly Source[] = ['observed', 'observed', 'compliment', 'compliment', 'interview', 'self'];
const TRIGGERS: readonly Trigger[] = ['recovery', 'recovery', 'request', 'request', 'request', 'spontaneous'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

/** Small, fast, seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from a list with weights decreasing like 1/rank^s, so some are much more common. */
function zipf<T>(items: readonly T[], s: number, rnd: () => number): () => T {
  const weights = items.map((_, i) => 1 / Math.pow(i + 1, s));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  return () => {
    const r = rnd();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 1) < r) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as T;
  };
}

/** The calendar days of the period, oldest first (UTC arithmetic: no time zone drift). */
export function daysUntil(until: string, count: number): string[] {
  const end = Date.parse(`${until}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? key);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const countWords = (s: string) => s.split(' ').length;

function personName(i: number): string {
  return `${W.FIRST_NAMES[i % W.FIRST_NAMES.length]} ${W.SURNAMES[i % W.SURNAMES.length]}`;
}

/** Generates the database; returns quickly when an identical one already exists and reuse is set. */
export function generate(options: GenerateOptions): GenerateResult {
  const started = performance.now();
  const until = options.until ?? DEFAULT_UNTIL;
  const seed = options.seed ?? 8;
  // A new migration (say, a cache filled at write time) means a new database.
  const schema = listMigrations(defaultMigrationsDir()).at(-1)?.version ?? 0;
  const key = JSON.stringify({ v: GENERATOR_VERSION, schema, stories: options.stories, until, seed });
  if (options.reuse) {
    try {
      const existing = openStore(options.db);
      try {
        if (readSetting(existing.db, 'bench.generator') === key) {
          return { db: options.db, stories: options.stories, ms: performance.now() - started, reused: true };
        }
      } finally {
        existing.close();
      }
    } catch {
      // unreadable or foreign: rebuilt below
    }
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.db}${suffix}`, { force: true });

  const store = openStore(options.db);
  const db = store.db;
  // Generation only: nothing is lost that cannot be generated again, and a file left
  // half-written is rebuilt (the key below is written last). Without a journal the
  // rows go straight into the file instead of through a WAL as large as the database.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const now = `${until}T18:00:00.000Z`;
  try {
    store.write(() => fillDatabase(db, options.stories, until, seed, now));
    store.write(() => writeSetting(db, 'bench.generator', key));
    db.pragma('journal_mode = WAL');
  } finally {
    store.close();
  }
  return { db: options.db, stories: options.stories, ms: performance.now() - started, reused: false };
}

function fillDatabase(db: Db, total: number, until: string, seed: number, now: string): void {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const days = daysUntil(until, DAYS);

  const people = Array.from({ length: PEOPLE }, (_, i) => personName(i));
  const personIds = people.map((name, i) => {
    const id = ensurePerson(db, name, now);
    setPersonDetails(db, id, W.ROLES[i % W.ROLES.length] ?? 'agent', W.TEAMS[i % W.TEAMS.length] ?? 'front desk');
    return id;
  });
  for (const tag of W.EXTRA_TAGS) ensureTag(db, tag, now);
  const allTags = [...(db.prepare('SELECT name FROM tags ORDER BY id').all() as Array<{ name: string }>).map((t) => t.name)];

  const customers = W.FIRST_NAMES.flatMap((first) => W.SURNAMES.map((last) => `${first} ${last}`)).slice(0, 1000);
  const pickPerson = zipf(people, 0.7, rnd);
  const pickTag = zipf(allTags, 0.9, rnd);
  const pickBehaviour = zipf(W.BEHAVIOURS, 0.6, rnd);
  // One practice leans on a single star, as seed 001 warns: most late stays are hers.
  const star = people[3] ?? people[0] ?? '';

  for (let i = 0; i < total; i++) {
    const behaviour = pickBehaviour();
    const first = behaviour.tag === 'stay-late' && rnd() < 0.7 ? star : pickPerson();
    const staff = [first];
    if (rnd() < 0.2) {
      const second = pickPerson();
      if (second !== first) staff.push(second);
    }
    const internal = rnd() < 0.15;
    const slots = {
      staff: (first.split(' ')[0] ?? first),
      customer: pick(W.CUSTOMER_KINDS),
      problem: pick(W.PROBLEMS),
      product: pick(W.PRODUCTS),
      team: pick(W.TEAMS),
      weekday: pick(WEEKDAYS),
    };
    const sentences = [capitalise(fill(pick(W.OPENINGS), slots)), fill(pick(behaviour.sentences), slots)];
    const extra = pickBehaviour();
    const tags = new Set<string>([behaviour.tag]);
    if (rnd() < 0.4 && extra !== behaviour) {
      sentences.push(fill(pick(extra.sentences), slots));
      tags.add(extra.tag);
    }
    if (rnd() < 0.6) sentences.push(fill(pick(W.QUALITIES), slots));
    sentences.push(pick(W.RESULTS));
    const spare = [...behaviour.sentences, ...W.CONTEXT].map((t) => fill(t, slots)).filter((t) => !sentences.includes(t));
    while (countWords(sentences.join(' ')) < 82 && spare.length > 0) {
      sentences.splice(1 + Math.floor(rnd() * (sentences.length - 1)), 0, ...spare.splice(Math.floor(rnd() * spare.length), 1));
    }
    const text = sentences.join(' ');
    const more = Math.floor(rnd() * 3);
    for (let t = 0; t < more; t++) tags.add(pickTag());

    // Stories arrive roughly in date order, a few days late now and then.
    const dayIndex = Math.min(DAYS - 1, Math.max(0, Math.floor(((i + 1) * DAYS) / total) - 1 - Math.floor(rnd() * 4)));
    const draft: StoryDraft = {
      title: rnd() < 0.3 ? `${slots.staff} and the ${slots.product}` : null,
      text,
      occurredOn: days[dayIndex] ?? until,
      staff,
      customer: internal ? pick(['Finance team', 'IT desk', 'Warehouse', 'Sales team']) : rnd() < 0.6 ? pick(customers) : null,
      customerKind: internal ? 'internal' : 'external',
      channel: pick(CHANNELS),
      source: pick(SOURCES),
      trigger: rnd() < 0.9 ? pick(TRIGGERS) : null,
      impact: rnd() < 0.5 ? pick(W.IMPACTS) : null,
      reportedBy: rnd() < 0.5 ? pickPerson() : null,
      tags: [...tags],
    };
    insertStory(db, draft, now, uuidFor(seed, i));
  }

  addPractices(db, personIds, days, rnd, now);
  addInterviews(db, customers, personIds, days, rnd, now);
  for (let d = days.length - 1; d >= 0; d -= 14) insertMeeting(db, days[d] ?? until, now);
}

/** Deterministic UUID-shaped ids: the same run gives the same file. */
function uuidFor(seed: number, i: number): string {
  const hex = (seed * 1_000_003 + i).toString(16).padStart(32, '0').slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const PRACTICES = [
  { name: 'Calls the customer back the same day', tag: 'call-back', status: 'standard' },
  { name: 'Remembers the customer by name', tag: 'remember-name', status: 'standard' },
  { name: 'Explains the options in plain words', tag: 'explain-options', status: 'adopted' },
  { name: 'Follows up without being asked', tag: 'follow-up', status: 'adopted' },
  { name: 'Stays late to finish the job', tag: 'stay-late', status: 'candidate' },
  { name: 'Owns the problem end to end', tag: 'own-the-problem', status: 'candidate' },
  { name: 'Hands over warmly', tag: 'warm-handover', status: 'retired' },
] as const;

function addPractices(db: Db, personIds: number[], days: string[], rnd: () => number, now: string): void {
  for (const practice of PRACTICES) {
    const id = createPractice(db, { name: practice.name, status: practice.status, matchers: [{ kind: 'tag', value: practice.tag }] }, now);
    linkMatchesForPractice(db, id, now);
    if (practice.status === 'standard') {
      insertProcedure(db, id, `${practice.name}.\n\n1. …\n2. …`, storiesWithTag(db, practice.tag, 5), now);
    }
    if (practice.status === 'standard' || practice.status === 'adopted') {
      // Trainings in the second year, a dozen people each, led by a colleague.
      for (let t = 0; t < 3; t++) {
        const attendees = personIds.filter(() => rnd() < 0.25);
        insertTraining(
          db,
          {
            practiceId: id,
            heldOn: days[Math.floor(days.length / 2 + rnd() * (days.length / 2 - 14))] ?? now.slice(0, 10),
            facilitatorId: personIds[Math.floor(rnd() * personIds.length)] ?? 1,
            attendeeIds: attendees,
          },
          now,
        );
      }
    }
  }
  // Evidence linked by hand, without a matcher.
  const manual = createPractice(db, { name: 'Sets clear expectations', status: 'adopted' }, now);
  for (const storyId of storiesWithTag(db, 'set-expectations', 500)) linkEvidence(db, manual, storyId, 'manual', now);
}

function addInterviews(db: Db, customers: string[], personIds: number[], days: string[], rnd: () => number, now: string): void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  // Seed 000: each leader phones three customers a week.
  for (let d = 0; d < days.length; d += 7) {
    for (let k = 0; k < 3; k++) {
      const plannedOn = days[d] ?? now.slice(0, 10);
      const r = rnd();
      const status = d >= days.length - 7 ? 'planned' : r < 0.1 ? 'declined' : 'done';
      const done = status === 'done';
      insertInterview(
        db,
        {
          customerId: ensureCustomer(db, pick(customers), 'external', now),
          interviewerId: personIds[Math.floor(rnd() * 5)] ?? 1,
          status,
          plannedOn,
          heldOn: done ? plannedOn : null,
          learned: done ? pick(W.INTERVIEW_LEARNED) : null,
          liked: done ? pick(W.INTERVIEW_LIKED) : null,
          change: done ? pick(W.INTERVIEW_CHANGE) : null,
        },
        now,
      );
    }
  }
}
