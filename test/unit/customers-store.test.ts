import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerDraft, ImportDraft } from '../../src/core/customer.ts';
import { importCustomers, listCustomers, pickCandidates } from '../../src/store/customers.ts';
import { forgetCustomer } from '../../src/store/forget.ts';
import { logInterview, planInterviews } from '../../src/store/interviews.ts';
import { NOW_ISO, tempStore } from '../helpers/db.ts';

const draft = (fields: Partial<CustomerDraft> & { name: string }): ImportDraft => ({
  line: 2,
  draft: { email: null, phone: null, segment: null, externalId: null, ...fields },
});

describe('importing customers into the store', () => {
  let store: ReturnType<typeof tempStore>;
  beforeEach(() => {
    store = tempStore();
  });
  afterEach(() => store.dispose());
  const run = (drafts: ImportDraft[]) => store.write(() => importCustomers(store.db, drafts, NOW_ISO));

  it('adds, then recognises the same rows, and updates only what changed', () => {
    const rows = [draft({ name: 'Ana', email: 'ana@example.com' }), draft({ name: 'Bo', phone: '5550101' }), draft({ name: 'Cy', externalId: 'C-3' })];
    expect(run(rows)).toEqual({ added: 3, updated: 0, unchanged: 0 });
    expect(run(rows)).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(run([draft({ name: 'Ana María', email: 'ana@example.com', segment: 'vip' })])).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(listCustomers(store.db).find((c) => c.email === 'ana@example.com')).toMatchObject({ name: 'Ana María', segment: 'vip' });
  });

  it('treats a customer with another external id as someone else, even with the same email', () => {
    run([draft({ name: 'Li', email: 'li@example.cn', externalId: 'A' })]);
    expect(run([draft({ name: 'Li', email: 'li@example.cn', externalId: 'B' })])).toMatchObject({ added: 1 });
    expect(run([draft({ name: 'Li', email: 'li@example.cn' })])).toMatchObject({ unchanged: 1 });
  });

  it('never matches a forgotten customer', () => {
    run([draft({ name: 'Zoë', email: 'zoe@example.com', externalId: 'Z' })]);
    store.write(() => forgetCustomer(store.db, 1, NOW_ISO));
    expect(run([draft({ name: 'Zoë', email: 'zoe@example.com', externalId: 'Z' })])).toEqual({ added: 1, updated: 0, unchanged: 0 });
  });

  it('marks who is planned or was contacted on or after a day', () => {
    run([draft({ name: 'A', email: 'a@x.org' }), draft({ name: 'B', email: 'b@x.org' }), draft({ name: 'C', email: 'c@x.org' }), draft({ name: 'No Contact' })]);
    store.write(() => {
      const [first = 0, second = 0] = planInterviews(store.db, [1, 2], null, '2026-03-01', NOW_ISO);
      logInterview(store.db, first, { status: 'declined', heldOn: '2026-03-02', learned: null, liked: null, change: null, note: null }, NOW_ISO);
      return second;
    });
    expect(pickCandidates(store.db, { since: '2026-03-02' })).toEqual([
      { id: 1, planned: false, contactedRecently: true },
      { id: 2, planned: true, contactedRecently: false },
      { id: 3, planned: false, contactedRecently: false },
    ]);
    expect(pickCandidates(store.db, { since: '2026-03-03' })[0]).toMatchObject({ contactedRecently: false });
  });
});
