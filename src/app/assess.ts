import {
  assessmentDue,
  atLine,
  buildAssessmentView,
  draftResponse,
  formResponses,
  newRound,
  openRound,
  questionAttribute,
  questionKey,
  questionText,
  type AssessmentQuestion,
  type AssessmentResponse,
  type AssessmentRound,
  type AssessmentView,
} from '../core/assess.ts';
import { toDay, type Day } from '../core/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { buildSelfAssessmentSection, type SelfAssessmentSection } from '../core/perception.ts';
import type { InterviewRow } from '../core/report.ts';
import type { FormRow } from '../core/story-import.ts';
import { nameKey } from '../core/text.ts';
import type { PersonRow, Store } from '../store/store.ts';
import { requirePersonExactly } from './people.ts';

/** How the team runs its check-in (from the config). */
export interface AssessSettings {
  intervalDays: number;
  attributed: boolean;
}

/** The questions asked now (open ones), for the prompt and `question list`. */
export function assessmentQuestions(store: Store): AssessmentQuestion[] {
  return store.assessments.questions();
}


/** The open round, or a new one opened today. Call inside store.transaction(). */
function roundForNow(store: Store, now: Date, intervalDays: number): AssessmentRound {
  const today = toDay(now);
  return openRound(store.assessments.rounds(), today) ?? store.assessments.insertRound(newRound(today, intervalDays), now.toISOString());
}

/** Refuses a person who already answered the round open today. */
function refuseSecondAnswer(store: Store, person: PersonRow, today: Day): void {
  const round = openRound(store.assessments.rounds(), today);
  if (round && store.assessments.hasTaken(round.id, person.id)) throw new ConflictError(messages.assessAlreadyAnswered(person.name, round.openedOn), messages.assessAlreadyAnsweredHint);
}

/**
 * Checks who is answering before any question is asked: an unknown person, or one who
 * already answered this round, is refused before they spend a minute on it.
 */
export function checkAssessor(store: Store, input: { person: string }, now: Date): { person: string } {
  const person = requirePersonExactly(store, input.person);
  refuseSecondAnswer(store, person, toDay(now));
  return { person: person.name };
}

/** Saves one person's check-in to the open round (opening one if none is). */
export function answerAssessment(
  store: Store,
  input: { person: string; scores: ReadonlyMap<string, string>; notes: ReadonlyMap<string, string>; settings: AssessSettings },
  now: Date,
): { openedOn: Day; answers: number } {
  const today = toDay(now);
  return store.transaction(() => {
    const person = requirePersonExactly(store, input.person);
    const response = draftResponse(store.assessments.questions(), input.scores, input.notes);
    refuseSecondAnswer(store, person, today);
    const round = roundForNow(store, now, input.settings.intervalDays);
    store.assessments.recordResponse(round.id, person.id, response, input.settings.attributed);
    return { openedOn: round.openedOn, answers: response.answers.length };
  });
}

/**
 * Saves the check-ins of a form export to the open round.
 * Every row is checked first: one bad row and nothing is saved.
 */
export function importAssessment(
  store: Store,
  input: { form: { headers: readonly string[]; rows: readonly FormRow[] }; settings: AssessSettings },
  now: Date,
): { openedOn: Day; people: number } {
  const today = toDay(now);
  return store.transaction(() => {
    const questions = store.assessments.questions();
    const seen = new Set<string>();
    const checked: Array<{ person: PersonRow; response: AssessmentResponse }> = formResponses(input.form).map((row) =>
      atLine(row.line, () => {
        const person = requirePersonExactly(store, row.person);
        if (seen.has(nameKey(person.name))) throw new ValidationError(messages.assessImportTwice(person.name, row.line), messages.assessImportHint);
        seen.add(nameKey(person.name));
        refuseSecondAnswer(store, person, today);
        return { person, response: draftResponse(questions, row.scores, row.notes) };
      }),
    );
    if (checked.length === 0) throw new ValidationError(messages.assessImportEmpty, messages.assessImportHint);
    const round = roundForNow(store, now, input.settings.intervalDays);
    for (const { person, response } of checked) store.assessments.recordResponse(round.id, person.id, response, input.settings.attributed);
    return { openedOn: round.openedOn, people: checked.length };
  });
}

/** Adds a team question (the next version of a retired key). */
export function addAssessmentQuestion(store: Store, input: { key: string; text: string; attribute?: string | undefined }, now: Date): { key: string; version: number } {
  const key = questionKey(input.key);
  const text = questionText(input.text);
  const attribute = input.attribute === undefined ? null : questionAttribute(input.attribute);
  return store.transaction(() => {
    if (store.assessments.questions().some((q) => q.key === key && q.retiredAt === null)) {
      throw new ConflictError(messages.assessQuestionExists(key), messages.assessQuestionExistsHint(key));
    }
    return { key, version: store.assessments.insertQuestion({ key, text, attribute }, now.toISOString()) };
  });
}

/** Retires a question: it is no longer asked, and its past answers stay in their rounds. */
export function retireAssessmentQuestion(store: Store, input: { key: string }, now: Date): { key: string } {
  const key = questionKey(input.key);
  store.transaction(() => {
    if (!store.assessments.retireQuestion(key, now.toISOString())) throw new NotFoundError(messages.assessQuestionNotOpen(key), messages.assessQuestionsHint);
  });
  return { key };
}

/** The team figures of every round (and answers by name only for an attributed team). */
export function assessmentView(store: Store, input: { attributed: boolean }, now: Date): AssessmentView {
  return buildAssessmentView({ today: toDay(now), attributed: input.attributed, ...store.assessments.input() });
}

/** The status line of the self-assessment: due, or open with how many answered. */
export function assessmentStatus(store: Store, input: { intervalDays: number }, now: Date): { text: string; command: string } | null {
  const today = toDay(now);
  const rounds = store.assessments.rounds();
  const open = openRound(rounds, today);
  return assessmentDue(rounds, open?.took ?? 0, store.people.list().filter((p) => p.active).length, today, input.intervalDays);
}

/** Closes the open round today: its figures show (where enough answered) and it takes no more answers. */
export function closeAssessmentRound(store: Store, now: Date): { openedOn: Day; took: number } {
  const today = toDay(now);
  return store.transaction(() => {
    const round = openRound(store.assessments.rounds(), today);
    if (!round) throw new NotFoundError(messages.assessNoOpenRound, messages.assessNoOpenRoundHint);
    store.assessments.closeRound(round.id, today);
    return { openedOn: round.openedOn, took: round.took };
  });
}

/**
 * The report's self-assessment section for a built report: the team's latest figures,
 * and each attribute's rating beside the period's stories and the customers' words;
 * null before the first round.
 */
export function selfAssessmentForReport(
  store: Store,
  input: { stories: ReadonlyArray<{ attribute: string; stories: number }>; interviews: ReadonlyArray<InterviewRow> },
  now: Date,
): SelfAssessmentSection | null {
  // The report is shown to the whole team: team figures only, whatever assess.attributed says.
  const assessment = assessmentView(store, { attributed: false }, now);
  // A team that has not started assessing itself gets no section (and no gap to discuss).
  if (assessment.rounds.length === 0) return null;
  return buildSelfAssessmentSection({
    assessment,
    stories: input.stories,
    interviews: input.interviews.filter((i) => i.status === 'done').map((i) => [i.learned, i.liked, i.change]),
  });
}
