import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseCustomer } from '../../../src/app/forget.ts';
import { addStory, editStory, requireStory, saveStory } from '../../../src/app/story.ts';
import { ConflictError } from '../../../src/core/errors.ts';
import { NOW, tempStore } from '../../helpers/db.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());


function story(customer: string | null = 'Tomas Brandt') {
  return saveStory(
    store,
    { draft: storyDraft({ text: `Ana rang ${customer ?? 'the client'} back the same day`, occurredOn: '2026-03-17', staff: ['Ana'], customer, tags: ['call-back'] }), practiceIds: [] },
    NOW,
  );
}

describe('a flag edit', () => {
  it('writes the fields given over the story as it is now, keeping what was changed since it was read', () => {
    const read = story();
    // Another svc changes the impact after this one read the story.
    editStory(store, { story: requireStory(store, '1'), changes: { impact: 'kept the account' } }, NOW);
    const edited = editStory(store, { story: read, changes: { title: 'Same-day call' } }, NOW);
    expect(edited).toMatchObject({ title: 'Same-day call', impact: 'kept the account', staff: ['Ana'], customer: 'Tomas Brandt', tags: ['call-back'] });
  });

  it('never brings back what a customer forget erased, nor makes the forgotten customer again', () => {
    const read = story();
    const customerId = store.customers.idsByName('Tomas Brandt', 'external')[0]!;
    eraseCustomer(store, { customerId }, () => NOW);
    const edited = editStory(store, { story: read, changes: { channel: 'phone' } }, NOW);
    expect(edited.text).not.toContain('Tomas');
    expect(edited).toMatchObject({ channel: 'phone', customer: '(forgotten)' });
    expect(store.customers.idsByName('Tomas Brandt', 'external')).toEqual([]);
    expect(store.customers.idsByName('(forgotten)', 'external')).toEqual([]);
  });
});

describe('an edit written over the story as it was read (the editor)', () => {
  it('is refused when someone else changed the story since, writing nothing', () => {
    const read = story();
    editStory(store, { story: requireStory(store, '1'), changes: { impact: 'kept the account' } }, NOW);
    const before = JSON.stringify(store.stories.get(1));
    expect(() => editStory(store, { story: read, changes: { text: 'Ana rang back within the hour' }, refuseIfChanged: true }, NOW)).toThrow(ConflictError);
    expect(JSON.stringify(store.stories.get(1))).toBe(before);
  });

  it('is refused when the customer was forgotten since, saying so: the erased name never comes back', () => {
    const read = story();
    const customerId = store.customers.idsByName('Tomas Brandt', 'external')[0]!;
    eraseCustomer(store, { customerId }, () => NOW);
    const before = JSON.stringify(store.stories.get(1));
    expect(() => editStory(store, { story: read, changes: { text: 'Ana rang Tomas Brandt back within the hour' }, refuseIfChanged: true }, NOW)).toThrow(
      /story #1's customer was forgotten while you were editing it/,
    );
    expect(JSON.stringify(store.stories.get(1))).toBe(before);
    expect(store.customers.idsByName('Tomas Brandt', 'external')).toEqual([]);
  });

  it('is written when nothing changed since, the same clock or not', () => {
    const read = story();
    expect(editStory(store, { story: read, changes: { text: 'Ana rang back within the hour' }, refuseIfChanged: true }, NOW).text).toBe('Ana rang back within the hour');
  });

  it('sees a change another connection made (another svc)', () => {
    const read = story();
    const other = store.connectAgain();
    try {
      editStory(other, { story: requireStory(other, '1'), changes: { channel: 'email' } }, NOW);
    } finally {
      other.close();
    }
    expect(() => editStory(store, { story: read, changes: { text: 'Ana rang back' }, refuseIfChanged: true }, NOW)).toThrow(/was changed by someone else/);
  });
});

describe('the people a new story creates', () => {
  it('are found in its own transaction, and a name is never offered as a near miss of itself', () => {
    story(null);
    const first = addStory(store, { draft: storyDraft({ text: 'Yan0 helped', occurredOn: '2026-03-17', staff: ['Yan0'] }), practiceIds: [] }, NOW);
    expect(first.newStaff).toEqual([{ name: 'Yan0', near: null }]);
    const second = addStory(store, { draft: storyDraft({ text: 'yan0 helped', occurredOn: '2026-03-17', staff: ['yan0', 'Yan1'] }), practiceIds: [] }, NOW);
    expect(second.newStaff).toEqual([{ name: 'Yan1', near: 'Yan0' }]);
  });
});
