import { randomUUID } from 'node:crypto';
import { nameKey } from '../core/text.ts';
import { teamWithSubteams } from '../core/team.ts';
import { isPostgres, sql, type Db } from './db.ts';

export interface TeamRow {
  id: number;
  name: string;
  parentId: number | null;
}

export interface TeamSummary {
  id: number;
  name: string;
  parent: string | null;
  /** Active people whose team this is (not counting sub-teams). */
  people: string[];
  leaders: string[];
}

/** A team by name (case-insensitive), or undefined. */
export function findTeam(db: Db, name: string): TeamRow | undefined {
  return sql(db, 'SELECT t.id, t.name, pt.id AS parentId FROM teams t LEFT JOIN teams pt ON pt.name_key = t.parent_key WHERE t.name_key = ?').get(nameKey(name)) as TeamRow | undefined;
}

/** The team with this name (case-insensitive), created on first mention. Call inside store.write(). */
export function ensureTeam(db: Db, name: string, now: string): TeamRow {
  const found = findTeam(db, name);
  if (found) return found;
  const result = sql(db, 'INSERT INTO teams (uuid, name, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    randomUUID(),
    name,
    nameKey(name),
    now,
    now,
  );
  return { id: Number(result.lastInsertRowid), name, parentId: null };
}

/** Each team's parent: what the cycle rule and the sub-team walk read. */
export function teamParents(db: Db): Map<number, number | null> {
  const rows = sql(db, 'SELECT t.id, pt.id AS parentId FROM teams t LEFT JOIN teams pt ON pt.name_key = t.parent_key').all() as Array<{ id: number; parentId: number | null }>;
  return new Map(rows.map((row) => [row.id, row.parentId]));
}

/** Sets (or clears) a team's parent team. Call inside store.write(), after the cycle check. */
export function setTeamParent(db: Db, teamId: number, parentId: number | null, now: string): void {
  sql(db, 'UPDATE teams SET parent_key = (SELECT name_key FROM teams WHERE id = ?), updated_at = ? WHERE id = ?').run(parentId, now, teamId);
}

/** Every team with its parent, its active people and its leaders, by name. */
export function listTeams(db: Db): TeamSummary[] {
  const rows = sql(
    db,
    `SELECT t.id, t.name, pt.name AS parent,
            (SELECT json_group_array(name) FROM (SELECT name FROM people WHERE team = t.name AND active = 1 ORDER BY name_key)) AS people,
            (SELECT json_group_array(name) FROM (SELECT name FROM people WHERE team = t.name AND active = 1 AND leader = 1 ORDER BY name_key)) AS leaders
       FROM teams t LEFT JOIN teams pt ON pt.name_key = t.parent_key
      ORDER BY t.name_key`,
  ).all() as Array<{ id: number; name: string; parent: string | null; people: string; leaders: string }>;
  return rows.map((row) => ({ ...row, people: JSON.parse(row.people) as string[], leaders: JSON.parse(row.leaders) as string[] }));
}

/** The people in a team or any team inside it, by name: what `--team` filters on. */
export function teamPeople(db: Db, teamId: number): Array<{ id: number; name: string; active: boolean }> {
  const teams = teamWithSubteams(teamParents(db), teamId);
  const rows = sql(
    db,
    'SELECT p.id, p.name, p.active FROM people p JOIN teams t ON t.name = p.team WHERE t.id IN (SELECT value FROM json_each(?)) ORDER BY p.name_key',
  ).all(JSON.stringify(teams)) as Array<{ id: number; name: string; active: number }>;
  return rows.map((row) => ({ ...row, active: row.active === 1 }));
}

/**
 * The schema svc's tables are in, as a SQL qualifier: `main` on SQLite, the connection's
 * current schema on PostgreSQL. A query names a table through it to read the table itself
 * rather than the temp view of the same name withinPeople puts before it.
 */
export function tablesSchema(db: Db): string {
  if (!isPostgres(db)) return 'main';
  let schema = schemas.get(db);
  if (schema === undefined) {
    schema = `"${String(sql(db, 'SELECT current_schema() AS name').pluck().get()).replaceAll('"', '""')}"`;
    schemas.set(db, schema);
  }
  return schema;
}

const schemas = new WeakMap<Db, string>();

/**
 * Runs `read` with stories, their people and people narrowed to the given people: temp
 * views named like the tables shadow them (SQLite and PostgreSQL both look in the temp
 * schema first), so every query of the report, status and practice figures reads one team
 * without a filter of its own. Only for reads: the views are dropped before this returns.
 */
export function withinPeople<T>(db: Db, personIds: readonly number[], read: () => T): T {
  const main = tablesSchema(db);
  const temp = isPostgres(db) ? 'pg_temp' : 'temp';
  db.exec(`CREATE TEMP TABLE scope_people (id INTEGER PRIMARY KEY);
    CREATE TEMP VIEW people AS SELECT * FROM ${main}.people WHERE id IN (SELECT id FROM ${temp}.scope_people);
    CREATE TEMP VIEW story_people AS SELECT * FROM ${main}.story_people WHERE person_id IN (SELECT id FROM ${temp}.scope_people);
    CREATE TEMP VIEW stories AS SELECT * FROM ${main}.stories WHERE id IN (SELECT story_id FROM ${main}.story_people WHERE person_id IN (SELECT id FROM ${temp}.scope_people));`);
  try {
    const insert = db.prepare(`INSERT INTO ${temp}.scope_people (id) VALUES (?)`);
    for (const id of personIds) insert.run(id);
    return read();
  } finally {
    db.exec(`DROP VIEW ${temp}.stories; DROP VIEW ${temp}.story_people; DROP VIEW ${temp}.people; DROP TABLE ${temp}.scope_people;`);
  }
}
