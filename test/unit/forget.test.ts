import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactorFor, tracesOf } from '../../src/core/forget.ts';
import { draftStory } from '../../src/core/story.ts';
import { getCustomer, importCustomers } from '../../src/store/customers.ts';
import { openStore } from '../../src/store/db.ts';
import { fileHolds, finishForgets, liveContexts, recordWrittenFile, serverHolds, writtenFiles } from '../../src/store/forget-files.ts';
import { forgetCustomer, isForgetPending, previewForget } from '../../src/store/forget.ts';
import { getInterview, logInterview, planInterviews } from '../../src/store/interviews.ts';
import { addMatchers, createPractice, findPractice, practiceMatchers } from '../../src/store/practices.ts';
import { getStory, insertStory, searchStories } from '../../src/store/stories.ts';
import { listTags } from '../../src/store/tags.ts';
import { NOW, NOW_ISO, rewindSchema, tempDir, tempStore } from '../helpers/db.ts';
import { rowsAsText, snapshotDb } from '../helpers/cli.ts';
import { connectPostgres } from '../../src/store/postgres/sync-client.ts';
import { adminUrl, itOnSqlite, testEngine, urlWithDatabase } from '../helpers/engine.ts';
import { colorFor } from '../../src/ui/color.ts';
import { markedChange } from '../../src/ui/render/forget.ts';
import { messages } from '../../src/core/messages.ts';

const F = '(forgotten)';

