import { resolveNamed } from '../../../app/names.ts';
import type { Practice } from '../../../core/practice.ts';
import type { Db } from '../../../store/db.ts';
import { getPractice } from '../../../store/practices.ts';

/** The practice named (loosely: any case, a unique prefix, or the id), or a NotFoundError. */
export function requirePractice(db: Db, name: unknown): Practice {
  const { id } = resolveNamed(db, 'practice', String(name ?? ''));
  return getPractice(db, id) as Practice;
}
