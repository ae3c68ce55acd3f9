/**
 * The team's self-assessment (seed 002: "constantly assess how we are doing"; seed 004:
 * performance vs perception). Questions, answers read from flags or a form, rounds, and
 * the team figures, which show nothing of anyone's own answers: a question's figures
 * appear only once its round has closed and at least MIN_ANSWERING people answered it,
 * and then only as a mean and a count, never a distribution.
 */
import { shiftDay, type Day } from './dates.ts';
import { NotFoundError, UsageError, ValidationError } from './errors.ts';
import { messages } from './messages.ts';
import { QUALITY_ORDER, type QualityAttribute } from './phrases.ts';
import type { Choice, Question } from './prompt.ts';
import type { FormRow } from './story-import.ts';

/** Fewer people than this answering a question in a round, and its figures stay hidden. */
export const MIN_ANSWERING = 3;
export const SCORES = [1, 2, 3, 4, 5] as const;
export const NOTE_MAX = 1000;
export const QUESTION_TEXT_MAX = 300;

export interface AssessmentQuestion {
  id: number;
  uuid: string;
  key: string;
  version: number;
  text: string;
  attribute: QualityAttribute | null;
  builtIn: boolean;
  retiredAt: string | null;
}

/** One person's check-in, checked and ready to store: scores (and notes) by question id. */
export interface AssessmentResponse {
  answers: Array<{ questionId: number; score: number; note: string | null }>;
}

export interface AssessmentRound {
  id: number;
  openedOn: Day;
  closesOn: Day;
}

/** "returns-calls" and the like: lower-case words joined by hyphens. */
export function questionKey(typed: string): string {
  const key = typed.trim().toLowerCase();
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/u.test(key) || key.length > 40) throw new UsageError(messages.assessBadKey(typed), messages.assessBadKeyHint);
  return key;
}

/** The attribute a team question asks about, from its name or tag ("clear-head"). */
export function questionAttribute(typed: string): QualityAttribute {
  const wanted = typed.trim().toLowerCase().replace(/-/gu, ' ').replace('demeanour', 'demeanor');
  const attribute = QUALITY_ORDER.find((a) => a === wanted);
  if (!attribute) throw new UsageError(messages.assessBadAttribute(typed), messages.assessBadAttributeHint(QUALITY_ORDER));
  return attribute;
}

/** A question's text: one line, not empty, bounded. */
export function questionText(typed: string): string {
  const text = typed.replace(/\s+/gu, ' ').trim();
  if (text === '') throw new ValidationError(messages.assessEmptyQuestion, messages.assessEmptyQuestionHint);
  if (text.length > QUESTION_TEXT_MAX) throw new ValidationError(messages.assessQuestionTooLong(text.length, QUESTION_TEXT_MAX), messages.assessEmptyQuestionHint);
  return text;
}

/** A score typed as text: a whole number from 1 to 5. */
export function parseScore(typed: string, where: string): number {
  const text = typed.trim();
  const score = /^\d+$/u.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new ValidationError(messages.assessBadScore(where, typed), messages.assessBadScoreHint);
  return score;
}

/** KEY=VALUE pairs (--answer, --note), each key once. */
export function keyValues(pairs: readonly string[], flag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(messages.assessBadPair(flag, pair), messages.assessBadPairHint(flag));
    const key = pair.slice(0, at).trim().toLowerCase();
    if (found.has(key)) throw new UsageError(messages.assessRepeatedKey(flag, key), messages.assessBadPairHint(flag));
    found.set(key, pair.slice(at + 1));
  }
  return found;
}

/** A note: one paragraph, bounded; empty means none. */
function cleanNote(typed: string | undefined, key: string): string | null {
  const note = (typed ?? '').replace(/\s+/gu, ' ').trim();
  if (note === '') return null;
  if (note.length > NOTE_MAX) throw new ValidationError(messages.assessNoteTooLong(key, note.length, NOTE_MAX), messages.assessNoteTooLongHint);
  return note;
}

/**
 * One person's answers from scores and notes by question key, checked against the
 * questions: an unknown key is not found, a retired one is refused, a note needs a
 * score beside it, and at least one question must be answered.
 */
