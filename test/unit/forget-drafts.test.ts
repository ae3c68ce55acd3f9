import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseDrafts, listDrafts, saveDraft, saveEditDraft, scanDrafts } from '../../src/cli/drafts.ts';
import { ExitCode, isSvcError } from '../../src/core/errors.ts';
import { draftIsTheirs, redactorFor, redactStoryInput, type DraftsForget } from '../../src/core/forget.ts';
import { draftStory } from '../../src/core/story.ts';
import { importCustomers } from '../../src/store/customers.ts';
import { previewForget } from '../../src/store/forget.ts';
import { insertStory } from '../../src/store/stories.ts';
import { canChattr, immutable } from '../helpers/fs.ts';
import { thrownBy } from '../helpers/errors.ts';
import { NOW, NOW_ISO, tempDir, tempStore } from '../helpers/db.ts';

const F = '(forgotten)';

describe('a story draft, as forget erases it', () => {
  const maria = redactorFor({ name: 'Maria Zyxwortel', email: 'mz@example.com', phone: null }, ['Ana', 'Bo'], F);

  it("loses the details as the customer's own story does, and a customer that is them", () => {
    const input = { text: 'Ana rang Mrs Zyxwortel on mz@example.com', title: 'Maria Zyxwortel again', impact: 'Zyxwortel stayed', tags: ['zyxwortel', 'thanks-maria-zyxwortel', 'forgotten', 'quick'], staff: ['Ana'], customer: 'maria zyxwortel', channel: 'phone' };
    const { input: out, changes } = redactStoryInput(input, maria, true);
    expect(out).toEqual({ text: `Ana rang Mrs ${F} on ${F}`, title: `${F} again`, impact: `${F} stayed`, tags: ['forgotten', 'thanks-forgotten', 'quick'], staff: ['Ana'], channel: 'phone' });
    expect(changes.map((c) => c.field)).toEqual(['text', 'title', 'impact', 'tags', 'customer']);
    expect(changes.at(-1)).toEqual({ field: 'customer', before: 'maria zyxwortel', after: null });
    expect(input.customer).toBe('maria zyxwortel'); // the draft read is left as it was
  });

  it("loses only the full details in a draft that is someone else's, and keeps its customer", () => {
    const input = { text: 'Bo told Maria Zyxwortel that Zyxwortel is a rare name', customer: 'Other One', staff: ['Bo'] };
    expect(redactStoryInput(input, maria, false).input).toEqual({ ...input, text: `Bo told ${F} that Zyxwortel is a rare name` });
    const untouched = { text: 'Bo wrapped the gift', customer: 'Other One' };
    expect(redactStoryInput(untouched, maria, false)).toEqual({ input: untouched, changes: [] });
  });

  it('loses a customer field that holds their details without being exactly their name', () => {
    // Kept, "Mrs Maria Zyxwortel" or their email would be saved by --resume as a new customer.
    for (const customer of ['Mrs Maria Zyxwortel', 'MZ@example.com', 'Maria Zyxwortel (Acme)']) {
      const { input: out, changes } = redactStoryInput({ text: 'Bo wrapped the gift', customer, staff: ['Bo'] }, maria, false);
      expect(out, customer).toEqual({ text: 'Bo wrapped the gift', staff: ['Bo'] });
      expect(changes, customer).toEqual([{ field: 'customer', before: customer, after: null }]);
    }
    // A lone part of the name, in a draft not theirs, may be anyone's: it stays.
    const lone = { text: 'Bo wrapped the gift', customer: 'Zyxwortel' };
    expect(redactStoryInput(lone, maria, false)).toEqual({ input: lone, changes: [] });
  });

  it('is theirs when it names them by id, or by a name no other customer has', () => {
    const them = { id: 3, name: 'Maria Zyxwortel', nameShared: false };
    expect(draftIsTheirs('#3', them)).toBe(true);
    expect(draftIsTheirs('#4', them)).toBe(false);
    expect(draftIsTheirs('  MARIA   zyxwortel ', them)).toBe(true);
    expect(draftIsTheirs('Maria', them)).toBe(false);
    expect(draftIsTheirs(undefined, them)).toBe(false);
    // A namesake (not forgotten) has the name too: the draft may mean that one, who keeps it.
    expect(draftIsTheirs('Maria Zyxwortel', { ...them, nameShared: true })).toBe(false);
    expect(draftIsTheirs('#3', { ...them, nameShared: true })).toBe(true);
  });
});

