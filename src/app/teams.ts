import { ConflictError, NotFoundError, UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { checkedName } from '../core/story.ts';
import { closestNames } from '../core/resolve.ts';
import { closesCycle } from '../core/team.ts';
import type { PersonPlace, Store, TeamRow, TeamSummary } from '../store/store.ts';

/** What `svc people edit` changes; a field left undefined stays as it is, null clears it. */
export interface PersonEdit {
  name: string;
  role?: string | undefined;
  team?: string | null | undefined;
  leader?: boolean | undefined;
}

export interface EditedPerson extends PersonPlace {
  id: number;
  name: string;
  /** Nobody had the name before: a leader may have no story yet. */
  created: boolean;
}

/** The team named (case-insensitive), or a NotFoundError. */
export function requireTeam(store: Store, name: string): TeamRow {
  const team = store.teams.find(name);
  if (team) return team;
  const closest = closestNames(name, store.teams.list());
  throw new NotFoundError(messages.teamNotFound(name), closest.length ? messages.didYouMean(closest.map((t) => t.name), 'svc teams lists them') : messages.teamNotFoundHint);
}

/** Sets a person's role, team and leader flag; the person and the team are created on first mention, as in `svc train log`. */
export function editPerson(store: Store, input: PersonEdit, clock: () => Date): EditedPerson {
  if (input.role === undefined && input.team === undefined && input.leader === undefined) {
    throw new UsageError(messages.nothingToEditPerson, messages.nothingToEditPersonHint);
  }
  const name = checkedName(input.name, 'NAME');
  if (!name) throw new UsageError(messages.emptyName('name'), messages.nothingToEditPersonHint);
  const role = input.role === undefined ? undefined : checkedName(input.role, '--role', 'role') || null;
  const teamName = typeof input.team === 'string' ? checkedName(input.team, '--team', 'team name') || null : input.team;
  const now = clock().toISOString();
  return store.transaction(() => {
    const known = store.people.find(name);
    const person = known ?? { id: store.people.ensure(name, now), name };
    const place = store.people.place(person.id);
    const team = teamName === undefined ? place.team : teamName === null ? null : store.teams.ensure(teamName, now).name;
    const next: PersonPlace = { role: role === undefined ? place.role : role, team, leader: input.leader ?? place.leader };
    store.people.setPlace(person.id, next, now);
    return { id: person.id, name: person.name, ...next, created: known === undefined };
  });
}

/** Puts a team inside a parent team (or takes it out); a cycle is refused. */
export function editTeam(store: Store, input: { name: string; parent: string | null | undefined }, clock: () => Date): TeamSummary {
  if (input.parent === undefined) throw new UsageError(messages.nothingToEditTeam, messages.nothingToEditTeamHint);
  const team = requireTeam(store, input.name);
  const parent = input.parent === null ? null : requireTeam(store, input.parent);
  store.transaction(() => {
    if (parent && closesCycle(store.teams.parents(), team.id, parent.id)) {
      throw new ConflictError(messages.teamCycle(team.name, parent.name), messages.teamCycleHint);
    }
    store.teams.setParent(team.id, parent?.id ?? null, clock().toISOString());
  });
  return store.teams.list().find((t) => t.id === team.id)!;
}

/** Every team with its parent, people and leaders. */
export function teamsView(store: Store): TeamSummary[] {
  return store.teams.list();
}

/** Who a `--team` filter keeps: the team's people and its sub-teams'. */
export interface TeamMembers {
  team: string;
  ids: number[];
  /** Their names, active people only: who the team's figures count. */
  activeNames: string[];
}

/** The people a `--team` filter keeps, or undefined without a filter; an unknown team is a NotFoundError. */
export function teamFilter(store: Store, team: string | undefined): TeamMembers | undefined {
  if (team === undefined) return undefined;
  const found = requireTeam(store, team);
  const people = store.teams.people(found.id);
  return { team: found.name, ids: people.map((p) => p.id), activeNames: people.filter((p) => p.active).map((p) => p.name) };
}

/** Reads one team's figures (its people and its sub-teams', their stories), or everyone's without a team. */
export function withinTeam<T>(store: Store, team: string | undefined, read: () => T): T {
  const members = teamFilter(store, team);
  return members ? store.teams.within(members.ids, read) : read();
}