describe('redacting free text', () => {
  const maria = redactorFor({ name: 'Maria Zyxwortel', email: 'mz@example.com', phone: '+442079460958', externalId: 'CRM-0042' }, ['Ana Lopez'], F);

  it('replaces the full name in any case, spacing and Unicode form, the email, the phone however written, and the external id', () => {
    expect(maria.redact('maria  ZYXWORTEL wrote from MZ@example.com, call +44 20 7946 0958 or 020-7946-0958 (crm-0042)', false)).toBe(
      `${F} wrote from ${F}, call ${F} or ${F} (${F})`,
    );
    expect(maria.redact('Ｍａｒｉａ Ｚｙｘｗｏｒｔｅｌ came', false)).toBe(`${F} came`);
    const jose = redactorFor({ name: 'José Ñúñez', email: null, phone: null }, [], F);
    expect(jose.redact('Jose\u0301 N\u0303u\u0301n\u0303ez paid', false)).toBe(`${F} paid`);
  });

  it('leaves a longer word that holds the name alone, and erases the name as words inside a hyphenated one', () => {
    const ana = redactorFor({ name: 'Ana Kowalczyk', email: 'ana.kowalczyk@example.com', phone: null }, ['Dana Kowalczyk'], F);
    expect(ana.redact('Dana Kowalczyk wrote from dana.kowalczyk@example.com', false)).toBeNull();
    expect(ana.redact('Dana Kowalczyk wrote from dana.kowalczyk@example.com', true)).toBeNull();
    expect(ana.redact('Ana Kowalczyk-Nowak and Mary-Ana Kowalczyk rang', false)).toBe(`${F}-Nowak and Mary-${F} rang`);
    // A text naming a "Dana Kowalczyk" svc does not know: only the customer's own text loses the shared surname.
    const alone = redactorFor({ name: 'Ana Kowalczyk', email: null, phone: null }, ['Ana'], F);
    expect(alone.redact('Dana Kowalczyk Ana', false)).toBeNull();
    expect(alone.redact('Dana Kowalczyk Ana', true)).toBe(`Dana ${F} Ana`);
  });

  it('replaces a single part of the name only in text linked to the customer, in any case', () => {
    expect(maria.redact('Mrs Zyxwortel and zyxwortel and Maria came', false)).toBeNull();
    expect(maria.redact('Mrs Zyxwortel and zyxwortel and Maria came', true)).toBe(`Mrs ${F} and ${F} and ${F} came`);
  });

  it("never replaces a part that is a team member's or another customer's name, nor a longer name of theirs", () => {
    const dana = redactorFor({ name: 'Dana Whitfield', email: null, phone: null }, ['Dana Moreau', 'Ana'], F);
    expect(dana.redact('Dana fixed it proactively', false)).toBeNull();
    expect(dana.redact('Dana fixed it for Dana Whitfield; Whitfield was pleased', true)).toBe(`Dana fixed it for ${F}; ${F} was pleased`);
    const ana = redactorFor({ name: 'Ana Lopez', email: null, phone: null }, ['Ana', 'Ana Lopez Garcia'], F);
    expect(ana.redact('Ana called Mr Smith back within the hour', false)).toBeNull();
    expect(ana.redact('Ana Lopez Garcia helped Ana Lopez', false)).toBe(`Ana Lopez Garcia helped ${F}`);
    // A customer with the very name of a team member: outside their own stories, it is the team member.
    const twin = redactorFor({ name: 'Bo Berg', email: null, phone: null }, ['Bo Berg'], F);
    expect(twin.redact('Bo Berg fixed it', false)).toBeNull();
    expect(twin.redact('Bo Berg fixed it', true)).toBe(`${F} fixed it`);
  });

  it('leaves other text alone and says so', () => {
    expect(maria.redact('Mariana called 555 0101 about order 2079, mz@example.community', true)).toBeNull();
    const green = redactorFor({ name: 'Rose Green', email: null, phone: null }, [], F);
    expect(green.redact('the green tea', false)).toBeNull();
  });

  it('redacts tags to a tag', () => {
    expect(redactorFor({ name: 'Acme', email: null, phone: null }, [], F).redactTag('acme', false)).toBe('forgotten');
    expect(redactorFor({ name: 'Yan Kowalczyk', email: null, phone: null }, [], F).redactTag('thanks-yan-kowalczyk', false)).toBe('thanks-forgotten');
    expect(redactorFor({ name: 'Quinn Quimbyson', email: null, phone: null }, [], F).redactTag('quimbyson', false)).toBeNull();
    expect(redactorFor({ name: 'Quinn Quimbyson', email: null, phone: null }, [], F).redactTag('quimbyson', true)).toBe('forgotten');
  });

  it('marks only what a forget replaces in the preview: text an earlier forget left as "(forgotten)" is unchanged', () => {
    const plain = colorFor(false, {}, false);
    const change = (before: string, after: string) => markedChange({ table: 'stories', row: 204, column: 'text', before, after }, F, plain);
    expect(change(`${F} called; Nora Vance too`, `${F} called; ${F} too`)).toBe(`story #204 text: ${F} called; [-Nora Vance-]{+${F}+} too`);
    expect(change(`Nora Vance called; ${F} too`, `${F} called; ${F} too`)).toBe(`story #204 text: [-Nora Vance-]{+${F}+} called; ${F} too`);
    expect(change(`Nora Vance and ${F}`, `${F} and ${F}`)).toBe(`story #204 text: [-Nora Vance-]{+${F}+} and ${F}`);
    expect(change('nora@vance.example', F)).toBe(`story #204 text: [-nora@vance.example-]{+${F}+}`);
  });

  it('speaks of the server, not of files or a disk svc never writes, when the database is on PostgreSQL', () => {
    const shared = [{ detail: 'name', customers: [4], teamMember: false }];
    expect(messages.forgetShared(shared)[0]).toContain('and the files were not searched for it.');
    expect(messages.forgetShared(shared, true)[0]).toContain("and the server's rows were not searched for it.");
    expect(messages.forgetResumeHint([29])).toBe('let running exports, backups and reports finish (and free disk space if it is full), then finish with: svc customer forget 29 --yes');
    expect(messages.forgetResumeHint([29], true)).toBe('let running exports, backups and reports finish, then finish with: svc customer forget 29 --yes');
    expect(messages.forgetAlreadyDone(29, true)).toBe("customer #29 was already forgotten, and the server's tables were vacuumed and checked");
    expect(messages.forgetUnfinished([29], 'timeout', true)).toBe('customer #29 was erased from every record, but finishing on the server failed: timeout');
    expect(messages.forgetServerNotVacuumed(['stories', 'stories_fts'])).toMatch(/Ask their owner to run: VACUUM stories, stories_fts;$/u);
  });

  it('names the traces to look for in the files, case-folded', () => {
    expect(tracesOf({ name: 'Maria  Zyxwortel', email: 'MZ@example.com', phone: '+44 20 7946 0958', externalId: '7' })).toEqual([
      'maria zyxwortel',
      'mz@example.com',
      '442079460958',
    ]);
    expect(tracesOf({ name: 'Émile Zola', email: null, phone: null })).toEqual(['émile zola', 'Émile zola', 'e\u0301mile zola']);
  });
});

