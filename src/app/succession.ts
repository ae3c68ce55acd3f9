import { toDay } from '../core/dates.ts';
import { ConflictError, UsageError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { shareByMonth, successionFor, type PracticePairing, type Succession } from '../core/succession.ts';
import type { Store } from '../store/store.ts';
import { requirePerson, requirePersonExactly } from './people.ts';
import { requirePractice } from './practice.ts';

/**
 * The person's name as stored, or a NotFoundError: checked before anything is indexed.
 * Looking takes a prefix; recording a pairing takes the whole name or the id.
 */
export function successionPerson(store: Store, name: string, input: { pairing: boolean }): string {
  return (input.pairing ? requirePersonExactly(store, name) : requirePerson(store, name)).name;
}

/** For a person: the agreed practices that would fall below two people without them, with pairing suggestions, and their pairings. */
export function personSuccession(store: Store, input: { person: string }): Succession {
  const person = requirePersonExactly(store, input.person);
  const { team } = store.people.place(person.id);
  const colleagues = store.chain.people();
  const atRisk = store.practices.list(['adopted', 'standard']).flatMap((practice) => {
    const found = successionFor(person.name, practice, store.practices.evidence(practice.id), store.trainings.trained(practice.id), colleagues, team);
    return found ? [found] : [];
  });
  return { person: person.name, atRisk, pairs: store.succession.pairsOfStar(person.id) };
}

/** A pairing as recorded: the names as stored, whatever was typed; `recorded` is false when it was there already. */
export interface Pairing {
  recorded: boolean;
  star: string;
  practice: string;
  learner: string;
}

/** Records that `learner` pairs with `person` on a practice, from today. */
export function recordPair(store: Store, input: { person: string; practice?: string | undefined; learner?: string | undefined }, clock: () => Date): Pairing {
  if (input.practice === undefined || input.learner === undefined) throw new UsageError(messages.pairNeedsLearner, messages.pairNeedsLearnerHint);
  const star = requirePersonExactly(store, input.person);
  const practice = requirePractice(store, input.practice);
  if (practice.status === 'retired') throw new ConflictError(messages.pairRetired(practice.name), messages.pairRetiredHint(practice.name));
  const learner = requirePersonExactly(store, input.learner);
  if (learner.id === star.id) throw new ValidationError(messages.pairSelf(star.name), messages.pairSelfHint);
  const now = clock();
  const recorded = store.transaction(() => store.succession.pair(practice.id, star.id, learner.id, toDay(now), now.toISOString()));
  return { recorded, star: star.name, practice: practice.name, learner: learner.name };
}

/** A practice's pairings, each with the star's monthly share of its evidence since the pairing. */
export function practiceSuccession(store: Store, practiceId: number): PracticePairing[] {
  const pairs = store.succession.pairsOfPractice(practiceId);
  if (pairs.length === 0) return [];
  const evidence = store.practices.evidence(practiceId);
  return pairs.map((pair) => {
    const before = evidence.filter((item) => item.occurredOn < pair.pairedOn);
    const shareBefore = before.length ? before.filter((item) => item.people.includes(pair.star)).length / before.length : null;
    return { ...pair, shareBefore, shareByMonth: shareByMonth(pair.star, evidence, pair.pairedOn) };
  });
}
