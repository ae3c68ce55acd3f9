/**
 * Training built from evidence (issue: train): which stories to teach from, who
 * coaches, what to discuss and rehearse, and the people × practices matrix.
 */
import type { Day } from './dates.ts';
import {
  adoptionAfterTraining,
  evidenceFigures,
  isStarDependent,
  showsItAfter,
  spread,
  star,
  type EvidenceItem,
  type TrainedPerson,
} from './figures.ts';
import type { Practice } from './practice.ts';
import type { Answers, Question } from './prompt.ts';
import type { Story } from './story.ts';
import { nameKey } from './text.ts';

/** Fewer evidence stories than this and a plan warns that it teaches from thin material. */
export const MIN_PLAN_EVIDENCE = 2;
export const PLAN_STORIES_MAX = 5;
export const PLAN_STORIES_MIN = 3;
export const PLAN_COACHES = 3;

/** Stronger first: a noted impact, then recent, then newest id. */
function strength(a: Story, b: Story): number {
  const impact = Number(Boolean(b.impact)) - Number(Boolean(a.impact));
  if (impact !== 0) return impact;
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? 1 : -1;
  return b.id - a.id;
}

/**
 * The 3–5 strongest stories to teach from: each new pick brings someone not yet quoted
 * (the practice should be seen in several people), then the strongest of the rest fill
 * up to three.
 */
export function strongestStories(stories: readonly Story[], max = PLAN_STORIES_MAX, min = PLAN_STORIES_MIN): Story[] {
  const ranked = [...stories].sort(strength);
  const chosen: Story[] = [];
  const quoted = new Set<string>();
  for (const story of ranked) {
    if (chosen.length >= max) break;
    const keys = story.staff.map(nameKey);
    if (keys.length === 0 || keys.every((key) => quoted.has(key))) continue;
    chosen.push(story);
    for (const key of keys) quoted.add(key);
  }
  for (const story of ranked) {
    if (chosen.length >= Math.min(min, max)) break;
    if (!chosen.includes(story)) chosen.push(story);
  }
  return chosen.sort(strength);
}

export interface Coach {
  person: string;
  stories: number;
  lastOn: Day;
}

/**
 * The peers who show the practice most (seed 003: the frontline teaches best). On a tie
 * the star comes first (figures.ts's star, the one every command names), then the most
 * recent, then by name.
 */
export function coaches(evidence: readonly EvidenceItem[], limit = PLAN_COACHES): Coach[] {
  const holder = star(evidence)?.person;
  const byPerson = new Map<string, Coach>();
  for (const item of evidence) {
    for (const person of new Set(item.people)) {
      const coach = byPerson.get(person) ?? { person, stories: 0, lastOn: item.occurredOn };
      coach.stories++;
      if (item.occurredOn > coach.lastOn) coach.lastOn = item.occurredOn;
      byPerson.set(person, coach);
    }
  }
  return [...byPerson.values()]
    .sort(
      (a, b) =>
        b.stories - a.stories ||
        Number(b.person === holder) - Number(a.person === holder) ||
        (a.lastOn < b.lastOn ? 1 : a.lastOn > b.lastOn ? -1 : 0) ||
        a.person.localeCompare(b.person),
    )
    .slice(0, limit);
}

/** The sentences of a text, roughly: enough to split a situation from an action. */
export function sentences(text: string): string[] {
  return (text.replace(/\s+/gu, ' ').trim().match(/[^.!?]+(?:[.!?]+|$)/gu) ?? []).map((s) => s.trim()).filter(Boolean);
}

export interface RolePlay {
  storyId: number;
  customer: string;
  channel: string | null;
  situation: string;
  action: string;
  impact: string | null;
  colleague: string;
}

/**
 * A role-play from a real story: who is served, the situation they are in, what the
 * colleague did, and what came of it. The first sentence of a longer story is its
 * situation (the guided prompt writes "what led up to it" first).
 */