describe('forgetting a customer (store)', () => {
  let store: ReturnType<typeof tempStore>;
  beforeEach(() => {
    store = tempStore();
  });
  afterEach(() => store.dispose());

  const OLD = ['zyxwortel', 'mz@example.com', '442079460958', 'c-7'];

  function fileBytes(): string {
    return readdirSync(store.dir)
      .map((name) => readFileSync(join(store.dir, name)).toString('latin1'))
      .join('\n')
      .toLowerCase();
  }

  function serverRows(): string {
    return rowsAsText((text) => store.db.prepare(text).all() as Array<Record<string, unknown>>);
  }

  /** The database's content: a digest of every table on SQLite, every row as text on PostgreSQL (the store's path there hides the password). */
  function snapshot(): string {
    return testEngine === 'postgres' ? serverRows() : snapshotDb(store.path);
  }

  /**
   * What the database stores, lower-cased: its files' bytes with the log checkpointed, or
   * on PostgreSQL every row as text. Without UUIDs, which hold a short trace ("c-7") by
   * chance about once in a hundred, as forget's own scan allows.
   */
  function storedBytes(): string {
    if (testEngine === 'sqlite') store.db.pragma('wal_checkpoint(TRUNCATE)');
    const stored = testEngine === 'postgres' ? serverRows() : fileBytes();
    return stored.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gu, '');
  }

  function customer(name: string, email: string | null = null, phone: string | null = null, externalId: string | null = null): void {
    store.write(() => importCustomers(store.db, [{ line: 2, draft: { name, email, phone, segment: 'retail', externalId } }], NOW_ISO));
  }

  function story(text: string, options: { customer?: string; tags?: string[]; staff?: string[] } = {}): number {
    return store.write(() => insertStory(store.db, draftStory({ text, staff: options.staff ?? ['Ana'], customer: options.customer, tags: options.tags }, NOW), NOW_ISO));
  }

  function forget(id: number) {
    const report = store.write(() => forgetCustomer(store.db, id, '2026-03-19T10:00:00.000Z'));
    finishForgets(store, [id], report.traces, 1000);
    return report;
  }

  it('erases the details from the row, stories, answers, search index and files, keeping the rest', () => {
    const db = store.db;
    customer('Maria Zyxwortel', 'mz@example.com', '+442079460958', 'C-7');
    customer('Other Person', 'op@example.com');
    const storyId = store.write(() =>
      insertStory(db, draftStory({ text: 'Ana called Maria Zyxwortel back on +44 20 7946 0958', title: 'Zyxwortel saved', impact: 'mz@example.com thanked us', staff: ['Ana'], customer: 'Maria Zyxwortel' }, NOW), NOW_ISO),
    );
    const interviewId = store.write(() => {
      const [id = 0] = planInterviews(db, [1], null, '2026-03-18', NOW_ISO);
      logInterview(db, id, { status: 'done', heldOn: '2026-03-18', learned: 'a friend', liked: 'Ana knew me, Zyxwortel', change: 'nothing', note: 'mz@example.com' }, NOW_ISO);
      return id;
    });
    expect(storedBytes()).toContain('zyxwortel');

    const report = forget(1);

    expect(report).toMatchObject({ customerId: 1, erased: ['name', 'email', 'phone', 'external id'], storiesChanged: 1, interviewsChanged: 1, elsewhere: {} });
    expect(getCustomer(db, 1)).toMatchObject({ name: F, email: null, phone: null, externalId: null, segment: 'retail', forgotten: true });
    expect(getCustomer(db, 2)).toMatchObject({ name: 'Other Person', email: 'op@example.com' });
    expect(getStory(db, storyId)).toMatchObject({ text: `Ana called ${F} back on ${F}`, title: `${F} saved`, impact: `${F} thanked us`, staff: ['Ana'], updatedAt: '2026-03-19T10:00:00.000Z' });
    expect(getInterview(db, interviewId)).toMatchObject({ liked: `Ana knew me, ${F}`, note: F, learned: 'a friend', customer: F });
    expect(searchStories(db, 'zyxwortel')).toEqual([]);
    expect(isForgetPending(db, 1)).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM customer_forgets WHERE customer_id = 1').get()).toEqual({ n: 1 });
    const bytes = storedBytes();
    for (const old of OLD) expect(bytes, old).not.toContain(old);
  });

  it('merges tags that become the same, and rewrites them with the matchers that name them', () => {
    customer('Acme');
    customer('Globex');
    story('Ana fixed the invoice', { customer: 'Acme', tags: ['acme'] });
    story('Bo fixed the order', { customer: 'Globex', tags: ['globex'], staff: ['Bo'] });
    const practice = store.write(() => createPractice(store.db, { name: 'Fix it for Globex' }, NOW_ISO));
    store.write(() => addMatchers(store.db, practice, [{ kind: 'tag', value: 'globex' }], NOW_ISO));
    forget(1);
    forget(2);
    expect(listTags(store.db).filter((t) => !t.builtin)).toMatchObject([{ name: 'forgotten', stories: 2 }]);
    expect(findPractice(store.db, `Fix it for ${F}`)?.id).toBe(practice);
    expect(practiceMatchers(store.db, practice)).toEqual([{ kind: 'tag', value: 'forgotten' }]);
  });

  it('redacts a phrase matcher again where normalising it joins the name anew', () => {
    customer('Ana Whitfield');
    const practice = store.write(() => createPractice(store.db, { name: 'Greet by name', matchers: [{ kind: 'phrase', value: 'call ana #whitfield ana whitfield back' }] }, NOW_ISO));
    forget(1);
    expect(practiceMatchers(store.db, practice)).toEqual([{ kind: 'phrase', value: 'call forgotten forgotten back' }]);
  });

  it('numbers a practice whose name becomes another practice name, keeping both', () => {
    customer('Yan Kowalczyk');
    const a = store.write(() => createPractice(store.db, { name: `Call ${F} back` }, NOW_ISO));
    const b = store.write(() => createPractice(store.db, { name: 'Call Yan Kowalczyk back' }, NOW_ISO));
    forget(1);
    expect(findPractice(store.db, `Call ${F} back`)?.id).toBe(a);
    expect(findPractice(store.db, `Call ${F} back (2)`)?.id).toBe(b);
    expect(findPractice(store.db, 'call yan kowalczyk back')).toBeUndefined();
  });

  it("replaces name parts, inline tags and tags in the customer's own stories only", () => {
    customer('Quinn Quimbyson');
    const theirs = story('Ana rang quimbyson back #quimbyson', { customer: 'Quinn Quimbyson' });
    const other = story('Quimbyson is also a street: #quimbyson');
    forget(1);
    expect(getStory(store.db, theirs)).toMatchObject({ text: `Ana rang ${F} back #${F}`, tags: ['forgotten'] });
    expect(getStory(store.db, other)).toMatchObject({ text: 'Quimbyson is also a street: #quimbyson', tags: ['quimbyson'] });
  });

  it('previews exactly what it would change, and changes nothing', () => {
    customer('Acme', 'ops@acme.test');
    const id = story('Ops at ops@acme.test loved it', { tags: ['acme'] });
    const before = snapshot();
    const preview = previewForget(store, 1, NOW_ISO);
    expect(snapshot()).toBe(before);
    expect(preview.changes).toEqual([
      { table: 'tags', row: 'acme', column: 'name', before: 'acme', after: 'forgotten' },
      { table: 'stories', row: id, column: 'text', before: 'Ops at ops@acme.test loved it', after: `Ops at ${F} loved it` },
      { table: 'customers', row: 1, column: 'name', before: 'Acme', after: null },
      { table: 'customers', row: 1, column: 'email', before: 'ops@acme.test', after: null },
    ]);
  });

  itOnSqlite('pre-migration backups are copies of the file beside it')("deletes svc's own copies that hold the customer, and unfinished leftovers whose writer is gone", () => {
    customer('Maria Zyxwortel', 'mz@example.com');
    story('Maria Zyxwortel was happy', { customer: 'Maria Zyxwortel' });
    const holding = `${store.path}.backup-v5-20260301T100000Z`;
    store.db.prepare('VACUUM INTO ?').run(holding);
    const empty = `${store.path}.backup-v2-20250101T100000Z`;
    writeFileSync(empty, 'no customer here');
    const exported = join(store.dir, 'team.jsonl');
    recordWrittenFile(store.db, 'export', exported, false, NOW_ISO);
    writeFileSync(exported, 'Maria Zyxwortel');
    writeFileSync(`${exported}.partial-999999999`, 'Maria Zyxwortel');
    writeFileSync(`${store.path}.partial-${process.pid}`, 'still being written');

    const report = store.write(() => forgetCustomer(store.db, 1, '2026-03-19T10:00:00.000Z'));
    const finish = finishForgets(store, [1], report.traces, 1000);

    expect(finish.removed.sort()).toEqual([holding, `${exported}.partial-999999999`].sort());
    expect(existsSync(empty)).toBe(true);
    expect(existsSync(`${store.path}.partial-${process.pid}`)).toBe(true);
    expect(writtenFiles(store.db, '2026-03-19T10:00:00.000Z', store.path)).toEqual([{ kind: 'export', path: exported, contacts: false, writtenAt: NOW_ISO }]);
    expect(fileHolds(store.path, report.traces)).toBe(false);
  });

  itOnSqlite('a copy made into a file is one of the files SQLite opens')('never lists the database in use, under any name, nor its -wal and -shm: a copy carries the record of its own writing', () => {
    const exported = join(store.dir, 'team.jsonl');
    writeFileSync(exported, 'x');
    const link = join(store.dir, 'link.db');
    symlinkSync(store.path, link);
    store.db.prepare('INSERT INTO customers (uuid, name, name_key, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('u-1', 'Keep', 'keep', 'external', NOW_ISO, NOW_ISO);
    for (const path of [store.path, link, `${store.dir}/./svc.db`, `${store.path}-wal`, `${store.path}-shm`, exported]) recordWrittenFile(store.db, 'backup', path, true, NOW_ISO);
    expect(existsSync(`${store.path}-wal`) && existsSync(`${store.path}-shm`)).toBe(true);
    expect(writtenFiles(store.db, NOW_ISO, store.path).map((f) => f.path)).toEqual([exported]);
    // Opened under the link's name, the file itself is no less the one in use.
    expect(writtenFiles(store.db, NOW_ISO, link).map((f) => f.path)).toEqual([exported]);
    // Another database's view of the same records lists them all.
    expect(writtenFiles(store.db, NOW_ISO, join(store.dir, 'other.db'))).toHaveLength(6);
  });
});

