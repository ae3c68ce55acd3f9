import { ConflictError, NotFoundError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { checkPracticeName, type Practice } from '../core/practice.ts';
import type { Procedure, RejectedCandidate, Store } from '../store/store.ts';
import { requirePractice } from './practice.ts';

/** Renames a practice; a name another practice has is a ConflictError. Returns the practice as it was. */
export function renamePractice(store: Store, input: { practice: string; newName: string }, clock: () => Date): { practice: Practice; name: string } {
  const practice = requirePractice(store, input.practice);
  const name = checkPracticeName(input.newName);
  const now = clock().toISOString();
  store.transaction(() => {
    const other = store.practices.find(name);
    if (other && other.id !== practice.id) throw new ConflictError(messages.practiceExists(other.name), messages.practiceExistsHint(other.name));
    store.practices.rename(practice.id, name, now);
  });
  return { practice, name };
}

/** A practice and every version of its procedure, oldest first. */
export function procedureHistory(store: Store, input: { practice: string }): { practice: Practice; versions: Procedure[] } {
  const practice = requirePractice(store, input.practice);
  return { practice, versions: store.procedures.versions(practice.id) };
}

/** Lets a rejected candidate (by label or key) be proposed again; none matching is a NotFoundError. */
export function unrejectCandidate(store: Store, input: { what: string }): RejectedCandidate[] {
  const removed = store.transaction(() => store.detection.unreject(input.what));
  if (removed.length === 0) throw new NotFoundError(messages.rejectedNotFound(input.what), messages.rejectedNotFoundHint);
  return removed;
}
