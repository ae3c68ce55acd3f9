// Every row a real svc database holds fits the PostgreSQL schema as it is: the demo team
// (built and indexed by the binary) is copied table by table, parents first, ids kept, and
// reads back the same on both engines; the full-text index fills itself on the way in.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toPostgres } from '../../src/store/postgres/dialect.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { connectPostgres, type SyncPostgresClient } from '../../src/store/postgres/sync-client.ts';
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { describeOnPostgres, freshPostgresDatabase } from '../helpers/postgres.ts';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The tables to copy, each after the tables it refers to (the full-text index is rebuilt, not copied). */
function tablesParentsFirst(db: Database.Database): string[] {
  const list = db.pragma('table_list') as Array<{ schema: string; name: string; type: string }>;
  const virtual = list.filter((t) => t.type === 'virtual').map((t) => t.name);
  const tables = list
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_') && !virtual.some((v) => t.name.startsWith(`${v}_`)))
    .map((t) => t.name)
    .sort();
  const parents = new Map(tables.map((t) => [t, (db.pragma(`foreign_key_list(${quote(t)})`) as Array<{ table: string }>).map((f) => f.table).filter((p) => p !== t)]));
  const ordered: string[] = [];
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    for (const parent of parents.get(table) ?? []) visit(parent);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

describeOnPostgres('a real database’s rows in the PostgreSQL schema', () => {
  let svc: SvcSandbox;
  let sqlite: Database.Database;
  let database: ReturnType<typeof freshPostgresDatabase>;
  let client: SyncPostgresClient;
  let tables: string[];

  beforeAll(() => {
    svc = sandbox();
    expect(svc.run(['--db', svc.db, 'demo'], { env: { SVC_DB: undefined } }).code).toBe(0);
    expect(svc.run(['reindex']).code).toBe(0);
    sqlite = new Database(svc.db, { readonly: true });
    database = freshPostgresDatabase();
    client = connectPostgres(database.url);
    migratePostgres(client, database.url);
    tables = tablesParentsFirst(sqlite);

    client.query('BEGIN');
    // The rows migrations seed (built-in tags, questions, versions) come from the copy.
    for (const table of [...tables].reverse()) client.query(`DELETE FROM ${quote(table)}`);
    for (const table of tables) {
      for (const row of sqlite.prepare(`SELECT * FROM ${quote(table)}`).all() as Array<Record<string, unknown>>) {
        const columns = Object.keys(row);
        client.query(
          `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          columns.map((c) => row[c]),
        );
      }
    }
    client.query('COMMIT');
  });
  afterAll(() => {
    sqlite?.close();
    client?.close();
    database?.drop();
    svc?.cleanup();
  });

  it('holds the demo team with its phrases, programme and self-assessment', () => {
    const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
    for (const table of ['stories', 'story_phrases', 'evidence', 'procedures', 'assessment_tallies', 'training_assignments', 'teams', 'actions']) {
      expect(count(table), table).toBeGreaterThan(0);
    }
  });

  it('reads every table back row for row, in the same order, with the same values and types', () => {
    for (const table of tables) {
      const order = `ORDER BY ${(sqlite.pragma(`table_info(${quote(table)})`) as Array<{ name: string }>).map((c) => quote(c.name)).join(', ')}`;
      const select = `SELECT * FROM ${quote(table)} ${order}`;
      // Translated, so NULLs sort first as on SQLite.
      expect(client.query(toPostgres(select).text).rows, table).toEqual(sqlite.prepare(select).all());
    }
  });

  it('indexed every story for search as it came in', () => {
    expect(client.query('SELECT count(*) AS n FROM stories_fts').rows[0]).toEqual({ n: (sqlite.prepare('SELECT count(*) AS n FROM stories').get() as { n: number }).n });
    // The same stories for a word on both engines: SQLite's FTS5 and PostgreSQL's tsvector.
    for (const word of ['called', 'customer', 'refund']) {
      const expected = (sqlite.prepare('SELECT rowid AS id FROM stories_fts WHERE stories_fts MATCH ? ORDER BY rowid').all(`"${word}"`) as Array<{ id: number }>).map((r) => r.id);
      const actual = client.query("SELECT story_id AS id FROM stories_fts WHERE document @@ to_tsquery('svc_search', $1) ORDER BY story_id", [`'${word}'`]).rows.map((r) => Number(r.id));
      expect(actual, word).toEqual(expected);
    }
  });
});
