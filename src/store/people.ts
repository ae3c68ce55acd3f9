import { randomUUID } from 'node:crypto';
import { nameKey } from '../core/text.ts';
import { sql, type Db } from './db.ts';

export interface PersonRow {
  id: number;
  uuid: string;
  name: string;
  role: string | null;
  team: string | null;
  active: number;
}

export interface PersonSummary {
  id: number;
  name: string;
  role: string | null;
  team: string | null;
  active: boolean;
  stories: number;
  lastStoryOn: string | null;
}

/** The person with this name (case-insensitive), created on first mention. */
export function ensurePerson(db: Db, name: string, now: string): number {
  const key = nameKey(name);
  const found = sql(db, 'SELECT id FROM people WHERE name_key = ?').get(key) as { id: number } | undefined;
  if (found) return found.id;
  const result = sql(
    db,
    'INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  ).run(randomUUID(), name, key, now, now);
  return Number(result.lastInsertRowid);
}

/** A person by name (case-insensitive), or undefined. */
export function findPerson(db: Db, name: string): PersonRow | undefined {
  return sql(db, 'SELECT id, uuid, name, role, team, active FROM people WHERE name_key = ?').get(nameKey(name)) as
    | PersonRow
    | undefined;
}

/** Every person, with how many stories credit them and the date of the latest. */
export function listPeople(db: Db): PersonSummary[] {
  const rows = sql(
    db,
    `SELECT p.id, p.name, p.role, p.team, p.active,
            count(sp.story_id) AS stories, max(s.occurred_on) AS lastStoryOn
       FROM people p
       LEFT JOIN story_people sp ON sp.person_id = p.id
       LEFT JOIN stories s ON s.id = sp.story_id
      GROUP BY p.id
      ORDER BY p.name_key`,
  ).all() as Array<Omit<PersonSummary, 'active'> & { active: number }>;
  return rows.map((row) => ({ ...row, active: row.active === 1 }));
}

/** All people's names, for prompts that offer them as choices. */
export function personNames(db: Db): string[] {
  return (sql(db, 'SELECT name FROM people WHERE active = 1 ORDER BY name_key').all() as Array<{ name: string }>).map(
    (row) => row.name,
  );
}

/** Sets a person's role (people are otherwise created by name alone). */
export function setPersonRole(db: Db, personId: number, role: string): void {
  sql(db, 'UPDATE people SET role = ?, updated_at = updated_at WHERE id = ?').run(role, personId);
}