export function draftResponse(
  questions: readonly AssessmentQuestion[],
  scores: ReadonlyMap<string, string>,
  notes: ReadonlyMap<string, string> = new Map(),
): AssessmentResponse {
  const open = questions.filter((q) => q.retiredAt === null);
  const byKey = (key: string): AssessmentQuestion => {
    const question = open.find((q) => q.key === key);
    if (question) return question;
    if (questions.some((q) => q.key === key)) throw new ValidationError(messages.assessRetiredQuestion(key), messages.assessQuestionsHint);
    throw new NotFoundError(messages.assessUnknownQuestion(key), messages.assessQuestionsHint);
  };
  for (const key of notes.keys()) {
    byKey(key);
    if (!scores.has(key)) throw new ValidationError(messages.assessNoteWithoutScore(key), messages.assessNoteWithoutScoreHint(key));
  }
  const answers = [...scores].map(([key, typed]) => {
    const question = byKey(key);
    return { questionId: question.id, score: parseScore(typed, key), note: cleanNote(notes.get(key), key) };
  });
  if (answers.length === 0) throw new UsageError(messages.assessNoAnswers, messages.assessNoAnswersHint);
  return { answers };
}

/** The round open on a day: the latest one that opened on or before it and has not closed. */
export function openRound<R extends AssessmentRound>(rounds: readonly R[], today: Day): R | undefined {
  return rounds.filter((r) => r.openedOn <= today && today < r.closesOn).sort((a, b) => b.openedOn.localeCompare(a.openedOn))[0];
}

/** A new round's window: from today, for the team's interval. */
export function newRound(today: Day, intervalDays: number): { openedOn: Day; closesOn: Day } {
  return { openedOn: today, closesOn: shiftDay(today, intervalDays) };
}

/** Counts of each score given to one question in one round, as stored. */
export interface Tally {
  roundId: number;
  questionId: number;
  score: number;
  answers: number;
}

export interface QuestionFigure {
  key: string;
  version: number;
  text: string;
  attribute: QualityAttribute | null;
  retired: boolean;
  answered: number;
  /** The mean score to one decimal; null while the round is open or fewer than MIN_ANSWERING answered. */
  mean: number | null;
  /** Why the mean is not shown: the round is still open, or too few answered; null when it is shown. */
  hidden: 'open' | 'few' | null;
  /** Notes in alphabetical order (never in the order given); empty while hidden. */
  notes: string[];
}

export interface RoundFigures {
  openedOn: Day;
  closesOn: Day;
  open: boolean;
  /** People who took part in the round. */
  took: number;
  questions: QuestionFigure[];
}

/** What the team sees of its self-assessment: every round, latest first, team figures only. */
export interface AssessmentView {
  minAnswering: number;
  attributed: boolean;
  rounds: RoundFigures[];
  /** Each person's own answers, only when the team chose attributed answers. */
  byPerson: Array<{ openedOn: Day; person: string; key: string; score: number; note: string | null }>;
}

/** The team figures of each round: a mean and notes per question, shown only from MIN_ANSWERING answers. */
export function buildAssessmentView(input: {
  today: Day;
  attributed: boolean;
  rounds: ReadonlyArray<AssessmentRound & { took: number }>;
  questions: readonly AssessmentQuestion[];
  tallies: readonly Tally[];
  notes: ReadonlyArray<{ roundId: number; questionId: number; note: string }>;
  byPerson: AssessmentView['byPerson'];
}): AssessmentView {
  const rounds = [...input.rounds]
    .sort((a, b) => b.openedOn.localeCompare(a.openedOn))
    .map((round) => ({
      openedOn: round.openedOn,
      closesOn: round.closesOn,
      open: round.openedOn <= input.today && input.today < round.closesOn,
      took: round.took,
      questions: input.questions
        .map((question) => {
          const tallies = input.tallies.filter((t) => t.roundId === round.id && t.questionId === question.id);
          const answered = tallies.reduce((n, t) => n + t.answers, 0);
          // While a round is open nothing shows: a figure seen before and after one more answer would give that answer away.
          const open = round.openedOn <= input.today && input.today < round.closesOn;
          const hidden = open ? ('open' as const) : answered < MIN_ANSWERING ? ('few' as const) : null;
          const shown = hidden === null;
          const sum = tallies.reduce((n, t) => n + t.score * t.answers, 0);
          return {
            key: question.key,
            version: question.version,
            text: question.text,
            attribute: question.attribute,
            retired: question.retiredAt !== null,
            answered,
            hidden,
            mean: shown ? Math.round((sum / answered) * 10) / 10 : null,
            notes: shown
              ? input.notes
                  .filter((n) => n.roundId === round.id && n.questionId === question.id)
                  .map((n) => n.note)
                  .sort((a, b) => a.localeCompare(b))
              : [],
          };
        })
        // A retired question appears only in the rounds that asked it.
        .filter((q) => !q.retired || q.answered > 0),
    }));
  return { minAnswering: MIN_ANSWERING, attributed: input.attributed, rounds, byPerson: input.attributed ? input.byPerson : [] };
}