export function rolePlay(story: Story): RolePlay {
  const parts = sentences(story.text);
  const told = parts.length > 1 ? (parts[0] ?? '') : null;
  const situation = told ?? (story.customerKind === 'internal' ? 'A colleague needs help.' : 'A customer needs help.');
  const action = parts.length > 1 ? parts.slice(1).join(' ') : story.text.trim();
  return {
    storyId: story.id,
    customer: story.customer ?? unnamedCustomer(story, told),
    channel: story.channel,
    situation,
    action,
    impact: story.impact,
    colleague: story.staff.join(' and ') || 'the colleague',
  };
}

const CHANNEL_PHRASE: Readonly<Record<string, string>> = {
  phone: 'on the phone',
  email: 'writing by email',
  'in-person': 'in person',
  chat: 'on chat',
  social: 'on social media',
};

/**
 * Who to play when the story names nobody, described from the story itself: "the
 * customer in story #71, on the phone: a booking disappeared from the system."
 */
function unnamedCustomer(story: Story, situation: string | null): string {
  const who = `the ${story.customerKind === 'internal' ? 'colleague from another team' : 'customer'} in story #${story.id}`;
  const how = story.channel ? CHANNEL_PHRASE[story.channel] : undefined;
  // "A booking disappeared" reads on after a colon as "a booking disappeared"; a name keeps its capital.
  const what = situation ? situation.replace(/^(A|An|The|Her|His|Their|Our|Its)\b/u, (word) => word.toLowerCase()) : null;
  return `${who}${how ? `, ${how}` : ''}${what ? `: ${what}` : ''}`;
}

/** Three questions for the session, drawn from the stories and the figures. */
export function discussionQuestions(practice: Pick<Practice, 'name'>, stories: readonly Story[], evidence: readonly EvidenceItem[]): string[] {
  const questions: string[] = [];
  const first = stories[0];
  if (first) {
    const who = first.staff.join(' and ') || 'the colleague';
    questions.push(`In story #${first.id}, what exactly did ${who} do, and at which moment did it make the difference for ${first.customer ?? 'the customer'}?`);
  }
  const recovery = stories.find((s) => s.trigger === 'recovery');
  if (recovery) questions.push(`Story #${recovery.id} began with something going wrong. What failed first, and how would "${practice.name}" catch it sooner?`);
  const holder = star(evidence);
  if (evidence.length === 0) {
    questions.push(`Who has seen "${practice.name}" done well, here or elsewhere, and what exactly did that person do?`);
  } else if (isStarDependent(evidence) && holder) {
    questions.push(`Most of this evidence comes from ${holder.person}. What makes "${practice.name}" easy for ${holder.person} and harder for the rest of us?`);
  } else {
    questions.push(`${spread(evidence)} of us already do this. What stops "${practice.name}" from happening every time, for every customer?`);
  }
  questions.push(`Think of a customer you served this week: where would "${practice.name}" have changed how it ended?`);
  const second = stories[1];
  if (second) questions.push(`What do stories #${stories[0]?.id} and #${second.id} have in common that we could write down as a step?`);
  questions.push(`What would a customer notice first if every one of us did "${practice.name}" every time?`);
  return questions.slice(0, 3);
}

export interface TrainingPlan {
  practice: { name: string; description: string | null; status: string };
  figures: { stories: number; spread: number; starShare: number; starDependent: boolean; star: string | null };
  /** Set when the evidence is too thin to teach from. */
  warning: string | null;
  stories: Story[];
  coaches: Coach[];
  questions: string[];
  rolePlay: RolePlay | null;
  /** The written procedure, when the practice has one (a standard). */
  procedure: { version: number; text: string } | null;
  /** Active people with no training session on it yet, by name. */
  stillToTrain: string[];
}

/** What the plan needs to know of the team besides the stories. */
export interface TrainingPlanTeam {
  activePeople: readonly string[];
  trained: readonly TrainedPerson[];
  procedure: { version: number; text: string } | null;
}

