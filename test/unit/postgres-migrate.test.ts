// The PostgreSQL migration runner and what the schema does with rows: two first runs at
// once, a newer or foreign schema refused, a failed migration leaving nothing behind, the
// data statements of 0006 and 0014 giving SQLite's rows, and constraints, triggers and the
// full-text index behaving as SQLite's do.
import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConflictError } from '../../src/core/errors.ts';
import { messages } from '../../src/core/messages.ts';
import { shownAddress } from '../../src/store/address.ts';
import { defaultMigrationsDir, listMigrations, migrate, migrationLabel } from '../../src/store/migrate.ts';
import { defaultPostgresMigrationsDir, migratePostgres } from '../../src/store/postgres/migrate.ts';
import { connectPostgres, PostgresError, type SyncPostgresClient } from '../../src/store/postgres/sync-client.ts';
import { tempDir } from '../helpers/db.ts';
import { describeOnPostgres, freshPostgresDatabase } from '../helpers/postgres.ts';

const MIGRATIONS = listMigrations(defaultPostgresMigrationsDir());
const NEWEST = MIGRATIONS.at(-1)?.version ?? 0;
const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** The error a call throws (the test fails if it throws none). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function sqlState(call: () => unknown): string | undefined {
  const error = thrown(call);
  expect(error).toBeInstanceOf(PostgresError);
  return (error as PostgresError).code;
}

/** Makes a fresh database with a client on it each time it is called; all are dropped after the suite. */
function freshDatabases(): () => { url: string; client: SyncPostgresClient } {
  const made: Array<{ database: ReturnType<typeof freshPostgresDatabase>; client: SyncPostgresClient }> = [];
  afterAll(() => {
    for (const { database, client } of made) {
      client.close();
      database.drop();
    }
  });
  return () => {
    const database = freshPostgresDatabase();
    const client = connectPostgres(database.url);
    made.push({ database, client });
    return { url: database.url, client };
  };
}

function tableNames(client: SyncPostgresClient): string[] {
  return client
    .query("SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY 1")
    .rows.map((r) => String(r.name));
}

