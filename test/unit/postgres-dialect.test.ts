// The SQLite-to-PostgreSQL translation of the store's statements: how each construct is
// spelt, and, on real databases, that statements copied from src/store give the same rows
// on PostgreSQL (translated) as on SQLite (as written).
import { beforeAll, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../src/core/search.ts';
import { migrate } from '../../src/store/migrate.ts';
import { toPostgres, toTsQuery, untranslated } from '../../src/store/postgres/dialect.ts';
import { describeOnPostgres, migratedOnBothEngines } from '../helpers/postgres.ts';

const text = (sql: string) => toPostgres(sql).text.replace(/\s+/g, ' ').trim();

describe('translating SQLite statements to PostgreSQL', () => {
  it('numbers parameters, a name keeping its number, and leaves literals, quoted names, comments and casts alone', () => {
    expect(text("SELECT '?', \"a?\", x FROM t WHERE a = ? AND b = ? -- what?\n AND c = 'it''s ?'")).toBe("SELECT '?', \"a?\", x FROM t WHERE a = $1 AND b = $2 -- what?\n AND c = 'it''s ?'".replace(/\s+/g, ' '));
    expect(text('SELECT * FROM r WHERE day BETWEEN :since AND :until OR day = :since')).toBe('SELECT * FROM r WHERE day BETWEEN $1 AND $2 OR day = $1');
    expect(text('UPDATE t SET a = @a WHERE id = @id AND b::text = \'x:y\'')).toBe("UPDATE t SET a = $1 WHERE id = $2 AND b::text = 'x:y'");
    expect(toPostgres('SELECT :b, :a, :b').bind([{ a: 1, b: 'two' }])).toEqual(['two', 1]);
    expect(toPostgres('SELECT ?, ?').bind([1, undefined])).toEqual([1, null]);
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING, before RETURNING', () => {
    expect(text('INSERT OR IGNORE INTO action_sources (action_id, interview_id) VALUES (?, ?)')).toBe('INSERT INTO action_sources (action_id, interview_id) VALUES ($1, $2) ON CONFLICT DO NOTHING');
    expect(text('INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING id;')).toBe('INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id;');
  });

  it('spells null-safe equality, typed NULL tests, NOCASE, json_each lists, scalar max/min and the JSON and date functions', () => {
    expect(text('SELECT 1 FROM t WHERE a IS ? AND b IS NOT ? AND c IS NULL AND d IS NOT NULL')).toBe('SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM $2 AND c IS NULL AND d IS NOT NULL');
    expect(text("SELECT 1 FROM t WHERE a LIKE ? AND b NOT LIKE 'x\\_%' AND c LIKE '%!%' ESCAPE '!'")).toBe("SELECT 1 FROM t WHERE a ILIKE $1 ESCAPE '' AND b NOT ILIKE 'x\\_%' ESCAPE '' AND c LIKE '%!%' ESCAPE '!'");
    expect(text('SELECT 1 WHERE (? IS NULL OR c.segment = ? COLLATE NOCASE)')).toBe('SELECT 1 WHERE ($1::text IS NULL OR lower(c.segment) = lower($2))');
    const twice = toPostgres('SELECT 1 WHERE (:p IS NULL OR a.person_id = :p)');
    expect(twice.text).toBe('SELECT 1 WHERE ($2::text IS NULL OR a.person_id = $1)');
    expect(twice.bind([{ p: 7 }])).toEqual([7, 7]);
    const list = toPostgres('SELECT 1 FROM s WHERE (:ids IS NULL OR s.id IN (SELECT value FROM json_each(:ids))) AND s.key NOT IN (SELECT value FROM json_each(:keys))');
    expect(list.text.replace(/\s+/g, ' ')).toBe('SELECT 1 FROM s WHERE ($3::text IS NULL OR s.id = ANY($1)) AND s.key <> ALL($2)');
    expect(list.bind([{ ids: '[1,2]', keys: '["a"]' }])).toEqual([[1, 2], ['a'], '[1,2]']);
    expect(list.bind([{ ids: null, keys: '[]' }])).toEqual([null, [], null]);
    expect(text('UPDATE p SET active = max(active, ?), updated_at = max(updated_at, ?), n = (SELECT max(v) FROM q)')).toBe('UPDATE p SET active = greatest(active, $1), updated_at = greatest(updated_at, $2), n = (SELECT max(v) FROM q)');
    expect(text('SELECT json_group_array(DISTINCT story_id) AS storyIds, min(a, min(b, c)) AS low FROM t')).toBe(
      `SELECT coalesce(array_to_json(array_agg(DISTINCT story_id))::text, '[]') AS "storyIds", least(a, least(b, c)) AS low FROM t`,
    );
    expect(text("SELECT date(x), date(coalesce(a, b), '+' || n || ' days'), date(x, 'start of month') FROM t")).toBe(
      "SELECT substr(x, 1, 10), to_char(CAST(substr(coalesce(a, b), 1, 10) AS date) + CAST(n AS integer), 'YYYY-MM-DD'), date(x, 'start of month') FROM t",
    );
    expect(text("SELECT group_concat(name), group_concat(DISTINCT tag, ' ') FROM t")).toBe("SELECT string_agg((name)::text, ','), string_agg(DISTINCT (tag)::text, ' ') FROM t");
    expect(text('SELECT EXISTS (SELECT 1) AS planned FROM t WHERE NOT EXISTS (SELECT 2)')).toBe('SELECT CAST(EXISTS (SELECT 1) AS integer) AS planned FROM t WHERE NOT EXISTS (SELECT 2)');
  });

  it('sorts NULL first, as SQLite does, in every ORDER BY', () => {
    expect(text('SELECT a FROM t ORDER BY a, coalesce(b, c) DESC LIMIT ?')).toBe('SELECT a FROM t ORDER BY a NULLS FIRST, coalesce(b, c) DESC NULLS LAST LIMIT $1');
    expect(text('SELECT (SELECT json_group_array(name) FROM (SELECT name FROM people ORDER BY name_key)) AS people FROM t ORDER BY id DESC')).toBe(
      "SELECT (SELECT coalesce(array_to_json(array_agg(name))::text, '[]') FROM (SELECT name FROM people ORDER BY name_key NULLS FIRST) AS subquery_1) AS people FROM t ORDER BY id DESC NULLS LAST",
    );
    expect(text('INSERT INTO t (a) SELECT a FROM u ORDER BY a NULLS LAST ON CONFLICT DO NOTHING')).toBe('INSERT INTO t (a) SELECT a FROM u ORDER BY a NULLS LAST ON CONFLICT DO NOTHING');
  });

  it('names each subquery in FROM or JOIN that has no name, inner ones too, and leaves named ones as they are', () => {
    expect(text('SELECT n FROM (SELECT count(*) AS n FROM (SELECT 1 FROM t) WHERE 1 = 1) GROUP BY n')).toBe('SELECT n FROM (SELECT count(*) AS n FROM (SELECT 1 FROM t) AS subquery_2 WHERE 1 = 1) AS subquery_1 GROUP BY n');
    expect(text('SELECT a FROM t JOIN (SELECT a FROM u) ON true LEFT JOIN (SELECT b FROM v) w ON w.b = t.a, (VALUES (1)) AS x')).toBe(
      'SELECT a FROM t JOIN (SELECT a FROM u) AS subquery_1 ON true LEFT JOIN (SELECT b FROM v) w ON w.b = t.a, (VALUES (1)) AS x',
    );
    expect(text('SELECT x FROM (SELECT 1 AS x)')).toBe('SELECT x FROM (SELECT 1 AS x) AS subquery_1');
    expect(text('SELECT x FROM (SELECT 1 AS x) AS named WHERE x IN (SELECT 1)')).toBe('SELECT x FROM (SELECT 1 AS x) AS named WHERE x IN (SELECT 1)');
  });

  it('names what it leaves as SQLite wrote it', () => {
    expect(untranslated(toPostgres("SELECT value FROM json_each(?) j JOIN stories s ON s.id = j.value WHERE stories_fts MATCH ?").text)).toEqual(['json_each', 'FTS5']);
    expect(untranslated(toPostgres("SELECT rowid FROM pragma_table_list WHERE name NOT LIKE 'sqlite_%'").text)).toEqual(['PRAGMA', 'rowid']);
    expect(untranslated(toPostgres("SELECT date(x, 'start of month') FROM t").text)).toEqual(['date with modifiers']);
    expect(untranslated(toPostgres("SELECT 'json_each(x) rowid' FROM t -- PRAGMA").text)).toEqual([]);
  });

  it('turns the search query svc builds into a tsquery', () => {
    expect(toTsQuery(toFtsQuery('Called back the café, refund*'))).toBe("'called' & 'back' & 'the' & 'café' & 'refund':*");
  });
});

// One set of rows, written with the same SQL on both engines.
const FIXTURE = [
  "INSERT INTO people (uuid, name, name_key, team, active, created_at, updated_at) VALUES ('p1', 'Zoë', 'zoë', 'Care', 1, 't', '2026-01-01'), ('p2', 'ana', 'ana', 'Care', 1, 't', '2026-01-01'), ('p3', 'Bo', 'bo', NULL, 0, 't', '2026-01-01')",
  "INSERT INTO customers (uuid, name, name_key, email, segment, created_at, updated_at) VALUES ('c1', 'Acme', 'acme', 'a@acme.test', 'Retail', 't', 't'), ('c2', 'Beta', 'beta', NULL, NULL, 't', 't'), ('c3', 'Gamma', 'gamma', 'g@gamma.test', 'retail', 't', 't')",
  "INSERT INTO interviews (uuid, customer_id, status, planned_on, held_on, created_at, updated_at) VALUES ('i1', 1, 'planned', '2026-03-10', NULL, 't', 't'), ('i2', 3, 'done', '2026-01-10', '2026-02-01', 't', 't')",
  "INSERT INTO stories (uuid, title, text, occurred_on, customer_id, created_at, updated_at) VALUES ('s1', 'Called back', 'Ana called the customer back.', '2026-02-01', 1, 't', 't'), ('s2', NULL, 'Zoë listened first.', '2026-02-03', NULL, 't', 't'), ('s3', NULL, 'Bo fixed the printer.', '2026-02-05', 3, 't', 't')",
  'INSERT INTO story_people (story_id, person_id) VALUES (1, 2), (1, 1), (2, 1), (3, 3)',
  "INSERT INTO story_phrases (story_id, kind, key, detail, span_start, span_end, occurred_on) VALUES (1, 'practice', 'call back', 'customer', 4, 10, '2026-02-01'), (2, 'practice', 'call back', 'customer', 0, 3, '2026-02-03'), (3, 'practice', 'call back', 'client', 0, 3, '2026-02-05'), (3, 'practice', 'fix', 'printer', 3, 8, '2026-02-05')",
  "INSERT INTO practices (uuid, name, name_key, status, status_changed_at, created_at, updated_at) VALUES ('pr1', 'Call back', 'call back', 'standard', 't', '2026-01-05T09:00:00.000Z', 't')",
  "INSERT INTO procedures (uuid, practice_id, version, body, review_every_days, created_at, reviewed_at, updated_at) VALUES ('v1', 1, 1, 'Call back.', 30, '2026-01-05T09:00:00.000Z', NULL, 't'), ('v2', 1, 2, 'Call back today.', 45, '2026-01-20T09:00:00.000Z', '2026-02-10T08:00:00.000Z', 't')",
  "INSERT INTO evidence (practice_id, story_id, how, created_at) VALUES (1, 1, 'manual', 't'), (1, 2, 'matched', 't')",
  "INSERT INTO tombstones (table_name, key, deleted_at) VALUES ('evidence', '[\"pr1\",\"s3\"]', 't')",
  "INSERT INTO story_import_keys (key, story_id, imported_at) VALUES ('k1', 1, 't'), ('k2', NULL, 't')",
  "INSERT INTO training_assignments (uuid, practice_id, person_id, due_on, created_at, updated_at) VALUES ('a1', 1, 1, '2026-04-01', 't', 't'), ('a2', 1, 2, '2026-03-01', 't', 't'), ('a3', 1, 3, '2026-02-01', 't', 't')",
];

/** Statements as src/store writes them (copied verbatim, SQLite's dialect), with the values they are run with. */
const STATEMENTS: Array<{ from: string; sql: string; params: unknown[]; ties?: true }> = [
  {
    from: 'customers.ts: customers to invite',
    sql: `SELECT c.id,
            EXISTS (SELECT 1 FROM interviews i WHERE i.customer_id = c.id AND i.status = 'planned') AS planned,
            EXISTS (SELECT 1 FROM interviews i WHERE i.customer_id = c.id AND i.status IN ('done', 'declined', 'no_reply')
                       AND i.held_on >= ?) AS recent
       FROM customers c
      WHERE c.forgotten_at IS NULL AND (c.email IS NOT NULL OR c.phone IS NOT NULL)
        AND (? IS NULL OR c.segment = ? COLLATE NOCASE)
      ORDER BY c.id`,
    params: ['2026-01-15', 'RETAIL', 'RETAIL'],
  },
  {
    from: 'customers.ts: customers to invite, any segment',
    sql: `SELECT c.id FROM customers c WHERE c.forgotten_at IS NULL AND (? IS NULL OR c.segment = ? COLLATE NOCASE) ORDER BY c.id`,
    params: [null, null],
  },
  {
    from: 'detect.ts: PHRASE_DETAILS',
    sql: `
  SELECT detail, count(DISTINCT story_id) AS stories, json_group_array(DISTINCT story_id) AS storyIds FROM story_phrases
   WHERE kind = 'practice' AND key = ? AND occurred_on >= ? AND detail IS NOT NULL
   GROUP BY detail`,
    params: ['call back', '2026-01-01'],
  },
  {
    from: 'stories.ts: staff of a page of stories',
    sql: `SELECT sp.story_id AS storyId, p.name AS value FROM story_people sp JOIN people p ON p.id = sp.person_id
        WHERE sp.story_id IN (SELECT value FROM json_each(?)) ORDER BY p.name_key`,
    params: ['[1,2]'],
    // Zoë is in both stories: rows with the same name_key come in no set order, on either engine.
    ties: true,
  },
  {
    from: 'story-imports.ts: keys already imported',
    sql: 'SELECT key FROM story_import_keys WHERE key IN (SELECT value FROM json_each(?))',
    params: ['["k1","k9"]'],
  },
  {
    from: 'programme.ts: listAssignments',
    sql: `SELECT a.uuid FROM training_assignments a JOIN people pe ON pe.id = a.person_id
      WHERE (:personId IS NULL AND pe.active = 1 OR a.person_id = :personId)
        AND (:personIds IS NULL OR a.person_id IN (SELECT value FROM json_each(:personIds)))
      ORDER BY a.due_on`,
    params: [{ personId: null, personIds: '[1,3]' }],
  },
  {
    from: 'programme.ts: listAssignments, everyone active',
    sql: `SELECT a.uuid FROM training_assignments a JOIN people pe ON pe.id = a.person_id
      WHERE (:personId IS NULL AND pe.active = 1 OR a.person_id = :personId)
        AND (:personIds IS NULL OR a.person_id IN (SELECT value FROM json_each(:personIds)))
      ORDER BY a.due_on`,
    params: [{ personId: null, personIds: null }],
  },
  {
    from: 'procedures.ts: PROCEDURE_STATE_SQL',
    sql: `SELECT p.id AS practiceId, p.name AS practice, cur.version, cur.created_at AS writtenAt,
       cur.review_every_days AS reviewEveryDays,
       date(coalesce(cur.reviewed_at, cur.created_at), '+' || cur.review_every_days || ' days') AS reviewDueOn,
       cur.reviewed_at AS reviewedAt,
       first.created_at AS adoptedAt,
       (SELECT max(s.occurred_on) FROM evidence e JOIN stories s ON s.id = e.story_id WHERE e.practice_id = p.id) AS lastEvidenceOn,
       (SELECT count(*) FROM evidence e JOIN stories s ON s.id = e.story_id
         WHERE e.practice_id = p.id AND s.occurred_on > date(first.created_at)) AS evidenceSinceAdoption
  FROM practices p
  JOIN procedures cur ON cur.practice_id = p.id
   AND cur.version = (SELECT max(version) FROM procedures WHERE practice_id = p.id)
  JOIN procedures first ON first.practice_id = p.id AND first.version = 1
 WHERE p.status = 'standard'
 ORDER BY p.name_key`,
    params: [],
  },
  {
    from: 'vectors.ts: NAMES',
    sql: `SELECT s.id, (SELECT group_concat(p.name, char(31)) FROM story_people sp JOIN people p ON p.id = sp.person_id WHERE sp.story_id = s.id) AS names FROM stories s ORDER BY s.id`,
    params: [],
  },
  {
    from: 'matching.ts: NOT_UNLINKED',
    sql: `SELECT s0.id FROM stories s0 JOIN practices p ON p.id = 1 WHERE NOT EXISTS (SELECT 1 FROM tombstones tb WHERE tb.table_name = 'evidence'
                 AND tb.key = json_array(p.uuid, (SELECT s.uuid FROM stories s WHERE s.id = s0.id))) ORDER BY s0.id`,
    params: [],
  },
  {
    from: 'names.ts: recent stories',
    sql: 'SELECT id, substr(text, 1, 60) AS name FROM stories ORDER BY id DESC LIMIT ?',
    params: [2],
  },
  {
    from: 'transfer.ts: a row by its key, NULL-safe',
    sql: `SELECT uuid FROM customers WHERE "segment" IS ? AND "email" IS ?`,
    params: [null, null],
  },
  {
    from: 'people listing: names in SQLite order',
    sql: 'SELECT name FROM people ORDER BY name',
    params: [],
  },
  {
    from: 'a name by its start, any ASCII case, with no escape character',
    sql: "SELECT name FROM people WHERE name LIKE ? OR name LIKE 'z%' ORDER BY name",
    params: ['A_%'],
  },
  {
    from: 'LIKE folds ASCII only: ZOË is not Zoë',
    sql: "SELECT name FROM people WHERE name LIKE 'ZOË' OR name LIKE 'b%' ORDER BY name",
    params: [],
  },
  {
    from: 'people listing: no team first, as SQLite sorts NULL',
    sql: 'SELECT name, team FROM people ORDER BY team, name_key',
    params: [],
  },
];

/** Writes as src/store writes them; the rows after are compared. */
const WRITES: Array<{ from: string; sql: string; params: unknown[]; check: string }> = [
  {
    from: 'actions.ts: an action source, twice',
    sql: 'INSERT OR IGNORE INTO action_sources (action_id, interview_id) VALUES (?, ?)',
    params: [1, 2],
    check: 'SELECT action_id, interview_id FROM action_sources',
  },
  {
    from: 'people.ts: merging a person',
    sql: 'UPDATE people SET role = coalesce(role, ?), team = coalesce(team, ?), active = max(active, ?), updated_at = max(updated_at, ?) WHERE id = ?',
    params: ['lead', 'Desk', 1, '2026-03-01', 3],
    check: 'SELECT id, role, team, active, updated_at FROM people ORDER BY id',
  },
  {
    from: 'phrases.ts: forgetting a batch of phrases',
    sql: 'DELETE FROM story_phrases WHERE story_id IN (SELECT value FROM json_each(?))',
    params: ['[3]'],
    check: 'SELECT story_id, key FROM story_phrases ORDER BY story_id, key',
  },
];

describeOnPostgres('translated statements on PostgreSQL', () => {
  const engines = migratedOnBothEngines();
  const onPostgres = (sql: string, params: unknown[]) => {
    const statement = toPostgres(sql);
    expect(untranslated(statement.text)).toEqual([]);
    return engines.client.query(statement.text, statement.bind(params)).rows;
  };
  const onSqlite = (sql: string, params: unknown[]) => {
    const statement = engines.sqlite.prepare(sql);
    return statement.reader ? statement.all(...params) : (statement.run(...params), []);
  };

  beforeAll(() => {
    for (const sql of FIXTURE) {
      engines.client.query(sql);
      engines.sqlite.exec(sql);
    }
    // The action whose sources are written below.
    const action = "INSERT INTO actions (uuid, text, due_on, created_at, updated_at) VALUES ('ac1', 'Call within a day', '2026-04-01', 't', 't')";
    engines.client.query(action);
    engines.sqlite.exec(action);
  });

  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
  for (const { from, sql, params, ties } of STATEMENTS) {
    it(`reads the same rows: ${from}`, () => {
      const expected = onSqlite(sql, params);
      expect(expected.length, 'the fixture gives the statement something to find').toBeGreaterThan(0);
      const actual = onPostgres(sql, params);
      if (ties) expect(sorted(actual)).toEqual(sorted(expected));
      else expect(actual).toEqual(expected);
    });
  }

  for (const { from, sql, params, check } of WRITES) {
    it(`writes the same rows: ${from}`, () => {
      for (let i = 0; i < 2; i++) {
        onSqlite(sql, params);
        onPostgres(sql, params);
      }
      expect(engines.client.query(check).rows).toEqual(engines.sqlite.prepare(check).all());
    });
  }
});