describe('finishing a forget on a server', () => {
  let store: ReturnType<typeof tempStore>;
  beforeEach(() => {
    store = tempStore();
  });
  afterEach(() => store.dispose());
  // Skipped on SQLite: these check what a forget does on a server (VACUUM, the row scan), which SQLite has not.
  const onServer = testEngine === 'postgres' ? it : it.skip;

  onServer('deletes unfinished exports, runs VACUUM, and finds a copy left as a word of its own in any text column, the search index too', () => {
    const db = store.db;
    store.write(() => importCustomers(db, [{ line: 2, draft: { name: 'Maria Zyxwortel', email: 'mz@example.com', phone: null, segment: 'retail', externalId: null } }], NOW_ISO));
    const theirs = store.write(() => insertStory(db, draftStory({ text: 'Maria Zyxwortel wrote from mz@example.com', staff: ['Ana'], customer: 'Maria Zyxwortel' }, NOW), NOW_ISO));
    const exported = join(store.dir, 'team.jsonl');
    recordWrittenFile(db, 'export', exported, false, NOW_ISO);
    writeFileSync(`${exported}.partial-999999999`, 'Maria Zyxwortel');

    const report = store.write(() => forgetCustomer(db, 1, '2026-03-19T10:00:00.000Z'));
    const finish = finishForgets(store, [1], report.traces, 1000);

    expect(finish.removed).toEqual([`${exported}.partial-999999999`]);
    expect(finish.scanned).toBe(true);
    expect(finish.vacuum?.done).toEqual(expect.arrayContaining(['customers', 'stories', 'stories_fts']));
    expect(finish.vacuum?.refused).toEqual([]);
    expect(isForgetPending(db, 1)).toBe(false);
    expect(serverHolds(db, report.traces)).toEqual([]);

    // Glued to other letters, the name is someone else's word: allowed, as the file scan allows it.
    store.write(() => insertStory(db, draftStory({ text: 'Rosamaria Zyxwortelski came back', staff: ['Bo'] }, NOW), NOW_ISO));
    expect(serverHolds(db, report.traces)).toEqual([]);
    // As words of their own, in a column forget would rewrite and in the search index built from it: found.
    db.prepare('UPDATE stories SET impact = ? WHERE id = ?').run('Maria Zyxwortel said thanks from mz@example.com', theirs);
    expect(serverHolds(db, report.traces)).toEqual(['stories.impact', 'stories_fts.document']);
    store.write(() => db.prepare('INSERT INTO forget_pending (customer_id, since) VALUES (1, ?)').run(NOW_ISO));
    expect(() => finishForgets(store, [1], report.traces, 1000)).toThrow('customer #1 was erased from every record, but their data is still in stories.impact, stories_fts.document');
    expect(isForgetPending(db, 1)).toBe(true);
  });

  onServer('waits for a snapshot older than the forget, refusing while one still holds it: VACUUM keeps what such a snapshot may read', () => {
    const db = store.db;
    store.write(() => importCustomers(db, [{ line: 2, draft: { name: 'Maria Zyxwortel', email: null, phone: null, segment: 'retail', externalId: null } }], NOW_ISO));
    store.write(() => insertStory(db, draftStory({ text: 'Maria Zyxwortel came back', staff: ['Ana'], customer: 'Maria Zyxwortel' }, NOW), NOW_ISO));
    const { name } = db.prepare('SELECT current_database() AS name').get() as { name: string };
    // Another svc's long export: a snapshot taken before the forget, still open.
    const reader = connectPostgres(urlWithDatabase(adminUrl(), name));
    try {
      reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      reader.query('SELECT count(*) FROM stories');
      const report = store.write(() => forgetCustomer(db, 1, '2026-03-19T10:00:00.000Z'));
      expect(() => finishForgets(store, [1], report.traces, 300)).toThrow('customer #1 was erased from every record, but another process is still reading an older snapshot');
      expect(isForgetPending(db, 1)).toBe(true);
      reader.query('COMMIT');
      expect(finishForgets(store, [1], report.traces, 300)).toMatchObject({ scanned: true, vacuum: { refused: [] } });
      expect(isForgetPending(db, 1)).toBe(false);
    } finally {
      reader.close();
    }
  });
});

