import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listTags, mergeTags, renameTag, tagsToMerge } from '../../../src/app/tags.ts';
import { saveStory } from '../../../src/app/story.ts';
import { ConflictError, NotFoundError, UsageError, ValidationError } from '../../../src/core/errors.ts';
import { NOW, tempStore } from '../../helpers/db.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

const clock = () => NOW;
const used = () => listTags(store, { used: true }).map((t) => `${t.name}:${t.stories}`);
const builtin = () => listTags(store, {}).find((t) => t.builtin)?.name as string;

function story(tags: string[]): void {
  saveStory(store, { draft: storyDraft({ text: 'Ana helped', occurredOn: '2026-03-17', staff: ['Ana'], tags }), practiceIds: [] }, NOW);
}

describe('tag use cases', () => {
  it('lists every tag, the default taxonomy too, or only those in use', () => {
    story(['folow-up']);
    expect(builtin()).toBeTruthy();
    expect(listTags(store, {}).length).toBeGreaterThan(used().length);
    expect(used()).toEqual(['folow-up:1']);
  });

  it('renames a tag, says when the new name is the same once normalised, and refuses a taken or built-in name', () => {
    story(['folow-up']);
    story(['walk']);
    expect(renameTag(store, { name: 'FOLOW-UP', newName: 'FOLOW-UP' }, clock)).toEqual({ from: 'folow-up', name: 'folow-up', changed: false });
    expect(renameTag(store, { name: 'folow', newName: 'follow-up' }, clock)).toEqual({ from: 'folow-up', name: 'follow-up', changed: true });
    expect(() => renameTag(store, { name: 'walk', newName: 'follow-up' }, clock)).toThrow(ConflictError);
    expect(() => renameTag(store, { name: builtin(), newName: 'other' }, clock)).toThrow(ConflictError);
    expect(() => renameTag(store, { name: 'walk', newName: ' ' }, clock)).toThrow(ValidationError);
    expect(() => renameTag(store, { name: 'nope', newName: 'yes' }, clock)).toThrow(NotFoundError);
    expect(used()).toEqual(['follow-up:1', 'walk:1']);
  });

  it('merges one tag into another, never a tag into itself or a built-in one away', () => {
    story(['folow-up']);
    story(['follow-up']);
    expect(() => tagsToMerge(store, { from: 'follow-up', into: 'Follow Up' })).toThrow(UsageError);
    expect(() => tagsToMerge(store, { from: builtin(), into: 'follow-up' })).toThrow(ConflictError);
    expect(tagsToMerge(store, { from: 'folow-up', into: 'follow-up' }).into.name).toBe('follow-up');
    mergeTags(store, { from: 'folow-up', into: 'follow-up' }, clock);
    expect(used()).toEqual(['follow-up:2']);
  });
});
