import { toDay } from '../core/dates.ts';
import { ConflictError, NotFoundError, UsageError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { shareByMonth, successionFor, type PracticePairing, type Succession } from '../core/succession.ts';
import type { Store } from '../store/store.ts';
import { requirePersonExactly } from './people.ts';


/** The person's name as stored, or a NotFoundError: checked before anything is indexed. */
export function successionPerson(store: Store, name: string): string {
  return requirePersonExactly(store, name).name;
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

/** Records that `learner` pairs with `person` on a practice, from today. */
export function recordPair(store: Store, input: { person: string; practice?: string | undefined; learner?: string | undefined }, clock: () => Date): { recorded: boolean } {
  if (input.practice === undefined || input.learner === undefined) throw new UsageError(messages.pairNeedsLearner, messages.pairNeedsLearnerHint);
  const star = requirePersonExactly(store, input.person);
  const practice = store.practices.find(input.practice);
  if (!practice) throw new NotFoundError(messages.practiceNotFound(input.practice), messages.practiceNotFoundHint);
  if (practice.status === 'retired') throw new ConflictError(messages.pairRetired(practice.name), messages.pairRetiredHint(practice.name));
  const learner = requirePersonExactly(store, input.learner);
  if (learner.id === star.id) throw new ValidationError(messages.pairSelf(star.name), messages.pairSelfHint);
  const now = clock();
  return { recorded: store.transaction(() => store.succession.pair(practice.id, star.id, learner.id, toDay(now), now.toISOString())) };
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