/** The training brief for a practice, from its evidence stories (all of them, or the strongest candidates). */
export function buildTrainingPlan(practice: Practice, evidence: readonly EvidenceItem[], pool: readonly Story[], team: TrainingPlanTeam): TrainingPlan {
  const trained = new Set(team.trained.map((t) => nameKey(t.person)));
  const chosen = strongestStories(pool);
  const roleStory = chosen.find((s) => sentences(s.text).length > 1 && (s.customer || s.impact)) ?? chosen[0];
  return {
    practice: { name: practice.name, description: practice.description, status: practice.status },
    figures: evidenceFigures(evidence),
    warning:
      evidence.length < MIN_PLAN_EVIDENCE
        ? `only ${evidence.length} evidence ${evidence.length === 1 ? 'story' : 'stories'}: too little to show the practice is the team's, not one moment`
        : null,
    stories: chosen,
    coaches: coaches(evidence),
    questions: discussionQuestions(practice, chosen, evidence),
    rolePlay: roleStory ? rolePlay(roleStory) : null,
    procedure: team.procedure,
    stillToTrain: team.activePeople.filter((person) => !trained.has(nameKey(person))),
  };
}

/** Where a person stands on a practice in the training matrix. */
export const MATRIX_STATES = ['adopted', 'trained', 'untrained-evidence', 'gap'] as const;
export type MatrixState = (typeof MATRIX_STATES)[number];

export interface MatrixCell {
  person: string;
  state: MatrixState;
  trainedOn: Day | null;
  lastEvidenceOn: Day | null;
}

/**
 * One cell: trained and showing it in a story after the training (adopted), trained
 * only, showing it without training, or a gap.
 */
export function matrixCell(person: string, trained: readonly TrainedPerson[], evidence: readonly EvidenceItem[]): MatrixCell {
  const days = trained.filter((t) => t.person === person).map((t) => t.trainedOn).sort();
  const trainedOn = days[0] ?? null;
  const own = evidence.filter((item) => item.people.includes(person)).map((item) => item.occurredOn).sort();
  const lastEvidenceOn = own.at(-1) ?? null;
  const state: MatrixState =
    trainedOn !== null
      ? showsItAfter(evidence, person, trainedOn)
        ? 'adopted'
        : 'trained'
      : lastEvidenceOn !== null
        ? 'untrained-evidence'
        : 'gap';
  return { person, state, trainedOn, lastEvidenceOn };
}

export interface MatrixColumn {
  practice: string;
  status: string;
  star: string | null;
  /** People trained other than the star: 0 means the practice still lives in one person. */
  trainedOutsideStar: number;
  adoption: { trained: number; adopted: number; rate: number } | null;
  cells: MatrixCell[];
}

/** A practice's column of the matrix, for the given people. */
export function matrixColumn(
  practice: Pick<Practice, 'name' | 'status'>,
  people: readonly string[],
  trained: readonly TrainedPerson[],
  evidence: readonly EvidenceItem[],
): MatrixColumn {
  const holder = star(evidence)?.person ?? null;
  const trainedNames = new Set(trained.map((t) => t.person));
  if (holder) trainedNames.delete(holder);
  return {
    practice: practice.name,
    status: practice.status,
    star: holder,
    trainedOutsideStar: trainedNames.size,
    adoption: adoptionAfterTraining(trained, evidence) ?? null,
    cells: people.map((person) => matrixCell(person, trained, evidence)),
  };
}

/** The question a terminal asks when `svc train log` has no --people. */
export function attendeeQuestion(people: readonly string[]): Question {
  return people.length
    ? { kind: 'checkbox', key: 'people', message: 'Who attended? (Space to pick, Enter when done)', choices: people.map((p) => ({ value: p, name: p })) }
    : { kind: 'input', key: 'people', message: 'Who attended? (names, comma-separated)' };
}

/** The attendees from the answer, whichever question was asked. */
export function attendeesFromAnswer(answer: Answers[string]): string[] {
  const values = Array.isArray(answer) ? answer : typeof answer === 'string' ? answer.split(',') : [];
  return values.map((v) => v.trim()).filter(Boolean);
}
