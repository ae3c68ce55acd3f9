import { NotFoundError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { Practice } from '../../../core/practice.ts';
import type { Db } from '../../../store/db.ts';
import { findPractice } from '../../../store/practices.ts';

/** The practice named (case-insensitive, or by id), or a NotFoundError. */
export function requirePractice(db: Db, name: unknown): Practice {
  const text = String(name ?? '');
  const practice = findPractice(db, text);
  if (!practice) throw new NotFoundError(messages.practiceNotFound(text), messages.practiceNotFoundHint);
  return practice;
}
