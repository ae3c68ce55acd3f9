import { ConflictError, UsageError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { couldCoach } from '../core/practice.ts';
import { checkedName } from '../core/story.ts';
import type { PersonPractice, PersonRow, PersonSummary, Store } from '../store/store.ts';
import { resolveNamed } from './names.ts';

/** The person named (loosely: any case, accents optional, a unique prefix, or the id), or a NotFoundError. */
export function requirePerson(store: Store, name: unknown): PersonRow {
  return store.people.find(resolveNamed(store, 'person', String(name ?? '')).name) as PersonRow;
}

/**
 * The person with this whole name (any case, accents optional) or id, or a NotFoundError
 * suggesting the closest names: what records a person's answer, assignment, pairing or
 * place in the chain takes no prefix, so a typo never lands on someone else.
 */
export function requirePersonExactly(store: Store, name: string): PersonRow {
  return store.people.find(resolveNamed(store, 'person', name, { exact: true }).name) as PersonRow;
}

export function listPeople(store: Store): PersonSummary[] {
  return store.people.list();
}

export interface PersonView {
  id: number;
  name: string;
  role: string | null;
  team: string | null;
  leader: boolean;
  active: boolean;
  stories: number;
  lastStoryOn: string | null;
  practices: Array<PersonPractice & { couldCoach: boolean }>;
  tags: Array<{ tag: string; stories: number }>;
  /** The practices they could coach: they show it, most colleagues do not yet. */
  coaches: string[];
}

/** What `svc people show` says about a person (named loosely, as requirePerson takes it). */
export function personView(store: Store, input: { name: string }): PersonView {
  return store.read(() => {
    const person = requirePerson(store, input.name);
    const summary = store.people.list().find((p) => p.id === person.id);
    const colleagues = store.people.activeCount() - (person.active === 1 ? 1 : 0);
    const practices = store.people.practices(person.id).map((p) => ({ ...p, couldCoach: couldCoach(p.colleaguesWithEvidence, colleagues) }));
    return {
      id: person.id,
      name: person.name,
      role: person.role,
      team: person.team,
      leader: store.people.place(person.id).leader,
      active: person.active === 1,
      stories: summary?.stories ?? 0,
      lastStoryOn: summary?.lastStoryOn ?? null,
      practices,
      tags: store.people.tags(person.id),
      coaches: practices.filter((p) => p.couldCoach).map((p) => p.practice),
    };
  });
}

/** Marks a person active or not; saying what they already are is a ConflictError. */
export function setPersonActive(store: Store, input: { name: string; active: boolean }, clock: () => Date): PersonRow {
  const person = requirePerson(store, input.name);
  if ((person.active === 1) === input.active) throw new ConflictError(messages.personAlready(person.name, input.active), messages.personAlreadyHint);
  store.transaction(() => store.people.setActive(person.id, input.active, clock().toISOString()));
  return person;
}

/** Renames a person; a name another person has is a ConflictError. Returns the person as they were. */
export function renamePerson(store: Store, input: { name: string; newName: string }, clock: () => Date): PersonRow & { newName: string } {
  const person = requirePerson(store, input.name);
  const name = checkedName(input.newName, 'the new name');
  if (!name) throw new ValidationError(messages.emptyName('name'), messages.emptyNameHint('svc people rename Bo "Bo Lind"'));
  store.transaction(() => {
    const other = store.people.find(name);
    if (other && other.id !== person.id) throw new ConflictError(messages.personExists(other.name), messages.personExistsHint(person.name, other.name));
    store.people.rename(person.id, name, clock().toISOString());
  });
  return { ...person, newName: name };
}

/** The two people a merge joins, checked before anyone is asked to confirm it. */
export function peopleToMerge(store: Store, input: { from: string; into: string }): { from: PersonRow; into: PersonRow } {
  const from = requirePerson(store, input.from);
  const into = requirePerson(store, input.into);
  if (from.id === into.id) throw new UsageError(messages.mergeSame('person'), messages.mergeSameHint('svc people'));
  return { from, into };
}

/** Moves one person's stories, evidence and trainings to another and deletes the first. */
export function mergePeople(store: Store, input: { from: string; into: string }, clock: () => Date): void {
  // Resolved again inside the transaction: another svc may have changed them since they were checked.
  store.transaction(() => store.people.merge(requirePerson(store, input.from).id, requirePerson(store, input.into).id, clock().toISOString()));
}

/** The person to remove, or a ConflictError when a story credits them or they facilitated a training. */
export function removablePerson(store: Store, input: { name: string }): PersonRow {
  const person = requirePerson(store, input.name);
  const stories = store.people.evidenceCount(person.id);
  if (stories > 0) throw new ConflictError(messages.personHasEvidence(person.name, stories), messages.personHasEvidenceHint(person.name));
  const trainings = store.people.facilitatedCount(person.id);
  if (trainings > 0) throw new ConflictError(messages.personFacilitated(person.name, trainings), messages.personHasEvidenceHint(person.name));
  return person;
}

/** Deletes a person no story credits and who facilitated no training. */
export function removePerson(store: Store, input: { name: string }, clock: () => Date): void {
  store.transaction(() => {
    // Checked again under the lock: another svc may have changed them while the user was asked.
    const person = removablePerson(store, input);
    store.people.remove(person.id, clock().toISOString());
  });
}
