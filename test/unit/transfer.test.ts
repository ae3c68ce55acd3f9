import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../src/core/errors.ts';
import { EXPORT_VERSION, csvField, parseExport, readExport, startsAsJsonl, streamOf, type ExportData, type ExportRow } from '../../src/core/transfer.ts';
import { toFtsQuery } from '../../src/core/search.ts';
import type { Connection } from '../../src/store/db.ts';
import { getStory } from '../../src/store/stories.ts';
import { NOT_EXPORTED, exportHeader, exportRows, exportedTables, importExport, readSnapshot } from '../../src/store/transfer.ts';
import { NOW_ISO, tempStore } from '../helpers/db.ts';
import { testEngine } from '../helpers/engine.ts';
import { seedEverything } from '../helpers/seed.ts';
import { FUZZ_SEED } from '../helpers/text.ts';

const stores: Array<ReturnType<typeof tempStore>> = [];
function store(): ReturnType<typeof tempStore> {
  const s = tempStore();
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
});

/** Everything an export of the store holds, as parsed data (what a file would carry). */
function exportOf(s: Connection, contacts = false): ExportData {
  return readSnapshot(s.db, () => {
    const tables = exportedTables(s.db);
    const header = exportHeader(s.db, tables, contacts, NOW_ISO);
    return { header, tables: new Map(tables.map((t) => [t.name, [...exportRows(s.db, t, tables, contacts)]])) };
  });
}

/** The rows of an export, sorted, for comparing two databases' contents. */
function contents(data: ExportData): Record<string, ExportRow[]> {
  const out: Record<string, ExportRow[]> = {};
  for (const [table, rows] of data.tables) out[table] = rows.map((r) => JSON.stringify(r)).sort().map((r) => JSON.parse(r) as ExportRow);
  return out;
}

