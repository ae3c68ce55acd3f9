import { buildChain, type Chain } from '../core/chain.ts';
import { NotFoundError, UsageError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Period } from '../core/report.ts';
import { nameKey } from '../core/text.ts';
import { chainEdges, chainPeople, chainStoryCounts, findInternalCustomer, linkCustomerToPerson, unlinkedInternalCustomers, type UnlinkedCustomer } from '../store/chain.ts';
import type { Connection as Store } from '../store/db.ts';
import { findPerson, type PersonRow } from '../store/people.ts';
import { requireTeam, withinTeam } from './teams.ts';

function requirePersonNamed(store: Store, name: string): PersonRow {
  const person = findPerson(store.db, name);
  if (!person) throw new NotFoundError(messages.personNotFound(name), messages.personNotFoundHint);
  return person;
}

/** Who serves whom in a period and the one before, with the leaders and those never served. */
export function loadChain(store: Store, period: Pick<Period, 'since' | 'until' | 'previous'>): Chain {
  return store.db.transaction(() => {
    const now = chainStoryCounts(store.db, period);
    const before = chainStoryCounts(store.db, period.previous);
    return buildChain({
      window: period,
      previous: period.previous,
      edges: chainEdges(store.db, period),
      previousEdges: chainEdges(store.db, period.previous),
      stories: now.linked,
      previousStories: before.linked,
      people: chainPeople(store.db),
      unresolved: now.unresolved,
    });
  })();
}

/**
 * `svc chain`: everyone's chain, or with a team only its people and the teams inside it
 * (who among them serves whom), named as stored. An unknown team is a NotFoundError.
 */
export function chainView(store: Store, input: { period: Pick<Period, 'since' | 'until' | 'previous'>; team?: string | undefined }): Chain {
  if (input.team === undefined) return loadChain(store, input.period);
  const team = requireTeam(store, input.team).name;
  return { ...withinTeam(store, team, () => loadChain(store, input.period)), team };
}

/**
 * The colleague a story served, by a person's name: they must be in svc, and not among
 * those who delivered it. Returns their name as stored, for the story's internal customer.
 */
export function servedColleague(store: Store, input: { served: string; staff: readonly string[]; customer?: string | undefined; external?: boolean | undefined }): string {
  if (input.customer !== undefined || input.external) throw new UsageError(messages.servedWithCustomer, messages.servedWithCustomerHint);
  const person = requirePersonNamed(store, input.served);
  if (input.staff.some((name) => nameKey(name) === nameKey(person.name))) {
    throw new ValidationError(messages.servedIsStoryteller(person.name), messages.servedIsStorytellerHint);
  }
  return person.name;
}

/** Internal customers not linked to a person yet: what `svc chain link` resolves. */
export function unresolvedColleagues(store: Store): UnlinkedCustomer[] {
  return unlinkedInternalCustomers(store.db);
}

/** Links an internal customer (by name or #id) to the person they are. */
export function linkColleague(store: Store, input: { customer: string; person: string }, clock: () => Date): { customerId: number; customer: string; person: string } {
  const customer = findInternalCustomer(store.db, input.customer);
  if (!customer) throw new NotFoundError(messages.customerNotInternal(input.customer), messages.customerNotInternalHint);
  const person = requirePersonNamed(store, input.person);
  store.write(() => linkCustomerToPerson(store.db, customer.id, person.id, clock().toISOString()));
  return { customerId: customer.id, customer: customer.name, person: person.name };
}