describeOnPostgres('migrating a PostgreSQL database', () => {
  const fresh = freshDatabases();

  it('applies every migration to an empty database, records each once, and then has nothing to do', () => {
    const { url, client } = fresh();
    expect(migratePostgres(client, url).applied).toEqual(MIGRATIONS.map(migrationLabel));
    expect(client.query('SELECT version, name FROM schema_migrations ORDER BY version').rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(migratePostgres(client, url).applied).toEqual([]);
    expect(client.query('SELECT count(*) AS n FROM schema_migrations').rows[0]).toEqual({ n: MIGRATIONS.length });
  });

  it('migrates once when two processes start on an empty database at the same moment', async () => {
    const { url, client: check } = fresh();
    const { dir, cleanup } = tempDir();
    try {
      const { build } = await import('esbuild');
      const entry = join(dir, 'migrate.ts');
      // Each process connects, says so, and migrates when told: both start together.
      writeFileSync(
        entry,
        `import { connectPostgres } from ${JSON.stringify(join(SRC, 'store', 'postgres', 'sync-client.ts'))};\n` +
          `import { migratePostgres } from ${JSON.stringify(join(SRC, 'store', 'postgres', 'migrate.ts'))};\n` +
          `const url = process.argv[2];\n` +
          `const client = connectPostgres(url);\n` +
          `client.query('SELECT 1');\n` +
          `process.stdout.write('ready\\n');\n` +
          `process.stdin.once('data', () => {\n` +
          `  try { process.stdout.write(JSON.stringify(migratePostgres(client, url).applied) + '\\n'); }\n` +
          `  finally { client.close(); process.stdin.destroy(); }\n` +
          `});\n`,
      );
      const program = join(dir, 'migrate.cjs');
      // The bundle finds pg and the migrations from the source folder, as the modules would.
      const here = pathToFileURL(join(SRC, 'store', 'postgres', 'migrate.ts')).href;
      await build({ entryPoints: [entry], outfile: program, bundle: true, platform: 'node', format: 'cjs', define: { 'import.meta.url': JSON.stringify(here) }, logLevel: 'silent' });

      const children = [0, 1].map(() => {
        const child = spawn(process.execPath, [program, url], { stdio: ['pipe', 'pipe', 'pipe'] });
        const out = { stdout: '', stderr: '', code: null as number | null };
        child.stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
        const closed = new Promise<void>((resolve) => child.on('close', (code) => ((out.code = code), resolve())));
        return { child, out, closed };
      });
      for (let i = 0; i < 600 && !children.every((c) => c.out.stdout.startsWith('ready')); i++) await new Promise((r) => setTimeout(r, 50));
      for (const c of children) expect(c.out.stdout, c.out.stderr).toMatch(/^ready/);
      for (const c of children) c.child.stdin.write('go\n');
      await Promise.all(children.map((c) => c.closed));

      for (const c of children) {
        expect(c.out.stderr).toBe('');
        expect(c.out.code).toBe(0);
      }
      const applied = children.flatMap((c) => JSON.parse(c.out.stdout.split('\n')[1] ?? '[]') as string[]);
      expect(applied.sort()).toEqual(MIGRATIONS.map(migrationLabel));
      expect(check.query('SELECT count(*) AS n, count(DISTINCT version) AS versions FROM schema_migrations').rows[0]).toEqual({ n: MIGRATIONS.length, versions: MIGRATIONS.length });
    } finally {
      cleanup();
    }
  });

  it('refuses a database of a newer schema with the message SQLite gives, the password not shown, and changes nothing', () => {
    const { url, client } = fresh();
    migratePostgres(client, url);
    client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from_the_future', '2030-01-01T00:00:00.000Z')");
    const tables = tableNames(client);

    const error = thrown(() => migratePostgres(client, url));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(messages.dbNewer(shownAddress(url), 999, NEWEST));
    expect((error as ConflictError).hint).toBe(messages.dbNewerHint);
    const password = new URL(url).password;
    if (password) expect((error as ConflictError).message).not.toContain(`:${password}@`);
    expect(tableNames(client)).toEqual(tables);
    expect(client.query('SELECT count(*) AS n FROM schema_migrations').rows[0]).toEqual({ n: MIGRATIONS.length + 1 });

    // SQLite says the same of its file.
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'svc.db');
    const sqlite = new BetterSqlite3(path);
    try {
      sqlite.pragma('user_version = 999');
      const sqliteError = thrown(() => migrate(sqlite, path));
      expect((sqliteError as ConflictError).message).toBe(messages.dbNewer(path, 999, NEWEST));
      expect((sqliteError as ConflictError).hint).toBe((error as ConflictError).hint);
    } finally {
      sqlite.close();
      cleanup();
    }
  });

  it('refuses a schema holding another program’s tables, and writes nothing', () => {
    const { url, client } = fresh();
    client.query('CREATE TABLE invoices (id integer PRIMARY KEY)');
    const error = thrown(() => migratePostgres(client, url));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(messages.foreignPostgres(shownAddress(url), 'public'));
    expect(tableNames(client)).toEqual(['invoices']);
  });

  it('rolls a failing migration back whole and keeps the ones before it', () => {
    const { url, client } = fresh();
    const { dir, cleanup } = tempDir();
    try {
      for (const m of MIGRATIONS) copyFileSync(m.file, join(dir, `${migrationLabel(m)}.sql`));
      writeFileSync(join(dir, '0999_broken.sql'), 'CREATE TABLE extra_things (id integer); INSERT INTO no_such_table VALUES (1);');
      expect(sqlState(() => migratePostgres(client, url, dir))).toBe('42P01');
      expect(tableNames(client)).not.toContain('extra_things');
      expect(client.query('SELECT max(version) AS v FROM schema_migrations').rows[0]).toEqual({ v: NEWEST });

      writeFileSync(join(dir, '0999_broken.sql'), 'CREATE TABLE extra_things (id integer);');
      expect(migratePostgres(client, url, dir).applied).toEqual(['0999_broken']);
      expect(tableNames(client)).toContain('extra_things');
    } finally {
      cleanup();
    }
  });
});