function fileOf(data: ExportData): Uint8Array {
  const lines = [JSON.stringify(data.header), ...[...data.tables].flatMap(([table, rows]) => rows.map((row) => JSON.stringify({ table, row })))];
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const importAll = (s: Connection, data: ExportData, dryRun = false) => importExport(s, streamOf(data), 'test.jsonl', { dryRun, now: NOW_ISO });
const total = (r: ReturnType<typeof importAll>, key: 'added' | 'updated' | 'skipped') => r.tables.reduce((n, t) => n + t[key], 0);

describe('which tables travel', () => {
  it('every table of the schema travels, or is listed as not exported, and each can be matched and referred to', () => {
    const s = store();
    const shapes = exportedTables(s.db);
    // Every table as the engine lists it; the full-text index (FTS5's shadow tables, or PostgreSQL's stories_fts) never travels.
    const all = (
      s.db.prepare(
        testEngine === 'postgres'
          ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'stories_fts'"
          : "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'stories_fts_%'",
      ).all() as Array<{ name: string }>
    ).map((r) => r.name);
    expect(all.length).toBeGreaterThan(30);
    for (const name of all) expect(shapes.some((t) => t.name === name) || name in NOT_EXPORTED, name).toBe(true);
    expect(shapes.map((t) => t.name)).not.toContain('stories_fts');
    for (const shape of shapes) {
      expect(shape.keys.length, `${shape.name} needs a uuid, a unique key or a MATCH_ALSO_BY entry`).toBeGreaterThan(0);
      for (const ref of shape.refs.values()) expect(shapes.find((t) => t.name === ref.table)?.refKey, `${shape.name} → ${ref.table}`).toBeTruthy();
    }
    // Parents come before the tables that refer to them.
    const order = shapes.map((t) => t.name);
    for (const shape of shapes) for (const ref of shape.refs.values()) expect(order.indexOf(ref.table)).toBeLessThan(order.indexOf(shape.name));
  });
});

describe('export then import', () => {
  it('copies every table into an empty database exactly, and the seed reaches every table', () => {
    const a = store();
    seedEverything(a.db);
    const data = exportOf(a, true);
    for (const [table, rows] of data.tables) expect(rows.length, `seedEverything must put a row in ${table}`).toBeGreaterThan(0);
    const b = store();
    importAll(b, parseExport(fileOf(data), 'a.jsonl'));
    expect(contents(exportOf(b, true))).toEqual(contents(data));
    // Derived data is rebuilt: full-text search finds the imported story.
    expect(b.stories.search(toFtsQuery('finance'), 10)).toHaveLength(1);
  });

  it('leaves contact details out unless asked', () => {
    const a = store();
    seedEverything(a.db);
    const customer = exportOf(a).tables.get('customers')?.[0];
    expect(customer).not.toHaveProperty('email');
    expect(customer).not.toHaveProperty('phone');
    expect(exportOf(a, true).tables.get('customers')?.[0]).toMatchObject({ email: 'buyer@acme.example' });
  });

  it('is idempotent: the second import of the same file changes nothing', () => {
    const a = store();
    seedEverything(a.db);
    const b = store();
    const data = exportOf(a);
    const first = importAll(b, data);
    const after = contents(exportOf(b, true));
    const second = importAll(b, data);
    expect(total(first, 'added')).toBeGreaterThan(0);
    expect(total(second, 'added') + total(second, 'updated')).toBe(0);
    expect(contents(exportOf(b, true))).toEqual(after);
  });

  it('a dry run reports the same counts as the real import and changes nothing', () => {
    const a = store();
    seedEverything(a.db);
    const b = store();
    const before = contents(exportOf(b, true));
    const dry = importAll(b, exportOf(a), true);
    expect(contents(exportOf(b, true))).toEqual(before);
    expect(importAll(b, exportOf(a))).toEqual(dry);
  });

  it('keeps a contact detail here when the file left it out', () => {
    const a = store();
    seedEverything(a.db);
    const b = store();
    importAll(b, exportOf(a, true));
    a.db.prepare("UPDATE customers SET segment = 'wholesale', updated_at = '2026-03-05T00:00:00.000Z' WHERE forgotten_at IS NULL").run();
    const result = importAll(b, exportOf(a));
    expect(result.tables.find((t) => t.table === 'customers')).toMatchObject({ updated: 1 });
    expect(b.db.prepare('SELECT segment, email FROM customers WHERE forgotten_at IS NULL').get()).toEqual({ segment: 'wholesale', email: 'buyer@acme.example' });
  });
});

describe('merging two people’s databases', () => {
  it('adds both sides, merges people by name, and the newer story wins with its own tags and staff', () => {
    const a = store();
    const b = store();
    seedEverything(a.db, 'a');
    seedEverything(b.db, 'b');
    // Both know Ana's story 1 of a: b got it from an earlier import, then edited it later.
    importAll(b, exportOf(a));
    b.db.prepare("UPDATE stories SET text = 'Ana called back within the hour', updated_at = '2026-03-10T00:00:00.000Z' WHERE uuid = 'a-story1-0000-0000-000000000000'").run();
    b.db.prepare("DELETE FROM story_tags WHERE story_id = (SELECT id FROM stories WHERE uuid = 'a-story1-0000-0000-000000000000')").run();

    const result = importAll(a, exportOf(b));
    expect(result.tables.find((t) => t.table === 'stories')).toMatchObject({ added: 2, updated: 1 });
    // Ana and Bo exist on both sides under different uuids: merged by name, not duplicated.
    expect(a.db.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 2 });
    expect(a.db.prepare('SELECT count(*) AS n FROM stories').get()).toEqual({ n: 4 });
    expect(a.db.prepare('SELECT count(*) AS n FROM practices').get()).toEqual({ n: 2 });
    // Both know an "Acme Ltd", under different external ids and with no contacts in the
    // file: a name alone never makes two customers one, so both stay.
    expect(a.db.prepare('SELECT count(*) AS n FROM customers WHERE forgotten_at IS NULL').get()).toEqual({ n: 2 });
    const id = (a.db.prepare("SELECT id FROM stories WHERE uuid = 'a-story1-0000-0000-000000000000'").get() as { id: number }).id;
    const story = getStory(a.db, id);
    expect(story).toMatchObject({ text: 'Ana called back within the hour', tags: [], staff: ['Ana'] });
    // b's stories credit a's Ana and Bo.
    const bStory = a.db.prepare("SELECT id FROM stories WHERE uuid = 'b-story2-0000-0000-000000000000'").get() as { id: number };
    expect(getStory(a.db, bStory.id)?.staff).toEqual(['Ana', 'Bo']);

    // Now a is newer for nothing and b is not newer: importing b again changes nothing.
    const again = importAll(a, exportOf(b));
    expect(total(again, 'added') + total(again, 'updated')).toBe(0);
  });

  it('an older copy never overwrites a newer local edit', () => {
    const a = store();
    seedEverything(a.db);
    const old = exportOf(a);
    a.db.prepare("UPDATE stories SET text = 'newer text', updated_at = '2026-03-12T00:00:00.000Z' WHERE uuid = 'a-story1-0000-0000-000000000000'").run();
    const result = importAll(a, old);
    expect(total(result, 'updated')).toBe(0);
    expect(a.db.prepare("SELECT text FROM stories WHERE uuid = 'a-story1-0000-0000-000000000000'").get()).toEqual({ text: 'newer text' });
  });

  it('never brings a forgotten customer back from an older copy', () => {
    const a = store();
    seedEverything(a.db);
    const old = exportOf(a, true);
    a.db.prepare("UPDATE customers SET name = NULL, name_key = NULL, email = NULL, phone = NULL, forgotten_at = ?, updated_at = '2026-01-01T00:00:00.000Z'").run(NOW_ISO);
    importAll(a, old);
    expect(a.db.prepare('SELECT name, email, CASE WHEN forgotten_at IS NOT NULL THEN 1 ELSE 0 END AS forgotten FROM customers').get()).toEqual({ name: null, email: null, forgotten: 1 });
  });
});