describe('the drafts folder, as forget looks through it', () => {
  let store: ReturnType<typeof tempStore>;
  let data: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  let folder: string;
  let target: DraftsForget;
  const DB = '/home/ana/.local/share/svc/svc.db';

  beforeEach(() => {
    store = tempStore();
    data = tempDir('svc-drafts-');
    env = { XDG_DATA_HOME: data.dir };
    folder = join(data.dir, 'svc', 'drafts');
    store.write(() =>
      importCustomers(
        store.db,
        [
          { line: 2, draft: { name: 'Maria Zyxwortel', email: 'mz@example.com', phone: null, segment: null, externalId: null } },
          { line: 3, draft: { name: 'Other One', email: null, phone: null, segment: null, externalId: null } },
        ],
        NOW_ISO,
      ),
    );
    const story = (text: string, customer?: string) => store.write(() => insertStory(store.db, draftStory({ text, staff: ['Ana'], customer }, NOW), NOW_ISO));
    story('Ana rang Maria Zyxwortel back', 'Maria Zyxwortel');
    story('Bo wrapped the gift', 'Other One');
    // The matcher and stories forget itself found, without changing the database.
    target = previewForget(store, 1, NOW_ISO).drafts;
    expect(target).toMatchObject({ customerId: 1, name: 'Maria Zyxwortel', nameShared: false, storyIds: [1] });
  });
  afterEach(() => {
    store.dispose();
    data.cleanup();
  });

  /** Every file in the drafts folder with its content. */
  function contents(): Record<string, string> {
    return Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
  }

  /** The drafts svc itself writes for this database and another, and files whose database it cannot tell. */
  function writeDrafts() {
    const mine = saveDraft(env, DB, { text: 'Ana drove to Mrs Zyxwortel', customer: 'Maria Zyxwortel', tags: ['zyxwortel'], staff: ['Ana'] }, NOW);
    const theirs = saveDraft(env, '/elsewhere/team.db', { text: 'Ana drove to Maria Zyxwortel', customer: 'Maria Zyxwortel', staff: ['Ana'] }, new Date('2026-03-18T11:00:00'));
    const herEdit = saveEditDraft(env, DB, 1, 'Ana rang Maria Zyxwortel back; Zyxwortel was pleased', NOW);
    const otherEdit = saveEditDraft(env, DB, 2, 'Bo wrapped the gift for Maria Zyxwortel; Zyxwortel paid', NOW);
    const elsewhereEdit = saveEditDraft(env, '/elsewhere/team.db', 1, 'Maria Zyxwortel again', NOW);
    const older = join(folder, 'edit-story-1-2026-03-01T09-00-00-000Z-4242.txt');
    writeFileSync(older, 'mz@example.com wrote; Zyxwortel', { mode: 0o600 });
    const damaged = join(folder, 'story-2026-03-02T09-00-00-000Z-77.json');
    writeFileSync(damaged, '{"kind":"svc-story-draft","version":1,"db":"', { mode: 0o600 });
    const clean = saveEditDraft(env, DB, 2, 'Bo wrapped the gift', new Date('2026-03-18T12:00:00'));
    return { mine, theirs, herEdit, otherEdit, elsewhereEdit, older, damaged, clean };
  }

  it('finds the details in this database\'s drafts and in those of no known database, and changes nothing', () => {
    const files = writeDrafts();
    const before = contents();
    const scan = scanDrafts(env, DB, target);
    expect(scan.folder).toBe(folder);
    // Another database's two drafts are that database's forget's to reach.
    expect(scan.checked).toBe(6);
    expect(scan.erasures.map((e) => e.path).sort()).toEqual([files.mine, files.herEdit, files.otherEdit, files.older].sort());
    const byPath = Object.fromEntries(scan.erasures.map((e) => [e.path, e.changes]));
    // Her own edit loses a lone part of her name; another story's edit, and a file of no known database, only the full details.
    expect(byPath[files.herEdit]).toEqual([{ field: 'text', before: 'Ana rang Maria Zyxwortel back; Zyxwortel was pleased', after: `Ana rang ${F} back; ${F} was pleased` }]);
    expect(byPath[files.otherEdit]?.[0]?.after).toBe(`Bo wrapped the gift for ${F}; Zyxwortel paid`);
    expect(byPath[files.older]?.[0]?.after).toBe(`${F} wrote; Zyxwortel`);
    expect(byPath[files.mine]?.map((c) => c.field)).toEqual(['text', 'tags', 'customer']);
    expect(contents()).toEqual(before);
  });

  it('rewrites them whole, owner-only, and leaves every other file as it was', () => {
    const files = writeDrafts();
    const before = contents();
    const erased = eraseDrafts(env, DB, target);
    expect(erased.erasures.map((e) => e.path).sort()).toEqual([files.mine, files.herEdit, files.otherEdit, files.older].sort());
    const after = contents();
    for (const path of [files.theirs, files.elsewhereEdit, files.damaged, files.clean]) expect(after[path.slice(folder.length + 1)], path).toBe(before[path.slice(folder.length + 1)]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort()); // no temporary file left
    for (const erasure of erased.erasures) {
      expect(statSync(erasure.path).mode & 0o777).toBe(0o600);
      expect(readFileSync(erasure.path, 'utf8').toLowerCase()).not.toContain('maria zyxwortel');
    }
    expect(readFileSync(files.herEdit, 'utf8')).toBe(`Ana rang ${F} back; ${F} was pleased`);
    // The draft is still one story add --resume offers, without the customer it would create again.
    expect(listDrafts(env, DB)[0]?.input).toEqual({ text: `Ana drove to Mrs ${F}`, tags: ['forgotten'], staff: ['Ana'] });
    expect(scanDrafts(env, DB, target).erasures).toEqual([]);
  });

  it('reaches the drafts kept while the database was opened through a symbolic link', () => {
    const real = join(data.dir, 'team.db');
    const link = join(data.dir, 'link.db');
    writeFileSync(real, '');
    symlinkSync(real, link);
    const typedThere = saveDraft(env, link, { text: 'Ana drove to Maria Zyxwortel', customer: 'Maria Zyxwortel', staff: ['Ana'] }, NOW);
    const editThere = saveEditDraft(env, link, 2, 'Bo wrapped the gift for Maria Zyxwortel', NOW);
    const scan = scanDrafts(env, real, target);
    expect(scan.checked).toBe(2);
    expect(scan.erasures.map((e) => e.path).sort()).toEqual([typedThere, editThere].sort());
    // story add --resume finds it by either name too.
    expect(listDrafts(env, real).map((d) => d.path)).toEqual([typedThere]);
    // Another file is still another database.
    writeFileSync(join(data.dir, 'other.db'), '');
    expect(scanDrafts(env, join(data.dir, 'other.db'), target)).toMatchObject({ checked: 0, erasures: [] });
  });

  it('finds nothing where there is no drafts folder', () => {
    expect(scanDrafts(env, DB, target)).toEqual({ folder, checked: 0, erasures: [] });
    expect(eraseDrafts(env, DB, target)).toEqual({ folder, checked: 0, erasures: [] });
  });

  it('refuses a draft it cannot read, before changing any', () => {
    const files = writeDrafts();
    const blocked = join(folder, 'edit-story-1-2026-03-03T09-00-00-000Z-5.txt');
    mkdirSync(blocked);
    const snapshot = Object.fromEntries(Object.values(files).map((path) => [path, readFileSync(path, 'utf8')]));
    const error = thrownBy(() => eraseDrafts(env, DB, target));
    expect(isSvcError(error) && error.exitCode).toBe(ExitCode.conflict);
    expect((error as Error).message).toBe(`cannot read the draft ${blocked} (it is a directory), so svc cannot tell whether it holds customer #1's details; nothing was changed`);
    for (const [path, text] of Object.entries(snapshot)) expect(readFileSync(path, 'utf8'), path).toBe(text);
  });

  it("for an import, whose records are erased already, notes a draft it cannot read and still rewrites the others", () => {
    const files = writeDrafts();
    const blocked = join(folder, 'edit-story-1-2026-03-03T09-00-00-000Z-5.txt');
    mkdirSync(blocked);
    const erased = eraseDrafts(env, DB, target, 'import');
    expect(erased.failed?.message).toBe(`cannot read the draft ${blocked} (it is a directory): customer #1 is erased from every record, but this draft may still hold their details`);
    expect(erased.failed?.exitCode).toBe(ExitCode.conflict);
    expect(erased.erasures.map((e) => e.path).sort()).toEqual([files.mine, files.herEdit, files.otherEdit, files.older].sort());
    expect(readFileSync(files.herEdit, 'utf8')).toBe(`Ana rang ${F} back; ${F} was pleased`);
  });

  // Skipped only where chattr +i does not work: root ignores file permissions, so only an immutable file refuses to be replaced.
  it.skipIf(!canChattr)('refuses a draft it cannot replace, leaving it and no temporary file behind', () => {
    const files = writeDrafts();
    immutable(files.herEdit, true);
    try {
      const error = thrownBy(() => eraseDrafts(env, DB, target));
      expect(isSvcError(error) && error.exitCode).toBe(ExitCode.conflict);
      expect((error as Error).message).toMatch(/^could not rewrite the draft .*edit-story-1-.*\.txt \(permission denied\), so customer #1 was not forgotten: nothing in the database was changed$/u);
      expect(readFileSync(files.herEdit, 'utf8')).toBe('Ana rang Maria Zyxwortel back; Zyxwortel was pleased');
      expect(readdirSync(folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
    } finally {
      immutable(files.herEdit, false);
    }
    // Once it can be replaced, running again finishes: the drafts rewritten before stay so.
    expect(eraseDrafts(env, DB, target).erasures.map((e) => e.path)).toContain(files.herEdit);
    expect(scanDrafts(env, DB, target).erasures).toEqual([]);
  });
});
