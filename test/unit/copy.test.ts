import { afterEach, describe, expect, it } from 'vitest';
import { SvcError } from '../../src/core/errors.ts';
import { copyCounts, dumpDatabase, firstTableWithData, NOT_COPIED, type DatabaseDump } from '../../src/store/copy.ts';
import { NOT_EXPORTED } from '../../src/store/transfer.ts';
import { tempStore } from '../helpers/db.ts';
import { thrownBy } from '../helpers/errors.ts';
import { seedEverything } from '../helpers/seed.ts';

const stores: Array<ReturnType<typeof tempStore>> = [];
function store(): ReturnType<typeof tempStore> {
  const s = tempStore();
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
});

/** The source's dump, its rows read whole (the source's snapshot ends with the read). */
function dumpOf(s: ReturnType<typeof tempStore>): DatabaseDump {
  return s.read(() => {
    const dump = dumpDatabase(s.db);
    const rows = new Map(dump.tables.map((t) => [t.name, [...dump.rows(t)]]));
    return { ...dump, rows: (table) => rows.get(table.name) ?? [] };
  });
}

describe('what a copy carries', () => {
  it('every table but its own bookkeeping, which export leaves out as well', () => {
    const s = store();
    const tables = dumpDatabase(s.db).tables.map((t) => t.name);
    expect(tables).toContain('stories');
    // Derived and local tables travel in a copy (an export rebuilds or keeps them); the full-text index is rebuilt by triggers.
    expect(tables).toEqual(expect.arrayContaining(['story_phrases', 'story_vectors', 'assessment_tallies', 'written_files']));
    expect(tables.some((name) => name.startsWith('stories_fts'))).toBe(false);
    for (const name of Object.keys(NOT_COPIED)) expect(tables).not.toContain(name);
    for (const name of Object.keys(NOT_COPIED)) expect(NOT_EXPORTED).toHaveProperty(name);
  });

  it('a new database holds no data: its built-in tags and questions are replaced by the source’s', () => {
    const empty = store();
    expect(firstTableWithData(empty.db)).toBeUndefined();
    const seeded = store();
    seedEverything(seeded.db);
    expect(firstTableWithData(seeded.db)).toBeDefined();
  });
});

describe('loading a copy', () => {
  it('makes an empty database hold exactly the source’s rows, in one transaction', () => {
    const source = store();
    seedEverything(source.db);
    const target = store();
    const counts = target.transaction(() => target.transfer.load(dumpOf(source)));
    expect(counts).toEqual(source.read(() => copyCounts(source.db)));
    expect(target.stories.get(1)?.text).toBe(source.stories.get(1)?.text);
  });

  it('names the table whose count differs after the copy, and leaves the target as it was', () => {
    const source = store();
    seedEverything(source.db);
    const target = store();
    const before = target.read(() => copyCounts(target.db));
    const dump = dumpOf(source);
    // A row that goes missing on the way (as a reader that stopped early would lose it).
    const short: DatabaseDump = { ...dump, rows: (table) => (table.name === 'story_tags' ? [...dump.rows(table)].slice(1) : dump.rows(table)) };
    const error = thrownBy(() => target.transaction(() => target.transfer.load(short)));
    expect(error).toBeInstanceOf(SvcError);
    expect((error as Error).message).toMatch(/^after copying, story_tags held \d+ rows where the source holds \d+; nothing was copied$/);
    expect(target.read(() => copyCounts(target.db))).toEqual(before);
  });
});
