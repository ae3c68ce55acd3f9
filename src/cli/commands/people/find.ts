import { resolveNamed } from '../../../app/names.ts';
import type { Db } from '../../../store/db.ts';
import { findPerson, type PersonRow } from '../../../store/people.ts';

/** The person named (loosely: any case, accents optional, a unique prefix, or the id), or a NotFoundError. */
export function requirePerson(db: Db, name: unknown): PersonRow {
  return findPerson(db, resolveNamed(db, 'person', String(name ?? '')).name) as PersonRow;
}
