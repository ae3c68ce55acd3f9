import { resolveNamed } from '../../../app/names.ts';
import { ConflictError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { tagName } from '../../../core/story.ts';
import type { SqliteStore } from '../../../store/sqlite-store.ts';
import { findTag } from '../../../store/tags.ts';

/** The tag named (loosely: "#Follow Up" is follow-up, a unique prefix, or the id), or a NotFoundError. */
export function requireTag(store: SqliteStore, typed: unknown): { id: number; name: string; builtin: boolean } {
  const text = String(typed ?? '');
  tagName(text);
  return findTag(store.db, resolveNamed(store, 'tag', text).name) as { id: number; name: string; builtin: boolean };
}

/** Refuses to rename or merge away a built-in tag: the report counts its attributes by those names. */
export function refuseBuiltin(tag: { name: string; builtin: boolean }, done: 'renamed' | 'merged away'): void {
  if (tag.builtin) throw new ConflictError(messages.builtinTag(tag.name, done), messages.builtinTagHint(tag.name));
}
