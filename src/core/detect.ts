/**
 * Detection (DESIGN.md, Detection): ranking, merging and naming the candidates that the
 * store's aggregate queries found. Plain data in, plain data out.
 */
import type { Day } from './dates.ts';
import type { QualifierKind } from './qualifiers.ts';
import { isStarDependentFigures, starOf, type PersonEvidence } from './figures.ts';
import { QUALITY_ORDER, isComposedKey, phraseLabel, type QualityAttribute } from './phrases.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from './search.ts';

export { DEFAULT_LIMIT, DEFAULT_MIN_STAFF, DEFAULT_MIN_STORIES } from './detect-defaults.ts';
/** Candidates whose story sets overlap this much (Jaccard) are one candidate. */
export const MERGE_OVERLAP = 0.5;
/**
 * A candidate is shown as a practice only when at least this share of its stories show
 * one concrete behaviour (the same action on the same object, an idiom, a tag). Below it,
 * it is a common action whose object changes every time ("fix", "send", "go out").
 */
export const MIN_COHERENCE = 0.5;
/**
 * … unless this many stories show the action. Measured: on four teams' story sets no bare
 * action with a different object each time had more than 7 stories, and none was a
 * practice; on the restaurant sentences recommend, help, explain and apologize have 8–20.
 */
export const BROAD_EVIDENCE = 8;

export type CandidateSource = 'phrase' | 'tag';

/** What the store found for one phrase key or one tag, before merging. */
export interface RawCandidate {
  source: CandidateSource;
  /** The phrase key ("call back") or the tag name ("refund"). */
  value: string;
  /** Routine service steps are shown apart from practices. */
  step: boolean;
  /** Its stories in the period, ascending ids without repeats; empty for steps, which only need counts. */
  storyIds: Int32Array;
  /** Counts from the aggregate query, used when evidence is not fetched (steps). */
  counts: { stories: number; people: number; lastOn: Day };
  /**
   * How many of its stories carry each detail (phrases only): "wine" 4, "special" 3; with
   * those stories (ascending) when fetched, so that star share is per concrete behaviour.
   */
  details: Array<{ detail: string; stories: number; storyIds?: Int32Array }>;
}

/**
 * The stories of the period, compactly (a million objects would not fit the memory
 * target): story s happened on day[s] (YYYYMMDD, 0 outside the period) and credits the
 * people names[people[i]] for i from start[s] to start[s + 1] - 1.
 */
export interface StoryFacts {
  names: string[];
  day: Int32Array;
  start: Int32Array;
  people: Int32Array;
}

/** The key a candidate is remembered by once rejected: "phrase:call back", "tag:refund". */
export function candidateKey(source: CandidateSource, value: string): string {
  return `${source}:${value}`;
}

export interface Candidate {
  /** The key of its leading member; keys lists every member's. */
  key: string;
  keys: string[];
  name: string;
  phrases: string[];
  tags: string[];
  step: boolean;
  stories: number;
  people: number;
  lastOn: Day;
  starShare: number;
  star: { person: string; share: number } | null;
  starDependent: boolean;
  /** Its stories in the period, ascending ids: the evidence a practice made from it gets. */
  storyIds: Int32Array;
  /** The share of its stories that show its leading concrete behaviour (0–1). */
  coherence: number;
  /** Why its stories were grouped: what they share, and in how many of them. */
  basis: CandidateBasis;
}

/** The existing practice most of a candidate's stories are already evidence of. */
export interface PracticeOverlap {
  practice: string;
  /** How many of the candidate's stories are its evidence. */
  stories: number;
}

/** "Mostly": a candidate overlaps a practice when at least half its stories are that practice's evidence. */
export const OVERLAP_SHARE = 0.5;

/** The overlap worth showing, if the practice holds at least OVERLAP_SHARE of the candidate's stories. */
export function mostlyEvidenceOf(best: PracticeOverlap | undefined, stories: number): PracticeOverlap | null {
  return best && stories > 0 && best.stories / stories >= OVERLAP_SHARE ? best : null;
}

