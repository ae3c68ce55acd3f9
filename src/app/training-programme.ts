import { toDay, type Day } from '../core/dates.ts';
import { ConflictError, NotFoundError, UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Practice } from '../core/practice.ts';
import { assignmentState, buildProgramme, parseDueDay, type Assignment, type PersonProgramme, type Programme } from '../core/programme.ts';
import { cleanNames } from '../core/story.ts';
import type { Connection as Store } from '../store/db.ts';
import { findPerson, type PersonRow } from '../store/people.ts';
import { findPractice } from '../store/practices.ts';
import { currentProcedure } from '../store/procedures.ts';
import {
  acknowledgeProcedure,
  assignmentsByIds,
  assignPractice,
  listAssignments,
  personAcknowledgements,
  personTrainings,
  unreadProcedures,
} from '../store/programme.ts';
import { teamFilter } from './teams.ts';

/** The practice named (case-insensitive, or by id), or a NotFoundError. */
function requirePracticeNamed(store: Store, name: string): Practice {
  const practice = findPractice(store.db, name);
  if (!practice) throw new NotFoundError(messages.practiceNotFound(name), messages.practiceNotFoundHint);
  return practice;
}

/** The person named, or a NotFoundError: an assignment or an acknowledgement is never made for a typo. */
function requirePersonNamed(store: Store, name: string): PersonRow {
  const person = findPerson(store.db, name);
  if (!person) throw new NotFoundError(messages.personNotFound(name), messages.personNotFoundHint);
  return person;
}

export interface AssignInput {
  practice: string;
  people?: readonly string[] | undefined;
  team?: string | undefined;
  due: string;
}

export interface Assigned {
  practice: string;
  dueOn: Day;
  assignments: Assignment[];
}

/** Assigns a practice's training to people and/or a team's active people, due by a day to come. */
export function assignTraining(store: Store, input: AssignInput, clock: () => Date): Assigned {
  const now = clock();
  const practice = requirePracticeNamed(store, input.practice);
  if (practice.status === 'retired') throw new ConflictError(messages.assignRetired(practice.name), messages.assignRetiredHint(practice.name));
  const dueOn = parseDueDay(input.due, now);
  const named = cleanNames(input.people ?? [], '--people').map((name) => requirePersonNamed(store, name).id);
  const team = teamFilter(store, input.team);
  if (team && team.activeNames.length === 0) throw new ConflictError(messages.emptyTeam(team.team), messages.emptyTeamHint);
  const fromTeam = team ? team.activeNames.map((name) => requirePersonNamed(store, name).id) : [];
  const people = [...new Set([...named, ...fromTeam])];
  if (people.length === 0) throw new UsageError(messages.assignNobody, messages.assignNobodyHint);
  const ids = store.write(() => assignPractice(store.db, practice.id, people, dueOn, now.toISOString()));
  const today = toDay(now);
  return { practice: practice.name, dueOn, assignments: assignmentsByIds(store.db, ids).map((a) => assignmentState(a, today)) };
}

export interface Acknowledged {
  practice: string;
  version: number;
  person: string;
  /** False when they had acknowledged this version already. */
  recorded: boolean;
}

/** Records that a person read the current version of a practice's procedure. */
export function acknowledgeCurrentProcedure(store: Store, input: { practice: string; person: string }, clock: () => Date): Acknowledged {
  const practice = requirePracticeNamed(store, input.practice);
  const procedure = currentProcedure(store.db, practice.id);
  if (!procedure) throw new ConflictError(messages.ackNoProcedure(practice.name), messages.ackNoProcedureHint(practice.name));
  const person = requirePersonNamed(store, input.person);
  const recorded = store.write(() => acknowledgeProcedure(store.db, procedure.id, person.id, clock().toISOString()));
  return { practice: practice.name, version: procedure.version, person: person.name, recorded };
}

/** The programme on a day, for everyone active or one team (and its sub-teams). */
export function loadProgramme(store: Store, input: { today: Day; team?: string | undefined }): Programme {
  const team = teamFilter(store, input.team);
  return buildProgramme(listAssignments(store.db, { personIds: team?.ids }), unreadProcedures(store.db, team?.ids), input.today);
}

/** What `svc people show` lists of a person's training. */
export function personProgramme(store: Store, personId: number, today: Day): PersonProgramme {
  return {
    trainings: personTrainings(store.db, personId),
    assignments: listAssignments(store.db, { personId }).map((a) => assignmentState(a, today)),
    acknowledgements: personAcknowledgements(store.db, personId),
  };
}
