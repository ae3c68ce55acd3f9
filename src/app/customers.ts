import type { Customer, ImportDraft } from '../core/customer.ts';
import { ConflictError, UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { ImportCounts, Store } from '../store/store.ts';
import { resolveNamed } from './names.ts';

/** The customer named by id ("12", "#12") or by the whole name (any case): changes to customers take no prefix. */
export function requireCustomer(store: Store, typed: string): Customer {
  return store.customers.get(resolveNamed(store, 'customer', typed, { exact: true }).id) as Customer;
}

export function listCustomers(store: Store): Customer[] {
  return store.customers.list();
}

/** Adds or updates the checked rows of an import file, all of them or none. */
export function importCustomers(store: Store, input: { drafts: ImportDraft[] }, clock: () => Date): ImportCounts & { namesakes: ImportedNamesake[] } {
  return store.transaction(() => {
    const before = new Set(store.customers.list().map((c) => c.id));
    const counts = store.customers.import(input.drafts, clock().toISOString());
    // A row with an email never matches a customer known by name only (it may be someone else): say so, not silently keep two.
    const namesakes: ImportedNamesake[] = [];
    for (const name of new Set(input.drafts.map((d) => d.draft.name))) {
      const ids = store.customers.idsByName(name, 'external');
      const older = ids.find((id) => before.has(id));
      for (const id of ids) if (older !== undefined && !before.has(id)) namesakes.push({ name, added: id, older });
    }
    return { ...counts, namesakes };
  });
}

/** A customer an import added, and the older one of the same name. */
export interface ImportedNamesake {
  name: string;
  added: number;
  older: number;
}

/** The two customers a merge joins, checked before anyone is asked to confirm it. */
export function customersToMerge(store: Store, input: { from: string; into: string }): { from: Customer; into: Customer } {
  const from = requireCustomer(store, input.from);
  const into = requireCustomer(store, input.into);
  if (from.id === into.id) throw new UsageError(messages.mergeSame('customer'), messages.mergeSameHint('svc customers'));
  refuseForgottenMerge(from, into.id);
  return { from, into };
}

function refuseForgottenMerge(from: Customer, intoId: number): void {
  // Its forget record would move to the survivor, and travel: other databases would forget the survivor.
  if (from.forgotten) throw new ConflictError(messages.mergeForgotten(from.id, intoId), messages.mergeForgottenHint(from.id));
}

/** Moves one customer's stories and interviews to another and deletes the first; returns the survivor. */
export function mergeCustomers(store: Store, input: { fromId: number; intoId: number }, clock: () => Date): Customer | undefined {
  store.transaction(() => {
    // Read again under the lock: another svc may have changed them since they were checked.
    const again = requireCustomer(store, `#${input.fromId}`);
    refuseForgottenMerge(again, input.intoId);
    store.customers.merge(again.id, requireCustomer(store, `#${input.intoId}`).id, clock().toISOString());
  });
  return store.customers.get(input.intoId);
}

/** The customer to remove, or a ConflictError when it is forgotten or a story or interview refers to it. */
export function removableCustomer(store: Store, input: { customer: string }): Customer {
  const customer = requireCustomer(store, input.customer);
  // Its forget record must go on travelling in exports: the row it points to stays.
  if (customer.forgotten) throw new ConflictError(messages.customerForgottenStays(customer.id), messages.customerForgottenStaysHint);
  const uses = describeUses(store.customers.references(customer.id));
  if (uses) throw new ConflictError(messages.customerInUse(customer.id, uses), messages.customerInUseHint(customer.id));
  return customer;
}

/** Deletes a customer nothing refers to. */
export function removeCustomer(store: Store, input: { id: number }, clock: () => Date): void {
  store.transaction(() => {
    // Read again under the lock: another svc may have changed it while the user was asked.
    const customer = removableCustomer(store, { customer: `#${input.id}` });
    store.customers.remove(customer.id, clock().toISOString());
  });
}

const NOUNS: Record<string, readonly [string, string]> = { stories: ['story', 'stories'], interviews: ['interview', 'interviews'] };

/** "2 stories and 1 interview", from counts per table.column. */
function describeUses(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([where, n]) => {
      const table = where.split('.')[0] ?? where;
      const [one, many] = NOUNS[table] ?? [`row of ${table}`, `rows of ${table}`];
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(' and ');
}
