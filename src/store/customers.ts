import { randomUUID } from 'node:crypto';
import type { Customer, CustomerDraft, ImportDraft } from '../core/customer.ts';
import type { Day } from '../core/dates.ts';
import type { CustomerKind } from '../core/story.ts';
import { nameKey } from '../core/text.ts';
import { sql, type Db } from './db.ts';
import { countReferences, moveReferences } from './references.ts';
import { FORGOTTEN_CUSTOMER } from '../core/customer.ts';
import { recordTombstone } from './tombstones.ts';

/** The customer with this name (not forgotten), created on first mention. */
export function ensureCustomer(db: Db, name: string, kind: CustomerKind, now: string): number {
  const key = nameKey(name);
  const found = sql(
    db,
    'SELECT id FROM customers WHERE name_key = ? AND kind = ? AND forgotten_at IS NULL ORDER BY id LIMIT 1',
  ).get(key, kind) as { id: number } | undefined;
  const id = found
    ? found.id
    : Number(
        sql(db, 'INSERT INTO customers (uuid, name, name_key, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(randomUUID(), name, key, kind, now, now)
          .lastInsertRowid,
      );
  // A colleague served is the person of that name, as migration 0014 linked the rows before it.
  if (kind === 'internal') {
    sql(db, 'UPDATE customers SET person_id = (SELECT p.id FROM people p WHERE p.name_key = ?) WHERE id = ? AND person_id IS NULL').run(key, id);
  }
  return id;
}

interface CustomerRow {
  id: number;
  uuid: string;
  name: string | null;
  kind: CustomerKind;
  email: string | null;
  phone: string | null;
  segment: string | null;
  external_id: string | null;
  forgotten_at: string | null;
  last_contacted_on: string | null;
  created_at: string;
}

// Contacted = an interview that was held or declined: either way someone spoke to them.
const CUSTOMER_SELECT = `SELECT c.id, c.uuid, c.name, c.kind, c.email, c.phone, c.segment, c.external_id, c.forgotten_at,
    (SELECT max(i.held_on) FROM interviews i WHERE i.customer_id = c.id AND i.status IN ('done', 'declined')) AS last_contacted_on,
    c.created_at
  FROM customers c`;

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.forgotten_at ? FORGOTTEN_CUSTOMER : (row.name ?? ''),
    kind: row.kind,
    email: row.email,
    phone: row.phone,
    segment: row.segment,
    externalId: row.external_id,
    forgotten: row.forgotten_at !== null,
    lastContactedOn: row.last_contacted_on,
    createdAt: row.created_at,
  };
}

/** Every customer, by name; forgotten ones last. */
export function listCustomers(db: Db): Customer[] {
  const rows = sql(db, `${CUSTOMER_SELECT} ORDER BY c.forgotten_at IS NOT NULL, c.name_key, c.id`).all() as CustomerRow[];
  return rows.map(toCustomer);
}

/** One customer, or undefined. */
export function getCustomer(db: Db, id: number): Customer | undefined {
  const row = sql(db, `${CUSTOMER_SELECT} WHERE c.id = ?`).get(id) as CustomerRow | undefined;
  return row ? toCustomer(row) : undefined;
}

/** The ids of the (not forgotten) customers with this name and kind, case-insensitive, oldest first (ensureCustomer's choice first). */
export function customerIdsByName(db: Db, name: string, kind: CustomerKind): number[] {
  return (
    sql(db, 'SELECT id FROM customers WHERE name_key = ? AND kind = ? AND forgotten_at IS NULL ORDER BY id').all(nameKey(name), kind) as Array<{ id: number }>
  ).map((row) => row.id);
}

interface MatchRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  segment: string | null;
  external_id: string | null;
}

/**
 * The stored customer a row is, if any: the same external id; else the same email;
 * else the same name and phone. A customer with another external id is someone else, and
 * a row with a name only is not a customer known by their email.
 */
