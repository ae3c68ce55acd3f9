import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customersToMerge, importCustomers, listCustomers, mergeCustomers, removableCustomer, removeCustomer, requireCustomer } from '../../../src/app/customers.ts';
import { saveStory } from '../../../src/app/story.ts';
import { checkImportRows } from '../../../src/core/customer.ts';
import { ConflictError, NotFoundError, UsageError } from '../../../src/core/errors.ts';
import { forgetCustomer } from '../../../src/store/forget.ts';
import { NOW, NOW_ISO, tempStore } from '../../helpers/db.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

const clock = () => NOW;
const names = () => listCustomers(store).map((c) => `${c.id}:${c.name}${c.forgotten ? ':forgotten' : ''}`);

function load(rows: Array<Record<string, string>>) {
  return importCustomers(store, { drafts: checkImportRows(rows.map((fields, i) => ({ line: i + 2, fields }))).drafts }, clock);
}

describe('customer use cases', () => {
  it('imports a list, then updates what is known and adds what is new', () => {
    expect(load([{ name: 'Dev Patel', phone: '555-0101' }, { name: 'Mia Chen' }])).toEqual({ added: 2, updated: 0, unchanged: 0, namesakes: [] });
    expect(load([{ name: 'Dev Patel', phone: '555-0101', segment: 'gold' }, { name: 'Mia Chen' }, { name: 'Noa Levi' }])).toEqual({ added: 1, updated: 1, unchanged: 1, namesakes: [] });
    expect(names()).toEqual(['1:Dev Patel', '2:Mia Chen', '3:Noa Levi']);
    expect(requireCustomer(store, 'dev patel').segment).toBe('gold');
    expect(() => requireCustomer(store, 'Dev')).toThrow(NotFoundError);
  });

  it('merges one customer into another, never into itself and never a forgotten one', () => {
    load([{ name: 'Dev Patel' }, { name: 'Devin Patel' }, { name: 'Mia Chen' }]);
    expect(() => customersToMerge(store, { from: '#1', into: '1' })).toThrow(UsageError);
    store.transaction(() => forgetCustomer(store.db, 3, NOW_ISO));
    expect(() => customersToMerge(store, { from: '#3', into: '#1' })).toThrow(ConflictError);
    const { from, into } = customersToMerge(store, { from: 'Devin Patel', into: '#1' });
    expect(mergeCustomers(store, { fromId: from.id, intoId: into.id }, clock)).toMatchObject({ id: 1, name: 'Dev Patel' });
    expect(names()).toEqual(['1:Dev Patel', expect.stringMatching(/^3:.*:forgotten$/)]);
  });

  it('removes only a customer no story refers to', () => {
    load([{ name: 'Dev Patel' }, { name: 'Mia Chen' }]);
    saveStory(store, { draft: storyDraft({ text: 'Ana helped Dev', occurredOn: '2026-03-17', staff: ['Ana'], customer: 'Dev Patel' }), practiceIds: [] }, NOW);
    const used = () => removableCustomer(store, { customer: 'Dev Patel' });
    expect(used).toThrow(ConflictError);
    expect(used).toThrow(/1 story/);
    expect(() => removeCustomer(store, { id: 1 }, clock)).toThrow(ConflictError);
    expect(removableCustomer(store, { customer: '#2' }).name).toBe('Mia Chen');
    removeCustomer(store, { id: 2 }, clock);
    expect(names()).toEqual(['1:Dev Patel']);
  });
});
