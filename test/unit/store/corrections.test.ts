import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { controlIn } from '../../../src/core/names.ts';
import { draftStory } from '../../../src/core/story.ts';
import { streamOf, type ExportData } from '../../../src/core/transfer.ts';
import { mergeCustomers, removeCustomer } from '../../../src/store/customers.ts';
import { openStore, type Connection } from '../../../src/store/db.ts';
import { defaultMigrationsDir, listMigrations } from '../../../src/store/migrate.ts';
import { mergePeople, removePerson } from '../../../src/store/people.ts';
import { deleteStory, getStory, insertStory, searchStories } from '../../../src/store/stories.ts';
import { mergeTags } from '../../../src/store/tags.ts';
import { recordTombstone, tombstoneFor } from '../../../src/store/tombstones.ts';
import { exportHeader, exportRows, exportedTables, importExport, readSnapshot } from '../../../src/store/transfer.ts';
import { NOW, NOW_ISO, tempDir, tempStore } from '../../helpers/db.ts';
import { seedEverything } from '../../helpers/seed.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function store(): Connection {
  const s = tempStore();
  cleanups.push(s.dispose);
  return s;
}
const count = (s: Connection, sql: string, ...params: unknown[]) => (s.db.prepare(sql).get(...params) as { n: number }).n;
const idOf = (s: Connection, table: string, uuid: string) => (s.db.prepare(`SELECT id FROM ${table} WHERE uuid = ?`).get(uuid) as { id: number }).id;
const addStory = (s: Connection, text: string, staff: string[]) => s.write(() => insertStory(s.db, draftStory({ text, staff }, NOW), NOW_ISO));

function exportOf(s: Connection): ExportData {
  return readSnapshot(s.db, () => {
    const tables = exportedTables(s.db);
    return { header: exportHeader(s.db, tables, false, NOW_ISO), tables: new Map(tables.map((t) => [t.name, [...exportRows(s.db, t, tables, false)]])) };
  });
}
const importAll = (s: Connection, data: ExportData) => importExport(s, streamOf(data), 'test.jsonl', { dryRun: false, now: NOW_ISO });

