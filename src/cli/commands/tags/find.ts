import { NotFoundError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { tagName } from '../../../core/story.ts';
import type { Db } from '../../../store/db.ts';
import { findTag } from '../../../store/tags.ts';

/** The tag named (as typed: "#Follow Up" is follow-up), or a NotFoundError. */
export function requireTag(db: Db, typed: unknown): { id: number; name: string } {
  const name = tagName(String(typed ?? ''));
  const tag = findTag(db, name);
  if (!tag) throw new NotFoundError(messages.tagNotFound(name || String(typed ?? '')), messages.tagNotFoundHint);
  return tag;
}