describe('refusing a bad file changes nothing', () => {
  it('refuses a reference to a record that exists nowhere', () => {
    const a = store();
    seedEverything(a.db);
    const data = exportOf(a);
    const rows = data.tables.get('story_people') ?? [];
    rows[0] = { ...rows[0], person_id: 'no-such-person' };
    const b = store();
    const before = contents(exportOf(b, true));
    expect(() => importAll(b, data)).toThrow(/no-such-person.*neither in the file nor in this database/);
    expect(contents(exportOf(b, true))).toEqual(before);
  });

  it('refuses a row the schema rejects, naming it', () => {
    const a = store();
    seedEverything(a.db);
    const data = exportOf(a);
    const stories = data.tables.get('stories') ?? [];
    stories[1] = { ...stories[1], channel: 'pigeon' };
    const b = store();
    expect(() => importAll(b, data)).toThrow(ValidationError);
    expect(b.db.prepare('SELECT count(*) AS n FROM stories').get()).toEqual({ n: 0 });
  });

  it('refuses a newer record that would clash with a different one here', () => {
    const a = store();
    seedEverything(a.db);
    const people = exportOf(a).tables.get('people') ?? [];
    const b = store();
    importAll(b, { header: exportOf(a).header, tables: new Map([['people', people]]) });
    const before = contents(exportOf(b, true));
    // Bo was renamed Ana elsewhere: here that name belongs to someone else.
    const renamed = people.map((p) => (p.name === 'Bo' ? { ...p, name: 'Ana', name_key: 'ana', updated_at: '2027-01-01T00:00:00.000Z' } : p));
    expect(() => importAll(b, { header: exportOf(a).header, tables: new Map([['people', renamed]]) })).toThrow(ConflictError);
    expect(contents(exportOf(b, true))).toEqual(before);
  });
});

