import { ConflictError, UsageError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { checkedTag, tagName } from '../core/story.ts';
import type { Store, Tag, TagSummary } from '../store/store.ts';
import { resolveNamed } from './names.ts';

/** The tag named (loosely: "#Follow Up" is follow-up, a unique prefix, or the id), or a NotFoundError. */
export function requireTag(store: Store, typed: unknown): Tag {
  const text = String(typed ?? '');
  tagName(text);
  return store.tags.find(resolveNamed(store, 'tag', text).name) as Tag;
}

/** Refuses to rename or merge away a built-in tag: the report counts its attributes by those names. */
function refuseBuiltin(tag: Tag, done: 'renamed' | 'merged away'): void {
  if (tag.builtin) throw new ConflictError(messages.builtinTag(tag.name, done), messages.builtinTagHint(tag.name));
}

/** Every tag, or with `used` only those on at least one story. */
export function listTags(store: Store, input: { used?: boolean }): TagSummary[] {
  return store.tags.list().filter((tag) => !input.used || tag.stories > 0);
}

/**
 * Renames a tag. A new name that normalises to the old one changes nothing (`changed`
 * false); a built-in tag or a name another tag has is a ConflictError.
 */
export function renameTag(store: Store, input: { name: string; newName: string }, clock: () => Date): { from: string; name: string; changed: boolean } {
  const tag = requireTag(store, input.name);
  const name = checkedTag(input.newName, 'the new tag');
  if (!name) throw new ValidationError(messages.emptyName('tag'), messages.emptyNameHint('svc tag rename folow-up follow-up'));
  // "FOLLOW-UP" is follow-up once normalised: nothing to do, and nothing wrong either.
  if (name === tag.name) return { from: tag.name, name, changed: false };
  refuseBuiltin(tag, 'renamed');
  store.transaction(() => {
    // Read again under the lock: another svc may have changed it meanwhile.
    refuseBuiltin(requireTag(store, tag.name), 'renamed');
    if (store.tags.find(name)) throw new ConflictError(messages.tagExists(name), messages.tagExistsHint(tag.name, name));
    store.tags.rename(tag.id, name, clock().toISOString());
  });
  return { from: tag.name, name, changed: true };
}

/** The two tags a merge joins, checked before anyone is asked to confirm it. */
export function tagsToMerge(store: Store, input: { from: string; into: string }): { from: Tag; into: Tag } {
  const from = requireTag(store, input.from);
  const into = requireTag(store, input.into);
  if (from.id === into.id) throw new UsageError(messages.mergeSame('tag'), messages.mergeSameHint('svc tags'));
  refuseBuiltin(from, 'merged away');
  return { from, into };
}

/** Gives one tag's stories another and deletes the first (never a built-in one). */
export function mergeTags(store: Store, input: { from: string; into: string }, clock: () => Date): void {
  store.transaction(() => {
    // Read again under the lock: another svc may have changed them since they were checked.
    const gone = requireTag(store, input.from);
    refuseBuiltin(gone, 'merged away');
    store.tags.merge(gone.id, requireTag(store, input.into).id, clock().toISOString());
  });
}
