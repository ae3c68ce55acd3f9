import { describe, expect, it } from 'vitest';
import { draftIsTheirs, redactorFor, redactStoryInput } from '../../src/core/forget.ts';

const F = '(forgotten)';

describe('a story draft, as forget erases it', () => {
  const maria = redactorFor({ name: 'Maria Zyxwortel', email: 'mz@example.com', phone: null }, ['Ana', 'Bo'], F);

  it("loses the details as the customer's own story does, and a customer that is them", () => {
    const input = { text: 'Ana rang Mrs Zyxwortel on mz@example.com', title: 'Maria Zyxwortel again', impact: 'Zyxwortel stayed', tags: ['zyxwortel', 'thanks-maria-zyxwortel', 'forgotten', 'quick'], staff: ['Ana'], customer: 'maria zyxwortel', channel: 'phone' };
    const { input: out, changes } = redactStoryInput(input, maria, true);
    expect(out).toEqual({ text: `Ana rang Mrs ${F} on ${F}`, title: `${F} again`, impact: `${F} stayed`, tags: ['forgotten', 'thanks-forgotten', 'quick'], staff: ['Ana'], channel: 'phone' });
    expect(changes.map((c) => c.field)).toEqual(['text', 'title', 'impact', 'tags', 'customer']);
    expect(changes.at(-1)).toEqual({ field: 'customer', before: 'maria zyxwortel', after: null });
    expect(input.customer).toBe('maria zyxwortel'); // the draft read is left as it was
  });

  it("loses only the full details in a draft that is someone else's, and keeps its customer", () => {
    const input = { text: 'Bo told Maria Zyxwortel that Zyxwortel is a rare name', customer: 'Other One', staff: ['Bo'] };
    expect(redactStoryInput(input, maria, false).input).toEqual({ ...input, text: `Bo told ${F} that Zyxwortel is a rare name` });
    const untouched = { text: 'Bo wrapped the gift', customer: 'Other One' };
    expect(redactStoryInput(untouched, maria, false)).toEqual({ input: untouched, changes: [] });
  });

  it('is theirs when it names them by id, or by a name no other customer has', () => {
    const them = { id: 3, name: 'Maria Zyxwortel', nameShared: false };
    expect(draftIsTheirs('#3', them)).toBe(true);
    expect(draftIsTheirs('#4', them)).toBe(false);
    expect(draftIsTheirs('  MARIA   zyxwortel ', them)).toBe(true);
    expect(draftIsTheirs('Maria', them)).toBe(false);
    expect(draftIsTheirs(undefined, them)).toBe(false);
    // A namesake (not forgotten) has the name too: the draft may mean that one, who keeps it.
    expect(draftIsTheirs('Maria Zyxwortel', { ...them, nameShared: true })).toBe(false);
    expect(draftIsTheirs('#3', { ...them, nameShared: true })).toBe(true);
  });
});
