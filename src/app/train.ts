import { parsePastDay, toDay, type Day } from '../core/dates.ts';
import { ConflictError, UsageError } from '../core/errors.ts';
import { cappedText, MAX_NOTE_LENGTH } from '../core/limits.ts';
import { messages } from '../core/messages.ts';
import type { Practice } from '../core/practice.ts';
import type { PlannedSession } from '../core/rhythm.ts';
import { checkedName, cleanNames } from '../core/story.ts';
import { nameKey } from '../core/text.ts';
import { matrixColumn, type MatrixColumn } from '../core/training.ts';
import type { Store, Training } from '../store/store.ts';
import { newPeopleAmong, type NewPerson } from './names.ts';
import { requirePractice } from './practice.ts';

/** The practice named, or a ConflictError when it is retired: nobody trains on those any more. */
function requireTrainablePractice(store: Store, name: unknown): Practice {
  const practice = requirePractice(store, name);
  if (practice.status === 'retired') throw new ConflictError(messages.trainRetired(practice.name), messages.trainRetiredHint(practice.name));
  return practice;
}

function facilitatorName(typed: string | undefined): string | null {
  return typed === undefined ? null : checkedName(typed, '--facilitator', 'facilitator name') || null;
}

/** The practice and day of a session to log, checked before anyone is asked who attended. */
export function trainingToLog(store: Store, input: { practice: string; on?: string | undefined }, clock: () => Date): { practice: Practice; heldOn: Day } {
  const practice = requireTrainablePractice(store, input.practice);
  const now = clock();
  return { practice, heldOn: input.on === undefined ? toDay(now) : parsePastDay(input.on, now, '--on', messages.futureTrainingHint) };
}

/** Everyone's name, for the question that asks who attended. */
export function attendeeChoices(store: Store): string[] {
  return store.people.names();
}

export interface LoggedTraining {
  training: Training;
  /** The attendees as given (cleaned, in their order). */
  people: string[];
  /** How many training assignments the session closed. */
  closedAssignments: number;
  /** Attendees and facilitator svc did not know before: worth a spelling check. */
  newcomers: NewPerson[];
}

/** Logs a training session held on a practice, creating people on first mention. */
export function logTraining(
  store: Store,
  input: { practice: Practice; heldOn: Day; people: readonly string[]; facilitator?: string | undefined; notes?: string | undefined },
  clock: () => Date,
): LoggedTraining {
  const people = cleanNames(input.people);
  if (people.length === 0) throw new UsageError(messages.noAttendeesPicked, messages.noAttendeesPickedHint);
  const facilitator = facilitatorName(input.facilitator);
  const notes = cappedText(input.notes, '--notes', MAX_NOTE_LENGTH);
  return store.transaction(() => {
    const newcomers = newPeopleAmong(store, [...new Map([...people, ...(facilitator ? [facilitator] : [])].map((name) => [nameKey(name), name])).values()]);
    const id = store.trainings.insert({ practiceId: input.practice.id, heldOn: input.heldOn, people, facilitator, notes }, clock().toISOString());
    const training = store.trainings.list(input.practice.id).find((t) => t.id === id) as Training;
    return { training, people, closedAssignments: store.trainings.closedAssignments(id), newcomers };
  });
}

/** Every logged session, or those on one practice. */
export function listTrainings(store: Store, input: { practice?: string | undefined }): Training[] {
  const practiceId = input.practice === undefined ? undefined : requirePractice(store, input.practice).id;
  return store.trainings.list(practiceId);
}

/**
 * Who is trained on which practice and who shows it in their stories: the adopted and
 * standard practices (or one), for everyone (or the people given, such as a team's).
 */
export function trainingMatrix(store: Store, input: { practice?: string | undefined; people?: readonly string[] | undefined }): { people: string[]; practices: MatrixColumn[] } {
  return store.read(() => {
    const practices = input.practice === undefined ? store.practices.list(['adopted', 'standard']) : [requirePractice(store, input.practice)];
    const people = input.people ? [...input.people] : store.people.names();
    return { people, practices: practices.map((p) => matrixColumn(p, people, store.trainings.trained(p.id), store.practices.evidence(p.id))) };
  });
}

/** Plans a training session ahead (its day and time already parsed), so it reaches the team's calendar. */
export function scheduleTraining(
  store: Store,
  input: { practice: string; plannedOn: Day; startsAt: string | null; minutes?: number | undefined; facilitator?: string | undefined },
  clock: () => Date,
): { practice: Practice; session: PlannedSession | undefined } {
  const { plannedOn, startsAt } = input;
  const practice = requireTrainablePractice(store, input.practice);
  const facilitator = facilitatorName(input.facilitator);
  const session = store.transaction(() => {
    const uuid = store.trainings.plan({ practiceId: practice.id, plannedOn, startsAt, minutes: startsAt ? (input.minutes ?? 60) : null, facilitator }, clock().toISOString());
    return store.trainings.planned(plannedOn).find((s) => s.uuid === uuid);
  });
  return { practice, session };
}
