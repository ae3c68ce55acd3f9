import { NotFoundError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { Db } from '../../../store/db.ts';
import { findPerson, type PersonRow } from '../../../store/people.ts';

/** The person named (case-insensitive), or a NotFoundError. */
export function requirePerson(db: Db, name: unknown): PersonRow {
  const text = String(name ?? '');
  const person = findPerson(db, text);
  if (!person) throw new NotFoundError(messages.personNotFound(text), messages.personNotFoundHint);
  return person;
}