describe('the migration that records forgets', () => {
  itOnSqlite('rewinds a SQLite file to an older schema')('records a forget for every customer forgotten before it, so those travel too', () => {
    const store = tempStore();
    try {
      const db = store.db;
      rewindSchema(db, 5);
      db.prepare("INSERT INTO customers (uuid, kind, forgotten_at, created_at, updated_at) VALUES ('c-1', 'external', ?, ?, ?)").run(NOW_ISO, NOW_ISO, NOW_ISO);
      store.close();
      const again = openStore(store.path);
      const rows = again.db.prepare('SELECT uuid, customer_id, forgotten_at FROM customer_forgets').all() as Array<{ uuid: string }>;
      expect(rows).toMatchObject([{ customer_id: 1, forgotten_at: NOW_ISO }]);
      expect(rows[0]?.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      again.close();
    } finally {
      rmSync(store.dir, { recursive: true, force: true });
    }
  });
});

describe('scanning a file for what was forgotten', () => {
  it('finds a trace in any case, across the megabyte reads, but not by chance inside a UUID', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'scan.bin');
      const uuid = '1f0e8a2c-78d4-4b1e-9a3c-5d6e7f8a9b0c'; // holds "c-78" and "2c-78d4"
      const filler = Buffer.alloc((1 << 20) - 10, 0x2e);
      writeFileSync(file, Buffer.concat([filler, Buffer.from(`${uuid} retail`)]));
      expect(fileHolds(file, ['C-78'])).toBe(false);
      // The same trace outside a UUID, straddling the first megabyte's end.
      writeFileSync(file, Buffer.concat([filler, Buffer.from(`retailC-78 ${uuid}`)]));
      expect(fileHolds(file, ['C-78'])).toBe(true);
      writeFileSync(file, Buffer.from(`${uuid.toUpperCase()}|maria ZYXWORTEL`));
      expect(fileHolds(file, ['c-78'])).toBe(false);
      expect(fileHolds(file, ['Zyxwortel'])).toBe(true);
    } finally {
      cleanup();
    }
  });
});