describe('migration 0007 on a database that has data', () => {
  it('keeps every id and reference, and ids are no longer reused', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const before = join(dir, 'before');
    mkdirSync(before);
    for (const m of listMigrations(defaultMigrationsDir()).filter((m) => m.version < 7)) copyFileSync(m.file, join(before, m.file.split('/').at(-1) ?? ''));
    const path = join(dir, 'svc.db');
    const old = openStore(path, { migrationsDir: before });
    for (let i = 0; i < 4; i++) {
      old.write(() => insertStory(old.db, draftStory({ text: `Story ${i} about the refund #money`, staff: ['Cy', `P${i % 2}`], customer: `Customer ${i % 3}` }, NOW), NOW_ISO));
    }
    // The newest story deleted before the upgrade: its id was free for the taking then.
    old.db.prepare('DELETE FROM stories WHERE id = (SELECT max(id) FROM stories)').run();
    const rows = (s: Connection) => ['people', 'customers', 'stories', 'story_people', 'story_tags', 'tags'].map((t) => s.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
    const kept = rows(old);
    const maxStory = count(old, 'SELECT max(id) AS n FROM stories');
    old.close();

    // Up to 0007 only: later migrations add rows of their own (built-in tags).
    const upTo7 = join(dir, 'up-to-7');
    mkdirSync(upTo7);
    for (const m of listMigrations(defaultMigrationsDir()).filter((m) => m.version <= 7)) copyFileSync(m.file, join(upTo7, m.file.split('/').at(-1) ?? ''));
    const upgraded = openStore(path, { migrationsDir: upTo7 });
    cleanups.push(() => upgraded.close());
    expect(upgraded.migration.applied).toEqual(['0007_tombstones_and_stable_ids']);
    expect(rows(upgraded)).toEqual(kept);
    expect(upgraded.db.pragma('foreign_key_check')).toEqual([]);
    expect(upgraded.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(searchStories(upgraded.db, 'refund')).toHaveLength(3);
    const next = addStory(upgraded, 'Next story', ['Cy']);
    expect(next).toBe(maxStory + 1);
    upgraded.write(() => deleteStory(upgraded.db, next, NOW_ISO));
    expect(addStory(upgraded, 'And the one after', ['Cy'])).toBe(maxStory + 2);
    // The full-text index follows deletes after the rebuild as before.
    expect(searchStories(upgraded.db, 'after')).toHaveLength(1);
  });
});

describe('tombstones', () => {
  it('keep the later deletion time', () => {
    const s = store();
    const stone = { table: 'stories', key: 'k', deletedAt: '2026-03-02', mergedInto: null };
    expect(s.write(() => recordTombstone(s.db, stone))).toBe('added');
    expect(s.write(() => recordTombstone(s.db, { ...stone, deletedAt: '2026-03-01' }))).toBe('kept');
    expect(s.write(() => recordTombstone(s.db, { ...stone, deletedAt: '2026-03-03', mergedInto: 'x' }))).toBe('updated');
    expect(tombstoneFor(s.db, 'stories', 'k')).toEqual({ ...stone, deletedAt: '2026-03-03', mergedInto: 'x' });
  });

  it('a merge whose survivor arrives later in the file is applied once the survivor is in', () => {
    const a = store();
    const b = store();
    addStory(a, 'Bob called back', ['Bob']);
    importAll(b, exportOf(a));
    // a: Robert is new, and Bob is merged into him; b knows neither the merge nor Robert.
    addStory(a, 'Robert stayed on the line', ['Robert']);
    a.write(() => mergePeople(a.db, idOf(a, 'people', (a.db.prepare("SELECT uuid FROM people WHERE name = 'Bob'").get() as { uuid: string }).uuid), (a.db.prepare("SELECT id FROM people WHERE name = 'Robert'").get() as { id: number }).id, '2026-03-18T11:00:00.000Z'));
    const result = importAll(b, exportOf(a));
    expect(result.removed).toEqual({ people: 1 });
    expect(b.db.prepare('SELECT name FROM people').all()).toEqual([{ name: 'Robert' }]);
    expect(count(b, 'SELECT count(*) AS n FROM story_people')).toBe(2);
  });

  it('a deleted row that other rows here still need stays (and the import goes through)', () => {
    const a = store();
    seedEverything(a.db, 'a');
    const b = store();
    importAll(b, exportOf(a));
    // a deletes the customer; b still has an interview with them, which needs the row.
    const uuid = 'a-acme-0000-0000-000000000000';
    a.write(() => {
      a.db.prepare('DELETE FROM interviews').run();
      a.db.prepare('UPDATE stories SET customer_id = NULL').run();
      a.db.prepare('DELETE FROM customers WHERE uuid = ?').run(uuid);
      recordTombstone(a.db, { table: 'customers', key: uuid, deletedAt: '2026-03-18T11:00:00.000Z', mergedInto: null });
    });
    b.write(() => b.db.prepare("UPDATE interviews SET updated_at = '2026-03-18T12:00:00.000Z'").run());
    const result = importAll(b, exportOf(a));
    expect(result.removed).toEqual({});
    expect(count(b, 'SELECT count(*) AS n FROM customers WHERE uuid = ?', uuid)).toBe(1);
  });
});

describe('removals that travel', () => {
  it('a person removed elsewhere goes here too, with their attendances, unless they have evidence here', () => {
    const a = store();
    const b = store();
    seedEverything(a.db, 'a');
    importAll(b, exportOf(a));
    const at = '2026-03-18T11:00:00.000Z';
    // In a, Bo loses his story credits and is removed; in b he still has them, so he stays.
    const removeBo = (s: Connection) =>
      s.write(() => {
        const bo = idOf(s, 'people', 'a-bo-0000-0000-000000000000');
        s.db.prepare('DELETE FROM story_people WHERE person_id = ?').run(bo);
        removePerson(s.db, bo, at);
      });
    removeBo(a);
    importAll(b, exportOf(a));
    expect(count(b, "SELECT count(*) AS n FROM people WHERE name = 'Bo'")).toBe(1);
    // Once b has no story crediting him either, the same tombstone removes him and his attendance.
    b.write(() => {
      b.db.prepare("DELETE FROM story_people WHERE person_id = (SELECT id FROM people WHERE name = 'Bo')").run();
      b.db.prepare('UPDATE stories SET reported_by = NULL').run();
    });
    expect(importAll(b, exportOf(a)).removed).toEqual({ people: 1 });
    expect(count(b, "SELECT count(*) AS n FROM people WHERE name = 'Bo'")).toBe(0);
    expect(count(b, 'SELECT count(*) AS n FROM training_attendees')).toBe(1);
  });

  it('a customer removed elsewhere stays while a story here names them', () => {
    const a = store();
    const b = store();
    const insert = (s: Connection) => s.db.prepare("INSERT INTO customers (uuid, name, name_key, created_at, updated_at) VALUES ('c1', 'Dev', 'dev', ?, ?)").run(NOW_ISO, NOW_ISO);
    insert(a);
    importAll(b, exportOf(a));
    b.write(() => insertStory(b.db, draftStory({ text: 'Bo helped Dev', staff: ['Bo'], customer: 'Dev' }, NOW), NOW_ISO));
    a.write(() => removeCustomer(a.db, idOf(a, 'customers', 'c1'), '2026-03-18T11:00:00.000Z'));
    expect(importAll(b, exportOf(a)).removed).toEqual({});
    expect(getStory(b.db, 1)?.customer).toBe('Dev');
  });
});

describe('merges and removals', () => {
  it('mergePeople moves every reference: stories, reporter, trainings, facilitator, interviews', () => {
    const s = store();
    seedEverything(s.db, 'a');
    const ana = idOf(s, 'people', 'a-ana-0000-0000-000000000000');
    const bo = idOf(s, 'people', 'a-bo-0000-0000-000000000000');
    s.write(() => mergePeople(s.db, ana, bo, NOW_ISO));
    for (const [table, column] of [['story_people', 'person_id'], ['stories', 'reported_by'], ['training_attendees', 'person_id'], ['trainings', 'facilitator_id'], ['interviews', 'interviewer_id']]) {
      expect(count(s, `SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`, ana), `${table}.${column}`).toBe(0);
    }
    // A story that credited both credits Bo once; Ana's role and team were taken over.
    expect(getStory(s.db, idOf(s, 'stories', 'a-story2-0000-0000-000000000000'))?.staff).toEqual(['Bo']);
    expect(s.db.prepare('SELECT role, team FROM people WHERE id = ?').get(bo)).toEqual({ role: 'agent', team: 'desk' });
    expect(tombstoneFor(s.db, 'people', 'a-ana-0000-0000-000000000000')?.mergedInto).toBe('a-bo-0000-0000-000000000000');
  });

  it('removePerson drops attendances and empties facilitator and interviewer', () => {
    const s = store();
    seedEverything(s.db, 'a');
    const ana = idOf(s, 'people', 'a-ana-0000-0000-000000000000');
    s.write(() => {
      s.db.prepare('DELETE FROM story_people WHERE person_id = ?').run(ana);
      s.db.prepare('UPDATE stories SET reported_by = NULL').run();
      removePerson(s.db, ana, NOW_ISO);
    });
    expect(count(s, 'SELECT count(*) AS n FROM people')).toBe(1);
    expect(count(s, 'SELECT count(*) AS n FROM trainings WHERE facilitator_id IS NULL')).toBe(1);
  });

  it('mergeCustomers fills what the survivor lacks, but never gives a forgotten customer details', () => {
    const s = store();
    const insert = s.db.prepare("INSERT INTO customers (uuid, name, name_key, email, external_id, forgotten_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const a = Number(insert.run('u1', 'Dev', 'dev', null, null, null, NOW_ISO, NOW_ISO).lastInsertRowid);
    const b = Number(insert.run('u2', 'Dev', 'dev', 'dev@example.com', 'C-1', null, NOW_ISO, NOW_ISO).lastInsertRowid);
    s.write(() => mergeCustomers(s.db, b, a, NOW_ISO));
    expect(s.db.prepare('SELECT email, external_id FROM customers').all()).toEqual([{ email: 'dev@example.com', external_id: 'C-1' }]);
    const forgotten = Number(insert.run('u3', null, null, null, null, NOW_ISO, NOW_ISO, NOW_ISO).lastInsertRowid);
    s.write(() => mergeCustomers(s.db, a, forgotten, NOW_ISO));
    expect(s.db.prepare('SELECT email, external_id FROM customers').all()).toEqual([{ email: null, external_id: null }]);
  });

  it('mergeTags moves stories and the practice matcher to the survivor', () => {
    const s = store();
    seedEverything(s.db, 'a');
    const from = (s.db.prepare("SELECT id FROM tags WHERE name = 'a-call-back'").get() as { id: number }).id;
    const into = (s.db.prepare("SELECT id FROM tags WHERE name = 'empathy'").get() as { id: number }).id;
    s.write(() => mergeTags(s.db, from, into, NOW_ISO));
    expect(count(s, 'SELECT count(*) AS n FROM story_tags WHERE tag_id = ?', into)).toBe(2);
    expect(s.db.prepare("SELECT value FROM practice_matchers WHERE kind = 'tag'").all()).toEqual([{ value: 'empathy' }]);
    expect(tombstoneFor(s.db, 'tags', 'a-call-back')?.mergedInto).toBe('empathy');
  });
});

describe('control characters in names', () => {
  it.each([
    ['Ana', undefined],
    ['Zoë Ångström', undefined],
    ['tab\tand\nline breaks are white space', undefined],
    ['\u001b[31mred', 'U+001B'],
    ['bell\u0007', 'U+0007'],
    ['c1 \u009b csi', 'U+009B'],
    ['del\u007f', 'U+007F'],
    ['bidi \u202e override', 'U+202E'],
    ['isolate \u2066', 'U+2066'],
    ['mark \u200f', 'U+200F'],
  ])('%j → %s', (text, code) => expect(controlIn(text)).toBe(code));
});
