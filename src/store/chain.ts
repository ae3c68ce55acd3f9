import type { ChainEdge, ChainPerson } from '../core/chain.ts';
import type { Window } from '../core/report.ts';
import { nameKey } from '../core/text.ts';
import { sql, type Db } from './db.ts';
import { tablesSchema } from './teams.ts';

/**
 * Server → served pairs of a window's internal stories, each story once per pair; serving
 * oneself is not a chain. The colleague served is read from the people table itself: narrowed to a
 * team (withinPeople), the chain keeps whom its people serve, inside the team or not.
 */
export function chainEdges(db: Db, window: Window): ChainEdge[] {
  return sql(
    db,
    `SELECT sv.name AS server, sv.team AS serverTeam, sd.name AS served, sd.team AS servedTeam, count(DISTINCT s.id) AS stories
       FROM stories s
       JOIN customers c ON c.id = s.customer_id
       JOIN ${tablesSchema(db)}.people sd ON sd.id = c.person_id
       JOIN story_people sp ON sp.story_id = s.id
       JOIN people sv ON sv.id = sp.person_id
      WHERE s.customer_kind = 'internal' AND s.occurred_on BETWEEN :since AND :until AND sv.id <> sd.id
      GROUP BY sv.id, sd.id, sv.name, sv.team, sv.name_key, sd.name, sd.team, sd.name_key
      ORDER BY sv.name_key, sd.name_key`,
  ).all({ since: window.since, until: window.until }) as ChainEdge[];
}

/** Internal stories of a window: those whose colleague is a person, and those whose colleague is not linked yet. */
export function chainStoryCounts(db: Db, window: Window): { linked: number; unresolved: number } {
  return sql(
    db,
    `SELECT count(c.person_id) AS linked, count(c.id) - count(c.person_id) AS unresolved
       FROM stories s LEFT JOIN customers c ON c.id = s.customer_id
      WHERE s.customer_kind = 'internal' AND s.occurred_on BETWEEN :since AND :until`,
  ).get({ since: window.since, until: window.until }) as { linked: number; unresolved: number };
}

/** Active people with their team and leader flag. */
export function chainPeople(db: Db): ChainPerson[] {
  const rows = sql(db, 'SELECT name, team, leader FROM people WHERE active = 1 ORDER BY name_key').all() as Array<{ name: string; team: string | null; leader: number }>;
  return rows.map((row) => ({ ...row, leader: row.leader === 1 }));
}

export interface UnlinkedCustomer {
  id: number;
  name: string;
  stories: number;
}

/** Internal customers not linked to a person, with how many stories name them. */
export function unlinkedInternalCustomers(db: Db): UnlinkedCustomer[] {
  return sql(
    db,
    `SELECT c.id, c.name, (SELECT count(*) FROM stories s WHERE s.customer_id = c.id) AS stories
       FROM customers c
      WHERE c.kind = 'internal' AND c.person_id IS NULL AND c.forgotten_at IS NULL
      ORDER BY stories DESC, c.name_key`,
  ).all() as UnlinkedCustomer[];
}

/** An internal customer by name (case-insensitive) or #id. */
export function findInternalCustomer(db: Db, nameOrId: string): { id: number; name: string; personId: number | null } | undefined {
  const id = /^#?(\d+)$/.exec(nameOrId.trim());
  return sql(
    db,
    `SELECT id, name, person_id AS personId FROM customers
      WHERE kind = 'internal' AND forgotten_at IS NULL AND (id = ? OR name_key = ?) ORDER BY id LIMIT 1`,
  ).get(id ? Number(id[1]) : -1, nameKey(nameOrId)) as { id: number; name: string; personId: number | null } | undefined;
}

/** Links an internal customer to the person they are. Call inside store.write(). */
export function linkCustomerToPerson(db: Db, customerId: number, personId: number, now: string): void {
  sql(db, 'UPDATE customers SET person_id = ?, updated_at = ? WHERE id = ?').run(personId, now, customerId);
}