describe("scanning for a name that stays inside another person's live word", () => {
  const ana = tracesOf({ name: 'Ana Kowalczyk', email: 'ana.kowalczyk@example.com', phone: null });
  const uuid = '1f0e8a2c-78d4-4b1e-9a3c-5d6e7f8a9b0d'; // ends in "d": "…0dAna Kowalczyk" spells "dana kowalczyk"

  /** A real SQLite file with a table of two text columns, its rows as given, checkpointed into the file. */
  function fileWith(dir: string, rows: Array<[string, string]>): Database.Database {
    const db = new Database(join(dir, 'scan.db'));
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, tag TEXT, body TEXT); CREATE TABLE people (name TEXT); CREATE TABLE customers (name TEXT, forgotten_at TEXT)');
    for (const [tag, body] of rows) db.prepare('INSERT INTO notes (tag, body) VALUES (?, ?)').run(tag, body);
    return db;
  }

  it('ignores a hit whose whole word is one live text holds, in any case', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = fileWith(dir, [['story', 'Met DANA KOWALCZYK and dana.kowalczyk@example.com today']]);
      const live = liveContexts(db, ana);
      expect([...live.contexts].sort()).toEqual(['dana kowalczyk', 'dana.kowalczyk@example.com']);
      expect(fileHolds(join(dir, 'scan.db'), ana)).toBe(true); // without the live contexts: the old substring blindness
      expect(fileHolds(join(dir, 'scan.db'), ana, live)).toBe(false);
      db.close();
    } finally {
      cleanup();
    }
  });

  it('still finds the name right after a UUID or after another column ending in a letter, though "dana kowalczyk" is live', () => {
    const { dir, cleanup } = tempDir();
    try {
      for (const [tag, expected] of [[uuid, true], ['ted', true], ['', true]] as const) {
        const db = fileWith(dir, [['story', 'Dana Kowalczyk came back'], [tag, 'Ana Kowalczyk']]);
        db.pragma('wal_checkpoint(TRUNCATE)');
        expect(fileHolds(join(dir, 'scan.db'), ana, liveContexts(db, ana)), tag).toBe(expected);
        db.close();
        rmSync(join(dir, 'scan.db'));
      }
    } finally {
      cleanup();
    }
  });

  it("still finds the name as a word of its own, or glued to a different word than live text's, in a backup beside the database", () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = fileWith(dir, [['story', 'Dana Kowalczyk came back']]);
      const live = liveContexts(db, ana);
      const backup = join(dir, 'scan.db.backup-v5-20260301T100000Z');
      writeFileSync(backup, 'x Dana Kowalczyk came back|Ana Kowalczyk|');
      expect(fileHolds(backup, ana, live)).toBe(true);
      writeFileSync(backup, 'x Dana Kowalczyk came back|Lana Kowalczyk|');
      expect(fileHolds(backup, ana, live)).toBe(true);
      writeFileSync(backup, 'x Dana Kowalczyk came back|DANA kowalczyk.');
      expect(fileHolds(backup, ana, live)).toBe(false);
      db.close();
    } finally {
      cleanup();
    }
  });

  it('ignores a hit that two neighbouring live values spell together, but not the name whole in one value after another', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = new Database(join(dir, 'scan.db'));
      // As customers stores them: uuid, name, name_key back to back; "Ana Whitfield" + "ana whitfield" spells "dana whitfield".
      db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, uuid TEXT, name TEXT, name_key TEXT, forgotten_at TEXT); CREATE INDEX customers_name_key ON customers(name_key); CREATE TABLE people (name TEXT)');
      db.prepare('INSERT INTO customers (uuid, name, name_key) VALUES (?, ?, ?)').run(uuid, 'Ana Whitfield', 'ana whitfield');
      const dana = tracesOf({ name: 'Dana Whitfield', email: null, phone: null });
      db.pragma('wal_checkpoint(TRUNCATE)');
      expect(fileHolds(join(dir, 'scan.db'), dana)).toBe(true);
      expect(fileHolds(join(dir, 'scan.db'), dana, liveContexts(db, dana))).toBe(false);
      // Her name whole in a value, right after "…d" in the value before: still hers.
      db.prepare('INSERT INTO customers (uuid, name, name_key) VALUES (?, ?, ?)').run('ted', 'Dana Whitfield', null);
      db.pragma('wal_checkpoint(TRUNCATE)');
      expect(fileHolds(join(dir, 'scan.db'), dana, liveContexts(db, dana))).toBe(true);
      db.close();
    } finally {
      cleanup();
    }
  });

  it('finds a name with accented capitals in any case, though the scan folds only ASCII letters', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'scan.bin');
      for (const written of ['Émile Zola', 'ÉMILE ZOLA', 'émile zola', 'E\u0301mile Zola', 'Łucja Żak', 'ŁUCJA ŻAK']) {
        writeFileSync(file, `|${written}|`);
        const traces = tracesOf({ name: written.startsWith('E') || written.startsWith('É') || written.startsWith('é') ? 'Émile Zola' : 'Łucja Żak', email: null, phone: null });
        expect(fileHolds(file, traces), written).toBe(true);
      }
    } finally {
      cleanup();
    }
  });

  it('judges a hit with its whole word where the megabyte reads meet', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = fileWith(dir, [['story', 'Dana Kowalczyk came back']]);
      const live = liveContexts(db, ana);
      const file = join(dir, 'big.bin');
      for (const cut of [1, 5, 14]) {
        const filler = Buffer.alloc((1 << 20) - cut, 0x2e);
        writeFileSync(file, Buffer.concat([filler, Buffer.from(' Dana Kowalczyk '), filler]));
        expect(fileHolds(file, ana, live), `cut ${cut}`).toBe(false);
        writeFileSync(file, Buffer.concat([filler, Buffer.from(`${uuid}Ana Kowalczyk `), filler]));
        expect(fileHolds(file, ana, live), `cut ${cut}`).toBe(true);
      }
      db.close();
    } finally {
      cleanup();
    }
  });
});