/** The mean the latest round with enough answers gives each attribute (for perception beside performance). */
export function attributeMeans(view: AssessmentView): Map<QualityAttribute, { mean: number; answered: number; openedOn: Day }> {
  const found = new Map<QualityAttribute, { mean: number; answered: number; openedOn: Day }>();
  for (const round of view.rounds) {
    for (const q of round.questions) {
      if (q.attribute && q.mean !== null && !found.has(q.attribute)) found.set(q.attribute, { mean: q.mean, answered: q.answered, openedOn: round.openedOn });
    }
  }
  return found;
}

const SCORE_CHOICES: Choice[] = [
  { value: '5', name: '5 — always' },
  { value: '4', name: '4 — mostly' },
  { value: '3', name: '3 — sometimes' },
  { value: '2', name: '2 — rarely' },
  { value: '1', name: '1 — hardly ever' },
];

/** The check-in as a prompt flow: a score and an optional note per open question. */
export function assessQuestions(questions: readonly AssessmentQuestion[]): Question[] {
  return questions
    .filter((q) => q.retiredAt === null)
    .flatMap((q, i, all): Question[] => [
      { kind: 'select', key: `score:${q.key}`, message: `(${i + 1}/${all.length}) ${q.text}`, choices: SCORE_CHOICES, default: '3' },
      {
        kind: 'input',
        key: `note:${q.key}`,
        message: 'A note? (optional, Enter to skip)',
        validate: (value) => (value.trim().length <= NOTE_MAX ? true : messages.assessNoteTooLong(q.key, value.trim().length, NOTE_MAX)),
      },
    ]);
}

/** Scores and notes by key from the prompt's answers. */
export function responseFromAnswers(answers: Record<string, unknown>): { scores: Map<string, string>; notes: Map<string, string> } {
  const scores = new Map<string, string>();
  const notes = new Map<string, string>();
  for (const [key, value] of Object.entries(answers)) {
    if (typeof value !== 'string') continue;
    if (key.startsWith('score:')) scores.set(key.slice(6), value);
    else if (key.startsWith('note:') && value.trim() !== '') notes.set(key.slice(5), value);
  }
  return { scores, notes };
}

/** One row of a form export: who, and their scores and notes by question key. */
export interface FormResponse {
  line: number;
  person: string;
  scores: Map<string, string>;
  notes: Map<string, string>;
}

/**
 * The rows of a form export: a column "name" (or "person"), a column per question key
 * holding the score, and optional "KEY note" columns. Empty cells are questions left
 * unanswered.
 */
export function formResponses(form: { headers: readonly string[]; rows: readonly FormRow[] }): FormResponse[] {
  const columns = form.headers.map((h) => h.trim().toLowerCase());
  const nameAt = columns.findIndex((c) => c === 'name' || c === 'person');
  if (nameAt < 0) throw new ValidationError(messages.assessImportNoName, messages.assessImportHint);
  return form.rows.map(({ cells, line }) => {
    const scores = new Map<string, string>();
    const notes = new Map<string, string>();
    columns.forEach((column, at) => {
      const cell = (cells[at] ?? '').trim();
      if (at === nameAt || column === '' || cell === '') return;
      const note = /^(.+?)\s+note$/u.exec(column);
      if (note) notes.set(note[1] ?? '', cell);
      else scores.set(column, cell);
    });
    const person = (cells[nameAt] ?? '').trim();
    if (person === '') throw new ValidationError(messages.assessImportNoPerson(line), messages.assessImportHint);
    return { line, person, scores, notes };
  });
}

/** "line 3: …": a form row's problem, keeping the error's kind and hint. */
export function atLine<T>(line: number, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error && 'exitCode' in error) {
      error.message = `line ${line}: ${error.message}`;
    }
    throw error;
  }
}

/** What `svc status` says of the self-assessment: open with how many answered, due, or nothing until the next round. */
export function assessmentDue(
  rounds: readonly AssessmentRound[],
  took: number,
  activePeople: number,
  today: Day,
  intervalDays: number,
): { text: string; command: string } | null {
  const round = openRound(rounds, today);
  if (round) return { text: `self-assessment open until ${round.closesOn}: ${took} of ${activePeople} answered`, command: 'svc assess --as NAME' };
  const last = [...rounds].sort((a, b) => b.openedOn.localeCompare(a.openedOn))[0];
  if (!last) return { text: 'no self-assessment yet: each person answers a one-minute check-in', command: 'svc assess --as NAME' };
  // A round closed early to debrief does not bring the next one forward.
  if (today < shiftDay(last.openedOn, intervalDays)) return null;
  return { text: `the self-assessment is due (the last round opened on ${last.openedOn})`, command: 'svc assess --as NAME' };
}
