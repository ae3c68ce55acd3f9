import { ConflictError, NotFoundError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { tagName } from '../../../core/story.ts';
import type { Db } from '../../../store/db.ts';
import { findTag } from '../../../store/tags.ts';

/** The tag named (as typed: "#Follow Up" is follow-up), or a NotFoundError. */
export function requireTag(db: Db, typed: unknown): { id: number; name: string; builtin: boolean } {
  const name = tagName(String(typed ?? ''));
  const tag = findTag(db, name);
  if (!tag) throw new NotFoundError(messages.tagNotFound(name || String(typed ?? '')), messages.tagNotFoundHint);
  return tag;
}

/** Refuses to rename or merge away a built-in tag: the report counts its attributes by those names. */
export function refuseBuiltin(tag: { name: string; builtin: boolean }, done: 'renamed' | 'merged away'): void {
  if (tag.builtin) throw new ConflictError(messages.builtinTag(tag.name, done), messages.builtinTagHint(tag.name));
}