function findImported(db: Db, draft: CustomerDraft): MatchRow | undefined {
  const columns = 'SELECT id, name, email, phone, segment, external_id FROM customers';
  const live = "forgotten_at IS NULL AND kind = 'external'";
  // A row without an external id claims none; a row with one matches no other id.
  const sameOrNoId = '(? IS NULL OR external_id IS NULL OR external_id = ?)';
  if (draft.externalId) {
    const found = sql(db, `${columns} WHERE external_id = ? AND ${live}`).get(draft.externalId) as MatchRow | undefined;
    if (found) return found;
  }
  if (draft.email) {
    return sql(db, `${columns} WHERE email = ? AND ${live} AND ${sameOrNoId} ORDER BY id LIMIT 1`).get(
      draft.email,
      draft.externalId,
      draft.externalId,
    ) as MatchRow | undefined;
  }
  // A name alone (no phone either) is never someone known by an email: they may be another person.
  return sql(
    db,
    `${columns} WHERE name_key = ? AND phone IS ? AND (phone IS NOT NULL OR email IS NULL) AND ${live} AND ${sameOrNoId} ORDER BY id LIMIT 1`,
  ).get(nameKey(draft.name), draft.phone, draft.externalId, draft.externalId) as MatchRow | undefined;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Adds the new customers and updates the known ones (a field left empty in the file
 * keeps its stored value). Call inside store.write(): the whole file or nothing.
 */
export function importCustomers(db: Db, drafts: ImportDraft[], now: string): ImportCounts {
  const counts: ImportCounts = { added: 0, updated: 0, unchanged: 0 };
  for (const { draft } of drafts) {
    const found = findImported(db, draft);
    if (!found) {
      sql(
        db,
        `INSERT INTO customers (uuid, name, name_key, kind, email, phone, segment, external_id, created_at, updated_at)
         VALUES (?, ?, ?, 'external', ?, ?, ?, ?, ?, ?)`,
      ).run(randomUUID(), draft.name, nameKey(draft.name), draft.email, draft.phone, draft.segment, draft.externalId, now, now);
      counts.added++;
      continue;
    }
    const next = {
      name: draft.name,
      email: draft.email ?? found.email,
      phone: draft.phone ?? found.phone,
      segment: draft.segment ?? found.segment,
      external_id: draft.externalId ?? found.external_id,
    };
    if (Object.entries(next).every(([key, value]) => found[key as keyof MatchRow] === value)) {
      counts.unchanged++;
      continue;
    }
    sql(
      db,
      `UPDATE customers SET name = ?, name_key = ?, email = ?, phone = ?, segment = ?, external_id = ?, updated_at = ?
        WHERE id = ?`,
    ).run(next.name, nameKey(next.name), next.email, next.phone, next.segment, next.external_id, now, found.id);
    counts.updated++;
  }
  return counts;
}

/** A customer who could be called, with what decides whether they may be picked now. */
export interface PickCandidate {
  id: number;
  planned: boolean;
  contactedRecently: boolean;
}

/**
 * The customers with an email or phone (in the segment, if given), each marked as
 * already planned or contacted on or after `since` (an invitation nobody answered counts:
 * it is not sent again within the cooldown).
 */
export function pickCandidates(db: Db, filter: { segment?: string | undefined; since: Day }): PickCandidate[] {
  const rows = sql(
    db,
    `SELECT c.id,
            EXISTS (SELECT 1 FROM interviews i WHERE i.customer_id = c.id AND i.status = 'planned') AS planned,
            EXISTS (SELECT 1 FROM interviews i WHERE i.customer_id = c.id AND i.status IN ('done', 'declined', 'no_reply')
                       AND i.held_on >= ?) AS recent
       FROM customers c
      WHERE c.forgotten_at IS NULL AND (c.email IS NOT NULL OR c.phone IS NOT NULL)
        AND (? IS NULL OR c.segment = ? COLLATE NOCASE)
      ORDER BY c.id`,
  ).all(filter.since, filter.segment ?? null, filter.segment ?? null) as Array<{ id: number; planned: number; recent: number }>;
  return rows.map((row) => ({ id: row.id, planned: row.planned === 1, contactedRecently: row.recent === 1 }));
}

interface MergedRow {
  uuid: string;
  email: string | null;
  phone: string | null;
  segment: string | null;
  external_id: string | null;
  forgotten_at: string | null;
}

function mergedRow(db: Db, id: number): MergedRow {
  return sql(db, 'SELECT uuid, email, phone, segment, external_id, forgotten_at FROM customers WHERE id = ?').get(id) as MergedRow;
}

/**
 * Merges customer `fromId` into `intoId` (two records of one customer): its stories and
 * interviews move, details the survivor lacks are taken from it (never into a forgotten
 * customer), it is deleted, and its tombstone names the survivor so the merge travels.
 * A forgotten customer is never merged (callers check first): its forget would move to
 * the survivor. Call inside store.write().
 */
export function mergeCustomers(db: Db, fromId: number, intoId: number, now: string): void {
  const from = mergedRow(db, fromId);
  const into = mergedRow(db, intoId);
  // Its forget record would move to the survivor, and other databases would forget the survivor.
  if (from.forgotten_at !== null) throw new Error(`customer #${fromId} is forgotten: it cannot be merged into another`);
  moveReferences(db, 'customers', fromId, intoId);
  // Deleted first: its external id is unique, and may be the survivor's now.
  sql(db, 'DELETE FROM customers WHERE id = ?').run(fromId);
  const fill = into.forgotten_at === null && from.forgotten_at === null;
  sql(
    db,
    `UPDATE customers SET email = coalesce(email, ?), phone = coalesce(phone, ?), segment = coalesce(segment, ?),
            external_id = coalesce(external_id, ?), updated_at = max(updated_at, ?)
      WHERE id = ?`,
  ).run(fill ? from.email : null, fill ? from.phone : null, from.segment, fill ? from.external_id : null, now, intoId);
  recordTombstone(db, { table: 'customers', key: from.uuid, deletedAt: now, mergedInto: into.uuid });
}

/** Whether this customer was forgotten. */
export function isCustomerForgotten(db: Db, id: number): boolean {
  return sql(db, 'SELECT 1 FROM customers WHERE id = ? AND forgotten_at IS NOT NULL').get(id) !== undefined;
}

/** What still refers to a customer: stories and interviews (and anything a later table adds). */
export function customerReferences(db: Db, id: number): Record<string, number> {
  return countReferences(db, 'customers', id);
}

/** Deletes a customer nothing refers to, leaving a tombstone. Call inside store.write(). */
export function removeCustomer(db: Db, id: number, now: string): void {
  const { uuid } = mergedRow(db, id);
  sql(db, 'DELETE FROM customers WHERE id = ?').run(id);
  recordTombstone(db, { table: 'customers', key: uuid, deletedAt: now, mergedInto: null });
}