// Rows an older svc left, written with the same SQL on both engines before 0006 and 0014 run.
const OLD_ROWS = [
  "INSERT INTO people (uuid, name, name_key, team, created_at, updated_at) VALUES ('p1', 'Ana', 'ana', ' Care ', 't', 't'), ('p2', 'Bo', 'bo', 'care', 't', 't'), ('p3', 'Cy', 'cy', 'Desk', 't', 't'), ('p4', 'Di', 'di', '  ', 't', 't'), ('p5', 'Ed', 'ed', NULL, 't', 't'), ('p6', 'Fé', 'fé', 'ÉQUIPE', 't', 't'), ('p7', 'Gu', 'gu', 'équipe', 't', 't')",
  "INSERT INTO customers (uuid, name, name_key, kind, created_at, updated_at) VALUES ('c1', 'Bo', 'bo', 'internal', 't', 't'), ('c2', 'Cy', 'cy', 'external', 't', 't'), ('c3', 'Nobody', 'nobody', 'internal', 't', 't')",
  "INSERT INTO customers (uuid, name, name_key, kind, forgotten_at, created_at, updated_at) VALUES ('c4', NULL, NULL, 'external', '2026-02-01T00:00:00.000Z', 't', 't'), ('c5', NULL, 'ana', 'internal', '2026-02-02T00:00:00.000Z', 't', 't')",
];
const AFTER = [
  'SELECT name, name_key, parent_key FROM teams ORDER BY name_key',
  'SELECT uuid, team, leader FROM people ORDER BY uuid',
  'SELECT uuid, person_id FROM customers ORDER BY uuid',
  'SELECT customer_id, forgotten_at, length(uuid) AS uuid_length FROM customer_forgets ORDER BY customer_id',
];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describeOnPostgres('data written before a migration', () => {
  const fresh = freshDatabases();

  it('is carried by 0006 and 0014 to the same rows as on SQLite', () => {
    const { url, client } = fresh();
    const upTo5 = MIGRATIONS.filter((m) => m.version <= 5);
    migratePostgres(client, url, defaultPostgresMigrationsDir(), upTo5);
    for (const sql of OLD_ROWS) client.query(sql);
    expect(migratePostgres(client, url).applied).toEqual(MIGRATIONS.filter((m) => m.version > 5).map(migrationLabel));

    const { dir, cleanup } = tempDir();
    const path = join(dir, 'svc.db');
    const sqlite = new BetterSqlite3(path);
    try {
      migrate(sqlite, path, defaultMigrationsDir(), listMigrations(defaultMigrationsDir()).filter((m) => m.version <= 5));
      for (const sql of OLD_ROWS) sqlite.exec(sql);
      migrate(sqlite, path);
      for (const sql of AFTER) expect(client.query(sql).rows, sql).toEqual(sqlite.prepare(sql).all());
    } finally {
      sqlite.close();
      cleanup();
    }
    // What the comparison cannot see: uuids are random, well-formed and unique.
    const uuids = [...client.query('SELECT uuid FROM teams').rows, ...client.query('SELECT uuid FROM customer_forgets').rows].map((r) => String(r.uuid));
    // Teams care, Desk, ÉQUIPE and équipe (lower() folds ASCII only, on both engines), and two forgets.
    expect(uuids).toHaveLength(6);
    for (const uuid of uuids) expect(uuid).toMatch(UUID_V4);
    expect(new Set(uuids).size).toBe(uuids.length);
    const stamp = String(client.query('SELECT created_at FROM teams LIMIT 1').rows[0]?.created_at);
    expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describeOnPostgres('the PostgreSQL schema with rows in it', () => {
  const fresh = freshDatabases();
  let client: SyncPostgresClient;
  const count = (sql: string, params: unknown[] = []) => Number(client.query(sql, params).rows[0]?.n);
  const story = (uuid: string, text: string, extra: { title?: string; impact?: string } = {}) =>
    Number(
      client.query(
        "INSERT INTO stories (uuid, title, text, impact, occurred_on, created_at, updated_at) VALUES ($1, $2, $3, $4, '2026-03-01', 't', 't') RETURNING id",
        [uuid, extra.title ?? null, text, extra.impact ?? null],
      ).rows[0]?.id,
    );
  /** Story ids a search finds, as the PostgreSQL store will ask: every word, prefixes kept. */
  const search = (tsquery: string) =>
    client
      .query("SELECT story_id FROM stories_fts WHERE document @@ to_tsquery('svc_search', $1) ORDER BY story_id", [tsquery])
      .rows.map((r) => Number(r.story_id));

  beforeAll(() => {
    const database = fresh();
    client = database.client;
    migratePostgres(client, database.url);
  });

  it('refuses a duplicate unique key (23505), a value outside a check (23514) and a dangling reference (23503)', () => {
    client.query("INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES ('u-ana', 'Ana', 'ana', 't', 't')");
    expect(sqlState(() => client.query("INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES ('u-ana', 'Ana B', 'ana b', 't', 't')"))).toBe('23505');
    expect(sqlState(() => client.query("INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES ('u-ana-2', 'ANA', 'ana', 't', 't')"))).toBe('23505');
    // The partial unique index: two customers without an external id are fine, two with the same one are not.
    client.query("INSERT INTO customers (uuid, name, created_at, updated_at) VALUES ('c-1', 'A', 't', 't'), ('c-2', 'B', 't', 't')");
    client.query("UPDATE customers SET external_id = 'X-1' WHERE uuid = 'c-1'");
    expect(sqlState(() => client.query("UPDATE customers SET external_id = 'X-1' WHERE uuid = 'c-2'"))).toBe('23505');

    const customer = Number(client.query("SELECT id FROM customers WHERE uuid = 'c-1'").rows[0]?.id);
    client.query("INSERT INTO interviews (uuid, customer_id, status, planned_on, created_at, updated_at) VALUES ('i-1', $1, 'no_reply', '2026-03-01', 't', 't')", [customer]);
    expect(sqlState(() => client.query("UPDATE interviews SET status = 'lost' WHERE uuid = 'i-1'"))).toBe('23514');
    expect(sqlState(() => client.query("UPDATE people SET active = 2 WHERE uuid = 'u-ana'"))).toBe('23514');
    expect(sqlState(() => client.query("INSERT INTO story_people (story_id, person_id) VALUES (987654, 1)"))).toBe('23503');
    expect(count("SELECT count(*) AS n FROM people")).toBe(1);
  });

  it('deletes a story’s children with it, clears references that say ON DELETE SET NULL, and refuses to orphan the rest', () => {
    const person = Number(client.query("INSERT INTO people (uuid, name, name_key, created_at, updated_at) VALUES ('u-bo', 'Bo', 'bo', 't', 't') RETURNING id").rows[0]?.id);
    const practice = Number(
      client.query("INSERT INTO practices (uuid, name, name_key, status_changed_at, created_at, updated_at) VALUES ('pr-1', 'Call back', 'call back', 't', 't', 't') RETURNING id").rows[0]?.id,
    );
    const id = story('s-cascade', 'Bo called the customer back the same day.');
    client.query('INSERT INTO story_people (story_id, person_id) VALUES ($1, $2)', [id, person]);
    client.query("INSERT INTO story_tags (story_id, tag_id) VALUES ($1, (SELECT id FROM tags WHERE name = 'empathy'))", [id]);
    client.query("INSERT INTO evidence (practice_id, story_id, how, created_at) VALUES ($1, $2, 'manual', 't')", [practice, id]);
    client.query("INSERT INTO story_phrases (story_id, kind, key, span_start, span_end, occurred_on) VALUES ($1, 'practice', 'call back', 3, 9, '2026-03-01')", [id]);
    client.query("INSERT INTO story_vectors (story_id, version, vector) VALUES ($1, 1, '\\x0102'::bytea)", [id]);
    client.query("INSERT INTO story_import_keys (key, story_id, imported_at) VALUES ('k-1', $1, 't')", [id]);

    expect(sqlState(() => client.query('DELETE FROM people WHERE id = $1', [person]))).toBe('23503');
    client.query('DELETE FROM stories WHERE id = $1', [id]);
    for (const table of ['story_people', 'story_tags', 'evidence', 'story_phrases', 'story_vectors', 'stories_fts']) {
      expect(count(`SELECT count(*) AS n FROM ${table} WHERE story_id = $1`, [id]), table).toBe(0);
    }
    // An import key outlives its story, so the same file does not bring it back.
    expect(client.query("SELECT story_id FROM story_import_keys WHERE key = 'k-1'").rows).toEqual([{ story_id: null }]);
    client.query('DELETE FROM practices WHERE id = $1', [practice]);
    expect(count('SELECT count(*) AS n FROM practice_status_changes WHERE practice_id = $1', [practice])).toBe(0);
  });

  it('keeps phrases and vectors in step with a story’s text and date, as SQLite’s triggers do', () => {
    const id = story('s-triggers', 'Ana listened to the whole complaint.');
    client.query("INSERT INTO story_phrases (story_id, kind, key, span_start, span_end, occurred_on) VALUES ($1, 'practice', 'listen', 4, 12, '2026-03-01')", [id]);
    client.query('INSERT INTO story_phrase_index (story_id, version) VALUES ($1, 3)', [id]);
    client.query("INSERT INTO story_vectors (story_id, version, vector) VALUES ($1, 1, '\\x01'::bytea)", [id]);

    client.query("UPDATE stories SET occurred_on = '2026-02-27' WHERE id = $1", [id]);
    expect(client.query('SELECT occurred_on FROM story_phrases WHERE story_id = $1', [id]).rows).toEqual([{ occurred_on: '2026-02-27' }]);
    expect(count('SELECT count(*) AS n FROM story_vectors WHERE story_id = $1', [id])).toBe(1);

    client.query("UPDATE stories SET text = 'Ana listened to the whole complaint, then fixed it.' WHERE id = $1", [id]);
    for (const table of ['story_phrases', 'story_phrase_index', 'story_vectors']) expect(count(`SELECT count(*) AS n FROM ${table} WHERE story_id = $1`, [id]), table).toBe(0);
  });

  it('finds a story by a word of its title, text or impact, stemmed and without accents, and no longer once the words are gone', () => {
    const id = story('s-search', 'The agent kept calling the café until the refund arrived.', { title: 'Persistence', impact: 'Customer renewed' });
    expect(search("'calls'")).toEqual([id]);
    expect(search("'cafe'")).toEqual([id]);
    expect(search("'the' & 'refund'")).toEqual([id]);
    expect(search("'refu':*")).toEqual([id]);
    expect(search("'persistence'")).toEqual([id]);
    expect(search("'renewal'")).toEqual([id]);
    expect(search("'calls' & 'elephant'")).toEqual([]);

    // Highlights carry the markers the renderers know.
    const headline = client.query(
      "SELECT ts_headline('svc_search', text, to_tsquery('svc_search', $1), 'StartSel=\u0002, StopSel=\u0003, MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…') AS h FROM stories WHERE id = $2",
      ["'cafe'", id],
    ).rows[0]?.h;
    expect(headline).toContain('\u0002café\u0003');

    // Rewriting the text (as forget does) takes the old words out of the index.
    client.query("UPDATE stories SET text = 'The agent kept calling [customer] until the refund arrived.' WHERE id = $1", [id]);
    expect(search("'cafe'")).toEqual([]);
    expect(search("'customer'")).toEqual([id]);

    client.query('DELETE FROM stories WHERE id = $1', [id]);
    expect(search("'refund'")).toEqual([]);
    expect(count('SELECT count(*) AS n FROM stories_fts WHERE story_id = $1', [id])).toBe(0);
  });

  it('never gives a deleted story’s id to the next one', () => {
    const first = story('s-id-1', 'one');
    client.query('DELETE FROM stories WHERE id = $1', [first]);
    expect(story('s-id-2', 'two')).toBeGreaterThan(first);
  });
});
