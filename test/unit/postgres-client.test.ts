import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectPostgres, PostgresError, type SyncPostgresClient } from '../../src/store/postgres/sync-client.ts';
import { describeOnPostgres, freshPostgresDatabase } from '../helpers/postgres.ts';

describeOnPostgres('the synchronous PostgreSQL client', () => {
  let database: ReturnType<typeof freshPostgresDatabase>;
  let client: SyncPostgresClient;
  beforeAll(() => {
    database = freshPostgresDatabase();
    client = connectPostgres(database.url);
  });
  afterAll(() => {
    client?.close();
    database?.drop();
  });

  it('runs statements in order and returns rows with SQLite-like types', () => {
    client.query('CREATE TABLE notes (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL, score NUMERIC, day DATE)');
    const inserted = client.query('INSERT INTO notes (body, score, day) VALUES ($1, $2, $3), ($4, $5, $6) RETURNING id', ['a', 1.5, '2026-12-01', 'b', null, null]);
    expect(inserted.rowCount).toBe(2);
    expect(inserted.rows).toEqual([{ id: 1 }, { id: 2 }]);
    const rows = client.query('SELECT id, body, score, day, count(*) OVER () AS total FROM notes ORDER BY id').rows;
    // Ids and counts come back as numbers and dates as their text, as they do from SQLite.
    expect(rows).toEqual([
      { id: 1, body: 'a', score: 1.5, day: '2026-12-01', total: 2 },
      { id: 2, body: 'b', score: null, day: null, total: 2 },
    ]);
  });

  it('reports the server error with its SQLSTATE code and keeps working', () => {
    client.query('CREATE TABLE unique_names (name TEXT PRIMARY KEY)');
    client.query('INSERT INTO unique_names VALUES ($1)', ['Ana']);
    let caught: unknown;
    try {
      client.query('INSERT INTO unique_names VALUES ($1)', ['Ana']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PostgresError);
    expect((caught as PostgresError).code).toBe('23505');
    expect(client.query('SELECT count(*) AS n FROM unique_names').rows).toEqual([{ n: 1 }]);
  });

  it('holds a transaction across calls, and a second connection sees only what was committed', () => {
    client.query('CREATE TABLE counters (n INTEGER)');
    const other = connectPostgres(database.url);
    try {
      client.query('BEGIN');
      client.query('INSERT INTO counters VALUES (1)');
      expect(other.query('SELECT count(*) AS n FROM counters').rows[0]).toEqual({ n: 0 });
      client.query('COMMIT');
      expect(other.query('SELECT count(*) AS n FROM counters').rows[0]).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });

  it('says so when the server cannot be reached', () => {
    const nowhere = connectPostgres('postgres://svc@127.0.0.1:1/none?connect_timeout=2');
    try {
      expect(() => nowhere.query('SELECT 1')).toThrow(PostgresError);
    } finally {
      nowhere.close();
    }
  });
});
