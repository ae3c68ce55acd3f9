import { buildChain, type Chain } from '../core/chain.ts';
import { ExitCode, isSvcError, NotFoundError, UsageError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Period } from '../core/report.ts';
import { nameKey } from '../core/text.ts';
import type { Store, UnlinkedCustomer } from '../store/store.ts';
import { requireTeam, withinTeam } from './teams.ts';
import { requirePersonExactly } from './people.ts';


/** Who serves whom in a period and the one before, with the leaders and those never served. */
export function loadChain(store: Store, period: Pick<Period, 'since' | 'until' | 'previous'>): Chain {
  return store.read(() => {
    const now = store.chain.storyCounts(period);
    const before = store.chain.storyCounts(period.previous);
    return buildChain({
      window: period,
      previous: period.previous,
      edges: store.chain.edges(period),
      previousEdges: store.chain.edges(period.previous),
      stories: now.linked,
      previousStories: before.linked,
      people: store.chain.people(),
      unresolved: now.unresolved,
    });
  });
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
  const person = personServed(store, input.served);
  if (input.staff.some((name) => nameKey(name) === nameKey(person.name))) {
    throw new ValidationError(messages.servedIsStoryteller(person.name), messages.servedIsStorytellerHint);
  }
  return person.name;
}

// A colleague svc does not know yet may be outside the team: not made a person (that would
// count them in the team's figures), but the hint says how to record the story now.
function personServed(store: Store, name: string): ReturnType<typeof requirePersonExactly> {
  try {
    return requirePersonExactly(store, name);
  } catch (error) {
    if (isSvcError(error) && error.exitCode === ExitCode.notFound) throw new NotFoundError(error.message, messages.servedUnknownHint(name));
    throw error;
  }
}

/** Internal customers not linked to a person yet: what `svc chain link` resolves. */
export function unresolvedColleagues(store: Store): UnlinkedCustomer[] {
  return store.chain.unlinkedCustomers();
}

/** Links an internal customer (by name or #id) to the person they are. */
export function linkColleague(store: Store, input: { customer: string; person: string }, clock: () => Date): { customerId: number; customer: string; person: string } {
  const customer = store.chain.findInternalCustomer(input.customer);
  if (!customer) throw new NotFoundError(messages.customerNotInternal(input.customer), messages.customerNotInternalHint);
  const person = requirePersonExactly(store, input.person);
  store.transaction(() => store.chain.linkCustomer(customer.id, person.id, clock().toISOString()));
  return { customerId: customer.id, customer: customer.name, person: person.name };
}