/** What a candidate's stories have in common. */
export type CandidateBasis =
  | { kind: 'tag'; tag: string; stories: number }
  | { kind: 'phrase'; phrase: string; stories: number }
  | { kind: 'object'; phrase: string; detail: string; stories: number }
  | { kind: 'action'; phrase: string; stories: number };

/** "recommend wine" when one detail covers half the stories, else "recommend (special, wine, fish)". */
export function phraseName(value: string, stories: number, details: RawCandidate['details']): string {
  const useful = details.filter((d) => d.detail !== 'customer').sort((a, b) => b.stories - a.stories || a.detail.localeCompare(b.detail));
  const top = useful[0];
  if (top && top.stories * 2 >= stories && top.stories >= 2) return phraseLabel(value, top.detail);
  const shown = useful.filter((d) => d.stories >= 2).slice(0, 3);
  return shown.length ? `${value} (${shown.map((d) => d.detail).join(', ')})` : value;
}

function nameOf(raw: RawCandidate): string {
  if (raw.source === 'tag') return raw.value.replace(/-/gu, ' ');
  return phraseName(raw.value, raw.counts.stories, raw.details);
}

/** "2026-03-17" from 20260317. */
function dayText(day: number): Day {
  const text = String(day).padStart(8, '0');
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

function figures(storyIds: Int32Array, facts: StoryFacts): Pick<Candidate, 'stories' | 'people' | 'lastOn' | 'starShare' | 'star' | 'starDependent'> {
  const counts = new Int32Array(facts.names.length);
  // Each person's first evidence day, for the star's tie-break.
  const first = new Int32Array(facts.names.length);
  let last = 0;
  for (const id of storyIds) {
    const day = facts.day[id] ?? 0;
    last = Math.max(last, day);
    for (let i = facts.start[id] ?? 0, end = facts.start[id + 1] ?? 0; i < end; i++) {
      const person = facts.people[i] ?? 0;
      counts[person] = (counts[person] ?? 0) + 1;
      if (first[person] === 0 || day < (first[person] ?? 0)) first[person] = day;
    }
  }
  let people = 0;
  let most = 0;
  for (const count of counts) {
    if (count === 0) continue;
    people++;
    most = Math.max(most, count);
  }
  // The star from the top people's counts, as every command names it (figures.ts starOf).
  const tied: PersonEvidence[] = [];
  for (const [index, count] of counts.entries()) {
    if (count === most && count > 0) tied.push({ person: facts.names[index] ?? '', stories: count, firstOn: dayText(first[index] ?? 0) });
  }
  const top = starOf(tied, storyIds.length) ?? null;
  const share = top?.share ?? 0;
  return {
    stories: storyIds.length,
    people,
    lastOn: last === 0 ? '' : dayText(last),
    starShare: share,
    star: top,
    starDependent: isStarDependentFigures(people, share),
  };
}

function countsOnly(counts: RawCandidate['counts']): ReturnType<typeof figures> {
  return { ...counts, starShare: 0, star: null, starDependent: isStarDependentFigures(counts.people, 0) };
}

/** Both sets, ascending, without repeats. */
function union(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    out[n++] = Math.min(x, y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out.slice(0, n);
}

/** Spreadable beats frequent: more people first, then more stories, then the most recent. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return b.people - a.people || b.stories - a.stories || b.lastOn.localeCompare(a.lastOn) || a.name.localeCompare(b.name);
}

/** How many of a raw candidate's stories show one concrete behaviour, and which. */
function basisOf(raw: RawCandidate): CandidateBasis {
  const stories = raw.storyIds.length || raw.counts.stories;
  if (raw.source === 'tag') return { kind: 'tag', tag: raw.value, stories };
  if (isComposedKey(raw.value)) return { kind: 'phrase', phrase: raw.value, stories };
  const top = raw.details
    .filter((d) => d.detail !== 'customer')
    .sort((a, b) => b.stories - a.stories || a.detail.localeCompare(b.detail))[0];
  // The same object in two stories or more, or in every one of them.
  if (top && (top.stories >= 2 || top.stories >= stories)) return { kind: 'object', phrase: raw.value, detail: top.detail, stories: Math.min(top.stories, stories) };
  return { kind: 'action', phrase: raw.value, stories: Math.min(1, stories) };
}

/** The stories that show a candidate's leading concrete behaviour: one object's, or all of them. */
function behaviourStoryIds(raw: RawCandidate, basis: CandidateBasis): Int32Array {
  if (basis.kind !== 'object') return raw.storyIds;
  const detail = raw.details.find((d) => d.detail === basis.detail)?.storyIds;
  return detail?.length ? detail : raw.storyIds;
}

/**
 * The candidate's figures over all its stories, with the star of its concrete behaviour
 * when that one is star-dependent: "give ball" is one nurse's habit even when other people
 * give other things. Star share is taken per concrete behaviour, before any merge.
 */
function figuresOf(storyIds: Int32Array, behaviour: Int32Array, facts: StoryFacts): ReturnType<typeof figures> {
  const all = figures(storyIds, facts);
  if (behaviour === storyIds || all.starDependent) return all;
  return withBehaviourStar(all, figures(behaviour, facts));
}

/** The whole's figures, flagged with the behaviour's star when the behaviour lives in one person. */
function withBehaviourStar<T extends Pick<Candidate, 'star' | 'starShare' | 'starDependent'>>(whole: T, behaviour: Pick<Candidate, 'star' | 'starShare' | 'starDependent'>): T {
  return behaviour.starDependent && !whole.starDependent ? { ...whole, star: behaviour.star, starShare: behaviour.starShare, starDependent: true } : whole;
}

function toCandidate(raw: RawCandidate, facts: StoryFacts): Candidate {
  const basis = basisOf(raw);
  const total = raw.storyIds.length || raw.counts.stories;
  return {
    basis,
    coherence: total ? basis.stories / total : 0,
    key: candidateKey(raw.source, raw.value),
    keys: [candidateKey(raw.source, raw.value)],
    name: nameOf(raw),
    phrases: raw.source === 'phrase' ? [raw.value] : [],
    tags: raw.source === 'tag' ? [raw.value] : [],
    step: raw.step,
    storyIds: raw.storyIds,
    ...(raw.storyIds.length ? figuresOf(raw.storyIds, behaviourStoryIds(raw, basis), facts) : countsOnly(raw.counts)),
  };
}

function merge(into: Candidate, other: Candidate, facts: StoryFacts): Candidate {
  const storyIds = union(into.storyIds, other.storyIds);
  // The merged group is as coherent as its most coherent member's share of it.
  const [best] = [into, other].sort((a, b) => b.basis.stories - a.basis.stories);
  return {
    ...into,
    basis: best?.basis ?? into.basis,
    coherence: storyIds.length ? (best?.basis.stories ?? 0) / storyIds.length : 0,
    keys: [...into.keys, ...other.keys],
    phrases: [...into.phrases, ...other.phrases],
    tags: [...into.tags, ...other.tags],
    step: into.step && other.step,
    storyIds,
    // A habit of one person stays flagged when merged with what others do.
    ...withBehaviourStar(figures(storyIds, facts), best ?? into),
  };
}

/**
 * Ranks the raw candidates that pass the thresholds, merging those that are one
 * behaviour: a tag and a phrase with the same words ("call-back", "call back"), or two
 * candidates whose story sets overlap heavily. Steps come back apart from practices.
 */
export function rankCandidates(
  raws: RawCandidate[],
  facts: StoryFacts,
  options: { minStories: number; minStaff: number },
): { practices: Candidate[]; steps: Candidate[]; commonActions: Candidate[] } {
  let pool = raws.map((raw) => toCandidate(raw, facts)).sort(compareCandidates);
  // The lead's stories, marked by id: each overlap then costs one look-up per story of the other.
  const inLead = new Uint8Array(facts.day.length);
  const mark = (ids: Int32Array, value: 0 | 1) => {
    for (const id of ids) inLead[id] = value;
  };
  const merged: Candidate[] = [];
  while (pool.length) {
    let [lead, ...rest] = pool as [Candidate, ...Candidate[]];
    const leadWords = new Set([...lead.phrases, ...lead.tags.map((t) => t.replace(/-/gu, ' '))]);
    mark(lead.storyIds, 1);
    const remaining: Candidate[] = [];
    for (const other of rest) {
      const sameWords = [...other.phrases, ...other.tags.map((t) => t.replace(/-/gu, ' '))].some((w) => leadWords.has(w));
      // A routine step never swallows a practice, however often the two go together; and
      // two people's own habits never add up to a shared practice (star share is per
      // concrete behaviour, before any merge).
      const twoHabits = lead.starDependent && other.starDependent && lead.star?.person !== other.star?.person;
      if (!twoHabits && (sameWords || (other.step === lead.step && overlapsHeavily(lead.storyIds, other.storyIds, inLead)))) {
        lead = merge(lead, other, facts);
        mark(other.storyIds, 1);
      } else remaining.push(other);
    }
    mark(lead.storyIds, 0);
    merged.push(lead);
    pool = remaining;
  }
  const kept = merged
    .filter((c) => c.stories >= options.minStories && c.people >= options.minStaff)
    .sort(compareCandidates);
  // Concrete behaviours before bare actions shown for their broad evidence.
  const concrete = (c: Candidate) => Number(isConcrete(c));
  const behaviours = kept.filter((c) => !c.step).sort((a, b) => concrete(b) - concrete(a) || compareCandidates(a, b));
  return {
    practices: behaviours.filter(defensible),
    steps: kept.filter((c) => c.step),
    commonActions: behaviours.filter((c) => !defensible(c)),
  };
}

/**
 * Whether most of a candidate's stories show one concrete behaviour. A candidate that is
 * not is shown only for its broad evidence (BROAD_EVIDENCE): a bare action such as "check",
 * on a different object in most stories, is never a ready-made practice or merge target.
 */
export function isConcrete(c: Pick<Candidate, 'coherence' | 'basis'>): boolean {
  // A bare action is never concrete, however few its stories (1 of 2 is not "most").
  return c.basis.kind !== 'action' && c.coherence >= MIN_COHERENCE;
}

/** Whether a candidate can be shown as a practice: one concrete behaviour, or broad evidence. */
export function defensible(c: Pick<Candidate, 'coherence' | 'stories' | 'basis'>): boolean {
  return isConcrete(c) || c.stories >= BROAD_EVIDENCE;
}

/**
 * The bare actions ("check") of a candidate shown only for its broad evidence: merged into
 * a practice, they would link every later story with that action, so a merge brings only
 * their stories. None for a concrete behaviour.
 */
export function bareActionsOf(c: Pick<Candidate, 'coherence' | 'basis' | 'phrases'>): string[] {
  return isConcrete(c) ? [] : c.phrases.filter((value) => !isComposedKey(value));
}

/**
 * The practice a review preselects merging into: the one most of its stories are already
 * evidence of, and only for a concrete behaviour. "check" in 8 stories, 7 of them evidence
 * of "Call back next day to check the fix held", is not that practice: its other stories
 * check something else.
 */
export function mergeTargetOf(c: Pick<Candidate, 'coherence' | 'basis'> & { overlap: PracticeOverlap | null }): string | null {
  return c.overlap && isConcrete(c) ? c.overlap.practice : null;
}

/** Whether the lead's stories (marked in inLead) and another set overlap by MERGE_OVERLAP or more (Jaccard). */
function overlapsHeavily(lead: Int32Array, other: Int32Array, inLead: Uint8Array): boolean {
  const [small, large] = lead.length <= other.length ? [lead.length, other.length] : [other.length, lead.length];
  // |A∩B| / |A∪B| ≤ |small| / |large|: most pairs are ruled out without counting.
  if (large === 0 || small / large < MERGE_OVERLAP) return false;
  let both = 0;
  for (const id of other) both += inLead[id] ?? 0;
  return both / (lead.length + other.length - both) >= MERGE_OVERLAP;
}

/** The newest stories of a candidate, for its examples. */
export function exampleStoryIds(candidate: Candidate, facts: StoryFacts, count = 3): number[] {
  const newest: number[] = [];
  const newer = (a: number, b: number) => (facts.day[a] ?? 0) - (facts.day[b] ?? 0) || a - b;
  for (const id of candidate.storyIds) {
    if (newest.length === count && newer(id, newest[count - 1] as number) <= 0) continue;
    newest.push(id);
    newest.sort((a, b) => newer(b, a));
    newest.length = Math.min(newest.length, count);
  }
  return newest;
}

/**
 * A window of text around a span, with the span marked for highlighting (the markers
 * of core/search.ts): "…and Ana \u0002called the customer back\u0003 within…".
 */
export function snippetAround(text: string, start: number, end: number, width = 60): string {
  const from = Math.max(0, start - width);
  const to = Math.min(text.length, end + width);
  // Cut on word boundaries so the snippet does not begin or end mid-word.
  const head = from === 0 ? 0 : Math.max(from, text.indexOf(' ', from) + 1);
  const tailSpace = to === text.length ? -1 : text.lastIndexOf(' ', to);
  const tail = tailSpace > end ? tailSpace : to;
  return (
    (head > 0 ? '…' : '') +
    text.slice(head, start) +
    HIGHLIGHT_START +
    text.slice(start, end) +
    HIGHLIGHT_END +
    text.slice(end, tail) +
    (tail < text.length ? '…' : '')
  );
}

/** What people perceive, per attribute (seed 004): how many stories, and the words. */
export interface QualityCount {
  attribute: QualityAttribute;
  stories: number;
  people: number;
  words: Array<{ word: string; stories: number }>;
}

/** Orders quality rows by the attribute taxonomy; words by frequency. */
export function qualityCounts(
  attributes: Array<{ attribute: string; stories: number; people: number }>,
  words: Array<{ attribute: string; word: string; stories: number }>,
): QualityCount[] {
  return QUALITY_ORDER.map((attribute) => {
    const row = attributes.find((a) => a.attribute === attribute);
    return {
      attribute,
      stories: row?.stories ?? 0,
      people: row?.people ?? 0,
      words: words
        .filter((w) => w.attribute === attribute)
        .sort((a, b) => b.stories - a.stories || a.word.localeCompare(b.word))
        .map(({ word, stories }) => ({ word, stories })),
    };
  }).filter((q) => q.stories > 0);
}

/** What the detect renderers need (built by src/app/detect.ts). */
export interface DetectionView {
  since: Day | null;
  minStories: number;
  minStaff: number;
  practices: Array<
    Candidate & {
      /** The existing practice most of its stories are already evidence of, if any. */
      overlap: PracticeOverlap | null;
      /** The qualifier (timing, persistence …) at least half its stories share, if any. */
      qualifier: { kind: QualifierKind; stories: number } | null;
      /** Its name with that qualifier: "call back · next day / within the hour …". */
      label: string;
      examples: Array<{ storyId: number; occurredOn: Day; people: string[]; snippet: string }>;
    }
  >;
  more: number;
  steps: Candidate[];
  /** Actions several people take on a different object each time: too general to be a practice alone. */
  commonActions: Candidate[];
  qualities: QualityCount[];
  /** Behaviours over the thresholds left out because they are already practices' matchers, or were rejected. */
  leftOut: LeftOut;
}

/** What detection left out on purpose, so that an empty list is not read as "nothing shared". */
export interface LeftOut {
  /**
   * Keys ("phrase:call back", "tag:refund") already in a practice, with that practice and
   * why: its matcher, or a broad candidate whose stories a review took into it as evidence
   * ('decided': the bare action is no matcher, and only stories nobody decided about count).
   */
  alreadyPractices: Array<{ key: string; practice: string; reason: 'matcher' | 'decided' }>;
  /** Keys of rejected candidates. */
  rejected: string[];
}