describe('parseExport', () => {
  const header = (extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'svc-export', version: 1, counts: { people: 1 }, ...extra });
  const person = JSON.stringify({ table: 'people', row: { uuid: 'u', name: 'Ana' } });
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('reads JSONL and JSON', () => {
    expect(parseExport(bytes(`${header()}\n${person}\n`), 'f').tables.get('people')).toEqual([{ uuid: 'u', name: 'Ana' }]);
    const json = JSON.stringify({ format: 'svc-export', version: 1, counts: { people: 1 }, data: { people: [{ uuid: 'u', name: 'Ana' }] } }, null, 2);
    expect(parseExport(bytes(json), 'f').tables.get('people')).toEqual([{ uuid: 'u', name: 'Ana' }]);
    expect(parseExport(bytes(JSON.parse(JSON.stringify(json)) as string), 'f').header.version).toBe(1);
  });

  it('refuses a newer format version as a conflict (exit 4)', () => {
    expect(() => parseExport(bytes(`${header({ version: EXPORT_VERSION + 1 })}\n${person}\n`), 'f')).toThrow(ConflictError);
  });

  it.each([
    ['empty', ''],
    ['not JSON', 'hello, world\n'],
    ['another JSON file', '{"name": "package"}\n'],
    ['a header without version', `${JSON.stringify({ format: 'svc-export', counts: {} })}\n`],
    ['a row that is not an object', `${header()}\n[1,2,3]\n`],
    ['a row holding a list', `${header()}\n${JSON.stringify({ table: 'people', row: { uuid: ['u'] } })}\n`],
    ['a row holding a boolean', `${header()}\n${JSON.stringify({ table: 'people', row: { uuid: true } })}\n`],
    ['fewer rows than the header promises (cut off)', `${header({ counts: { people: 2 } })}\n${person}\n`],
    ['a line cut in half', `${header()}\n${person.slice(0, 20)}`],
  ])('refuses %s', (_name, text) => {
    expect(() => parseExport(bytes(text), 'f')).toThrow(ValidationError);
  });

  it('reads the same whatever the chunks the file arrives in (lines and characters cut in two)', () => {
    const a = store();
    seedEverything(a.db);
    a.db.prepare("UPDATE stories SET text = 'Zoë 👍 東京 ' || text").run();
    const file = fileOf(exportOf(a));
    const whole = parseExport(file, 'f');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), (size) => {
        const chunks = Array.from({ length: Math.ceil(file.length / size) }, (_, i) => file.subarray(i * size, (i + 1) * size));
        const stream = readExport(chunks, 'f');
        expect(stream.header).toEqual(whole.header);
        expect([...stream.rows].map((e) => e.row)).toEqual([...whole.tables.values()].flat());
      }),
      { ...FUZZ_SEED, numRuns: 40 },
    );
  });

  it('refuses invalid UTF-8', () => {
    const good = bytes(`${header()}\n${person}\n`);
    const bad = new Uint8Array([...good.slice(0, 60), 0xff, 0xfe, ...good.slice(60)]);
    expect(() => parseExport(bad, 'f')).toThrow(/not valid UTF-8/);
  });

  it('never throws anything but a typed error, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (random) => {
        try {
          parseExport(random, 'f');
        } catch (error) {
          expect(error instanceof ValidationError || error instanceof ConflictError).toBe(true);
        }
      }),
      { ...FUZZ_SEED, numRuns: 300 },
    );
  });
});

describe('csvField', () => {
  it('quotes what needs quoting and keeps formulas from running in spreadsheets', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
  });
});

describe('which files may be of any size', () => {
  it('tells a JSONL export (read a line at a time) from what is read whole', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(startsAsJsonl(bytes('{"format":"svc-export","version":1}\n{"table":"stories"}\n'))).toBe(true);
    // A JSON document, pretty-printed or on one line, and things that are no export at all.
    expect(startsAsJsonl(bytes('{\n  "format": "svc-export",\n  "data": {}\n}\n'))).toBe(false);
    expect(startsAsJsonl(bytes('{"format":"svc-export","data":{"stories":[]}}\n'))).toBe(false);
    expect(startsAsJsonl(bytes('{"format":"svc-export","version":1}'))).toBe(false);
    expect(startsAsJsonl(new Uint8Array(4096))).toBe(false);
    expect(startsAsJsonl(bytes('[1, 2]\n'))).toBe(false);
  });
});
