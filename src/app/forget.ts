import type { Customer } from '../core/customer.ts';
import { ConflictError } from '../core/errors.ts';
import type { ForgetReport, WrittenFile } from '../core/forget.ts';
import { messages } from '../core/messages.ts';
import type { FinishReport, ImportedForget, Store } from '../store/store.ts';
import { requireCustomer } from './customers.ts';

/** Called as finishing goes: steps done, out of total. */
export type FinishProgress = (done: number, total: number) => void;

/**
 * Where forgetting a customer stands: `new` with what it would change (found by doing it
 * and rolling it back), or `resume` when the records are erased but the files were never
 * verified. A customer forgotten and verified is a ConflictError.
 */
export type ForgetPlan = { customer: Customer; step: 'new'; preview: ForgetReport } | { customer: Customer; step: 'resume' };

export function planForget(store: Store, input: { customer: string; onServer?: boolean }, clock: () => Date): ForgetPlan {
  const customer = requireCustomer(store, input.customer);
  if (customer.forgotten) {
    if (!store.forgets.isPending(customer.id)) throw new ConflictError(messages.forgetAlreadyDone(customer.id, input.onServer), messages.forgetAlreadyDoneHint);
    return { customer, step: 'resume' };
  }
  return { customer, step: 'new', preview: store.forgets.preview(customer.id, clock().toISOString()) };
}

/** Erases a customer's personal data from every record in one transaction, keeping the anonymised stories. */
export function eraseCustomer(store: Store, input: { customerId: number }, clock: () => Date): ForgetReport {
  const now = clock().toISOString();
  return store.transaction(() => store.forgets.forget(input.customerId, now));
}

/**
 * Finishes forgets erased from the records: svc's own copies deleted, the files compacted
 * once no reader pins old pages (waiting up to waitMs), and scanned for the old values
 * (`traces`; null when resuming, as only the run that erased them knows them).
 */
export function finishForget(
  store: Store,
  input: { customerIds: readonly number[]; traces: readonly string[] | null; waitMs: number; onProgress?: FinishProgress },
): FinishReport {
  return store.forgets.finish(input.customerIds, input.traces, input.waitMs, input.onProgress);
}

/** Finishes the forgets an import carried, looking for each one's old values. */
export function finishImportedForgets(store: Store, input: { forgotten: readonly ImportedForget[]; waitMs: number }): FinishReport {
  const ids = input.forgotten.map((f) => f.customerId);
  return store.forgets.finish(ids, input.forgotten.flatMap((f) => f.traces), input.waitMs);
}

/** The exports and backups svc wrote until now that forget cannot reach: they are the user's to delete. */
export function writtenCopies(store: Store, clock: () => Date): WrittenFile[] {
  return store.forgets.writtenFiles(clock().toISOString());
}
