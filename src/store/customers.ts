import { randomUUID } from 'node:crypto';
import type { CustomerKind } from '../core/story.ts';
import { nameKey } from '../core/text.ts';
import { sql, type Db } from './db.ts';

/** The customer with this name (not forgotten), created on first mention. */
export function ensureCustomer(db: Db, name: string, kind: CustomerKind, now: string): number {
  const key = nameKey(name);
  const found = sql(
    db,
    'SELECT id FROM customers WHERE name_key = ? AND kind = ? AND forgotten_at IS NULL ORDER BY id LIMIT 1',
  ).get(key, kind) as { id: number } | undefined;
  if (found) return found.id;
  const result = sql(
    db,
    'INSERT INTO customers (uuid, name, name_key, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(randomUUID(), name, key, kind, now, now);
  return Number(result.lastInsertRowid);
}
