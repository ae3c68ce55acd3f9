import { randomUUID } from 'node:crypto';
import { nameKey } from '../core/text.ts';
import { sql, type Db } from './db.ts';
import { countReferences, dropReferences, moveReferences } from './references.ts';
import { recordTombstone } from './tombstones.ts';

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
      GROUP BY p.id, p.name, p.role, p.team, p.active, p.name_key
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

/**
 * Merges person `fromId` into `intoId` (one person under two names): their stories (so
 * their evidence), trainings and interviews move, a role or team the survivor lacks is
 * taken over, `fromId` is deleted and its tombstone names the survivor. Call inside store.write().
 */
export function mergePeople(db: Db, fromId: number, intoId: number, now: string): void {
  const from = sql(db, 'SELECT uuid, role, team, active FROM people WHERE id = ?').get(fromId) as { uuid: string; role: string | null; team: string | null; active: number };
  const into = sql(db, 'SELECT uuid FROM people WHERE id = ?').get(intoId) as { uuid: string };
  moveReferences(db, 'people', fromId, intoId);
  sql(db, 'DELETE FROM people WHERE id = ?').run(fromId);
  sql(
    db,
    'UPDATE people SET role = coalesce(role, ?), team = coalesce(team, ?), active = max(active, ?), updated_at = max(updated_at, ?) WHERE id = ?',
  ).run(from.role, from.team, from.active, now, intoId);
  recordTombstone(db, { table: 'people', key: from.uuid, deletedAt: now, mergedInto: into.uuid });
}

/** The stories that credit a person or were reported by them: their evidence. */
export function personEvidence(db: Db, id: number): number {
  return Object.values(countReferences(db, 'people', id, ['story_people.person_id', 'stories.reported_by'])).reduce((a, b) => a + b, 0);
}

/** The trainings a person facilitated: a record of who ran them that removing the person would lose. */
export function personFacilitated(db: Db, id: number): number {
  return countReferences(db, 'people', id, ['trainings.facilitator_id'])['trainings.facilitator_id'] ?? 0;
}

/**
 * Deletes a person no story credits: their training attendances go, sessions they
 * facilitated and interviews they held stay without them. Call inside store.write().
 */
export function removePerson(db: Db, id: number, now: string): void {
  const { uuid } = sql(db, 'SELECT uuid FROM people WHERE id = ?').get(id) as { uuid: string };
  dropReferences(db, 'people', id);
  sql(db, 'DELETE FROM people WHERE id = ?').run(id);
  recordTombstone(db, { table: 'people', key: uuid, deletedAt: now, mergedInto: null });
}

/** Renames a person (the name others see and match on). Call inside store.write(). */
export function renamePerson(db: Db, id: number, name: string, now: string): void {
  sql(db, 'UPDATE people SET name = ?, name_key = ?, updated_at = ? WHERE id = ?').run(name, nameKey(name), now, id);
}

/** Marks a person active or not: inactive people leave the team's figures, their stories stay. */
export function setPersonActive(db: Db, id: number, active: boolean, now: string): void {
  sql(db, 'UPDATE people SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, now, id);
}

/** Where a person stands in the team: role, team and whether they lead. */
export interface PersonPlace {
  role: string | null;
  team: string | null;
  leader: boolean;
}

/** A person's role, team and leader flag. */
export function personPlace(db: Db, id: number): PersonPlace {
  const row = sql(db, 'SELECT role, team, leader FROM people WHERE id = ?').get(id) as { role: string | null; team: string | null; leader: number };
  return { role: row.role, team: row.team, leader: row.leader === 1 };
}

/** Sets a person's role, team (a team's name as stored) and leader flag. Call inside store.write(). */
export function setPersonPlace(db: Db, id: number, place: PersonPlace, now: string): void {
  sql(db, 'UPDATE people SET role = ?, team = ?, leader = ?, updated_at = ? WHERE id = ?').run(place.role, place.team, place.leader ? 1 : 0, now, id);
}
