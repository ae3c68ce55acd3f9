import { toDay, type Day } from '../core/dates.ts';
import { ConflictError, UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { assignmentState, buildProgramme, parseDueDay, type Assignment, type PersonProgramme, type Programme } from '../core/programme.ts';
import { cleanNames } from '../core/story.ts';
import type { Store } from '../store/store.ts';
import { teamFilter } from './teams.ts';
import { requirePersonExactly } from './people.ts';
import { requirePractice } from './practice.ts';

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
  const practice = requirePractice(store, input.practice);
  if (practice.status === 'retired') throw new ConflictError(messages.assignRetired(practice.name), messages.assignRetiredHint(practice.name));
  const dueOn = parseDueDay(input.due, now);
  const named = cleanNames(input.people ?? [], '--people').map((name) => requirePersonExactly(store, name).id);
  const team = teamFilter(store, input.team);
  if (team && team.activeNames.length === 0) throw new ConflictError(messages.emptyTeam(team.team), messages.emptyTeamHint);
  const fromTeam = team ? team.activeNames.map((name) => requirePersonExactly(store, name).id) : [];
  const people = [...new Set([...named, ...fromTeam])];
  if (people.length === 0) throw new UsageError(messages.assignNobody, messages.assignNobodyHint);
  const ids = store.transaction(() => store.programme.assign(practice.id, people, dueOn, now.toISOString()));
  const today = toDay(now);
  return { practice: practice.name, dueOn, assignments: store.programme.assignmentsByIds(ids).map((a) => assignmentState(a, today)) };
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
  const practice = requirePractice(store, input.practice);
  const procedure = store.procedures.current(practice.id);
  if (!procedure) throw new ConflictError(messages.ackNoProcedure(practice.name), messages.ackNoProcedureHint(practice.name));
  const person = requirePersonExactly(store, input.person);
  const recorded = store.transaction(() => store.programme.acknowledge(procedure.id, person.id, clock().toISOString()));
  return { practice: practice.name, version: procedure.version, person: person.name, recorded };
}

/** The programme on a day, for everyone active or one team (and its sub-teams). */
export function loadProgramme(store: Store, input: { today: Day; team?: string | undefined }): Programme {
  const team = teamFilter(store, input.team);
  return buildProgramme(store.programme.assignments({ personIds: team?.ids }), store.programme.unread(team?.ids), input.today);
}

/** What `svc people show` lists of a person's training. */
export function personProgramme(store: Store, personId: number, today: Day): PersonProgramme {
  return {
    trainings: store.programme.personTrainings(personId),
    assignments: store.programme.assignments({ personId }).map((a) => assignmentState(a, today)),
    acknowledgements: store.programme.personAcknowledgements(personId),
  };
}
