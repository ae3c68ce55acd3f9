// svc customer forget reaches the drafts svc keeps on this machine for the database in
// use: stories typed at the prompt that could not be saved, and edits it refused. They are
// rewritten as the customer's stories are, or the forget stops before the database changes.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveDraft, saveEditDraft } from '../../src/cli/drafts.ts';
import { messages } from '../../src/core/messages.ts';
import { shownAddress } from '../../src/store/address.ts';
import { draftsFolder, ownDataEnv, storedText } from '../helpers/cli.ts';
import { testEngine } from '../helpers/engine.ts';
import { tempDir } from '../helpers/db.ts';
import { canChattr, canMount, immutable, mountTmpfs } from '../helpers/fs.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
let env: Record<string, string>;
let folder: string;
let typed: string;
let kept: string;
let elsewhere: string;

const F = '(forgotten)';
const NOW = new Date('2026-03-18T10:00:00');
const KEPT_TEXT = 'Ana called Maria Zyxwortel back; Zyxwortel thanked her';

beforeEach(async () => {
  svc = inProcessSandbox();
  // The sandbox's own data folder, where svc keeps its drafts.
  env = ownDataEnv(svc.dir);
  folder = draftsFolder(svc.dir);
  const csv = svc.writeFile('customers.csv', 'name,email\nMaria Zyxwortel,maria.zyx@example.com\nOther Person,other@elsewhere.org\n');
  expect((await svc.run(['customers', 'import', csv])).code).toBe(0);
  expect((await svc.run(['story', 'add', 'Ana called Maria Zyxwortel back', '--staff', 'Ana', '--customer', 'Maria Zyxwortel'])).code).toBe(0);
  // The drafts as svc writes them: a story that could not be saved, an edit of story #1 that
  // was refused, and a story kept for another database on this machine.
  const db = shownAddress(svc.db);
  typed = saveDraft(env, db, { text: 'Bo drove the forms to Mrs Zyxwortel, maria.zyx@example.com', staff: ['Bo'], customer: 'Maria Zyxwortel', tags: ['zyxwortel'] }, NOW);
  kept = saveEditDraft(env, db, 1, KEPT_TEXT, NOW);
  elsewhere = saveDraft(env, join(svc.dir, 'other.db'), { text: 'Maria Zyxwortel rang', staff: ['Bo'], customer: 'Maria Zyxwortel' }, new Date('2026-03-18T11:00:00'));
});
afterEach(() => svc.cleanup());

/** Every file in the drafts folder with what it holds. */
function draftFiles(): Record<string, string> {
  const files = readdirSync(folder).filter((name) => statSync(join(folder, name)).isFile());
  return Object.fromEntries(files.map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
}

const readInput = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { input: Record<string, unknown> }).input;

describe('svc customer forget and the drafts on this machine', () => {
  it("erases them from this database's drafts, says which, and a draft saved afterwards brings no name back", async () => {
    const other = readFileSync(elsewhere, 'utf8');
    const result = await svc.run(['customer', 'forget', 'Maria Zyxwortel', '--yes', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      customerId: 1,
      drafts: { folder, checked: 2, changed: [kept, typed], otherMachines: testEngine === 'postgres' },
      finished: true,
    });
    expect(result.stderr).toContain(
      `Replaced their details with "(forgotten)" in 2 drafts on this machine: ${kept}, ${typed}. A draft that named them as its customer will be saved without one.\n`,
    );
    // On a server the team's other machines keep drafts of their own, which no forget here reaches.
    if (testEngine === 'postgres') expect(result.stderr).toContain(`${messages.forgetDraftsElsewhere}\n`);
    else expect(result.stderr).not.toContain("other people's machines");

    // Her own edit loses a lone part of her name too, as her story does; both stay owner-only.
    expect(readFileSync(kept, 'utf8')).toBe(`Ana called ${F} back; ${F} thanked her`);
    expect(readInput(typed)).toEqual({ text: `Bo drove the forms to Mrs ${F}, ${F}`, staff: ['Bo'], tags: ['forgotten'] });
    for (const path of [kept, typed]) expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(elsewhere, 'utf8')).toBe(other);

    const resumed = await svc.run(['story', 'add', '--resume', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ text: `Bo drove the forms to Mrs ${F}, ${F}`, customer: null, tags: ['forgotten'] });
    expect((await svc.json<Array<{ name: string }>>(['customers'])).map((c) => c.name)).toEqual(['Other Person', F]);
    expect(storedText(svc)).not.toContain('zyxwortel');
  });

  it('leaves no customer field that holds their details, so --resume cannot bring them back', async () => {
    rmSync(typed);
    const db = shownAddress(svc.db);
    saveDraft(env, db, { text: 'Bo posted the forms', staff: ['Bo'], customer: 'Mrs Maria Zyxwortel' }, NOW);
    saveDraft(env, db, { text: 'Bo mailed the forms', staff: ['Bo'], customer: 'maria.zyx@example.com' }, new Date('2026-03-18T10:01:00'));
    const result = await svc.run(['customer', 'forget', 'Maria Zyxwortel', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    for (let i = 0; i < 2; i++) {
      const resumed = await svc.run(['story', 'add', '--resume', '--json']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ customer: null });
    }
    expect((await svc.json<Array<{ name: string }>>(['customers'])).map((c) => c.name)).toEqual(['Other Person', F]);
    expect(storedText(svc)).not.toContain('zyxwortel');
    expect(storedText(svc)).not.toContain('maria.zyx');
  });

  it('lists the changes to drafts in a dry run, as text and JSON, and changes nothing', async () => {
    const before = svc.snapshot();
    const files = draftFiles();
    const text = await svc.run(['customer', 'forget', 'Maria Zyxwortel', '--dry-run']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`draft ${kept} text: Ana called [-Maria Zyxwortel-]{+${F}+} back; [-Zyxwortel-]{+${F}+} thanked her\n`);
    expect(text.stdout).toContain(`draft ${typed} tags: [-zyxwortel-]{+forgotten+}\n`);
    expect(text.stdout).toContain(`draft ${typed} customer: [-Maria Zyxwortel-] (removed: saving it would make them a customer again; the story is saved without one)\n`);
    expect(text.stderr).toContain('Dry run: forgetting customer #1 would change 1 story, and 2 drafts on this machine. Nothing was changed;');
    expect(text.stderr).toContain(`It would replace their details with "(forgotten)" in 2 drafts on this machine: ${kept}, ${typed}.`);

    const json = await svc.json<{ dryRun: boolean; drafts: { changed: string[]; changes: Array<{ path: string; field: string; before: string; after: string | null }> } }>([
      'customer',
      'forget',
      '1',
      '--dry-run',
    ]);
    expect(json.dryRun).toBe(true);
    expect(json.drafts.changed).toEqual([kept, typed]);
    expect(json.drafts.changes).toContainEqual({ path: kept, field: 'text', before: KEPT_TEXT, after: `Ana called ${F} back; ${F} thanked her` });
    expect(json.drafts.changes).toContainEqual({ path: typed, field: 'customer', before: 'Maria Zyxwortel', after: null });
    expect(svc.snapshot()).toBe(before);
    expect(draftFiles()).toEqual(files);
  });

  it('says so when no draft holds them', async () => {
    const result = await svc.run(['customer', 'forget', 'Other Person', '--yes', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).drafts).toEqual({ folder, checked: 2, changed: [], otherMachines: testEngine === 'postgres' });
    expect(result.stderr).toContain(`No draft of this database on this machine holds their details (checked 2 in ${folder}).\n`);
  });

  it('refuses a draft it cannot read with one line and exit 4, in a dry run too, changing nothing; once it is readable the forget goes through', async () => {
    const blocked = join(folder, 'edit-story-1-2026-03-17T09-00-00-000Z-4242.txt');
    mkdirSync(blocked);
    const before = svc.snapshot();
    const files = draftFiles();
    for (const args of [['--yes'], ['--dry-run'], ['--yes', '--json']]) {
      const result = await svc.run(['customer', 'forget', 'Maria Zyxwortel', ...args]);
      expect(result.code, args.join(' ')).toBe(4);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `svc: cannot read the draft ${blocked} (it is a directory), so svc cannot tell whether it holds customer #1's details; nothing was changed\n` +
          'hint: make it readable by you, or delete it if you do not need it, then run again: svc customer forget 1\n',
      );
    }
    expect(svc.snapshot()).toBe(before);
    expect(draftFiles()).toEqual(files);

    rmdirSync(blocked);
    const again = await svc.run(['customer', 'forget', 'Maria Zyxwortel', '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(kept, 'utf8')).not.toContain('Zyxwortel');
  });

  // Root, whom these tests may run as, ignores file permissions: only chattr +i makes a file it cannot replace.
  it.skipIf(!canChattr)('stops before the database when a draft cannot be rewritten (exit 4), and finishes when run again', async () => {
    const before = svc.snapshot();
    immutable(kept, true);
    try {
      const result = await svc.run(['customer', 'forget', 'Maria Zyxwortel', '--yes', '--json']);
      expect(result.code).toBe(4);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `svc: could not rewrite the draft ${kept} (permission denied), so customer #1 was not forgotten: nothing in the database was changed\n` +
          'hint: make the drafts folder and that file writable by you, or delete the draft, then run again: svc customer forget 1 --yes\n',
      );
      expect(svc.snapshot()).toBe(before);
      expect(readFileSync(kept, 'utf8')).toBe(KEPT_TEXT);
      expect(readdirSync(folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
    } finally {
      immutable(kept, false);
    }
    const again = await svc.run(['customer', 'forget', 'Maria Zyxwortel', '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(kept, 'utf8')).toBe(`Ana called ${F} back; ${F} thanked her`);
    expect(readInput(typed).customer).toBeUndefined();
  });

  // Skipped only where a tmpfs cannot be mounted (not root): a real full disk is the point.
  it.skipIf(!canMount)('stops before the database on a full disk (exit 1), and finishes once there is room', async () => {
    const full = tempDir('svc-tmpfs-');
    expect(mountTmpfs(full.dir, '64k')).toBe(true);
    try {
      const fullEnv = { XDG_DATA_HOME: full.dir };
      const draft = saveEditDraft(fullEnv, shownAddress(svc.db), 1, KEPT_TEXT, NOW);
      const filler = join(full.dir, 'filler');
      const fd = openSync(filler, 'w');
      try {
        for (;;) writeSync(fd, Buffer.alloc(4096));
      } catch {
        // ENOSPC: full
      } finally {
        closeSync(fd);
      }
      const before = svc.snapshot();
      const result = await svc.run(['customer', 'forget', 'Maria Zyxwortel', '--yes'], { env: fullEnv });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `svc: could not rewrite the draft ${draft} (the disk is full), so customer #1 was not forgotten: nothing in the database was changed\n` +
          'hint: free some space, then run again: svc customer forget 1 --yes\n',
      );
      expect(svc.snapshot()).toBe(before);
      expect(readFileSync(draft, 'utf8')).toBe(KEPT_TEXT);
      expect(readdirSync(join(full.dir, 'svc', 'drafts'))).toEqual([basename(draft)]);

      rmSync(filler);
      const again = await svc.run(['customer', 'forget', 'Maria Zyxwortel', '--yes'], { env: fullEnv });
      expect(again.code, again.stderr).toBe(0);
      expect(readFileSync(draft, 'utf8')).toBe(`Ana called ${F} back; ${F} thanked her`);
    } finally {
      spawnSync('umount', [full.dir]);
      full.cleanup();
    }
  });

  it('states the drafts it would change when it asks in a terminal; no keeps them as they were', async () => {
    const before = svc.snapshot();
    const files = draftFiles();
    const result = await svc.run(['customer', 'forget', 'Maria Zyxwortel'], { tty: true, answers: ['n\r'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.replace(/\r?\n/gu, '')).toContain('Forget Maria Zyxwortel (#1)? This changes 1 story, and 2 drafts on this machine.');
    expect(result.stderr).toContain('Kept customer #1; nothing was changed.');
    expect(svc.snapshot()).toBe(before);
    expect(draftFiles()).toEqual(files);
  });

  it("leaves a draft's customer that a namesake (not forgotten) also has: it may be theirs", async () => {
    const csv = svc.writeFile('namesake.csv', 'name,email\nMaria Zyxwortel,maria.two@example.org\n');
    expect((await svc.run(['customers', 'import', csv])).code).toBe(0);
    const result = await svc.run(['customer', 'forget', '#1', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    // Their email was theirs alone; the draft is not theirs for sure, so a lone part of the name stays, as its customer does.
    expect(readInput(typed)).toEqual({ text: `Bo drove the forms to Mrs Zyxwortel, ${F}`, staff: ['Bo'], customer: 'Maria Zyxwortel', tags: ['zyxwortel'] });
  });
});

describe('an import that forgets a customer, as the file says', () => {
  let other: InProcessSandbox;
  let otherTyped: string;
  let otherKept: string;
  let second: string;

  beforeEach(async () => {
    other = inProcessSandbox();
    const first = join(svc.dir, 'first.jsonl');
    expect((await svc.run(['export', '--include-contacts', '-o', first])).code).toBe(0);
    expect((await other.run(['import', first])).code).toBe(0);
    // The other database's own drafts on its person's machine.
    const otherEnv = ownDataEnv(other.dir);
    const db = shownAddress(other.db);
    otherTyped = saveDraft(otherEnv, db, { text: 'Cy posted the forms to Maria Zyxwortel', staff: ['Cy'], customer: '#1' }, NOW);
    otherKept = saveEditDraft(otherEnv, db, 1, 'Ana called Mrs Zyxwortel back twice', NOW);
    expect((await svc.run(['customer', 'forget', 'Maria Zyxwortel', '--yes'])).code).toBe(0);
    second = join(svc.dir, 'second.jsonl');
    expect((await svc.run(['export', '-o', second])).code).toBe(0);
  });
  afterEach(() => other.cleanup());

  it('rewrites the drafts there too, after saying what a dry run would change', async () => {
    const dryRun = await other.run(['import', second, '--dry-run']);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stderr).toContain(`It would replace their details with "(forgotten)" in 2 drafts on this machine: ${otherKept}, ${otherTyped}.`);
    expect(readFileSync(otherKept, 'utf8')).toBe('Ana called Mrs Zyxwortel back twice');

    const imported = await other.run(['import', second]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('Forgot customer #1 here too, as the file says');
    expect(imported.stderr).toContain(`Replaced their details with "(forgotten)" in 2 drafts on this machine: ${otherKept}, ${otherTyped}.`);
    expect(readFileSync(otherKept, 'utf8')).toBe(`Ana called Mrs ${F} back twice`);
    expect(readInput(otherTyped)).toEqual({ text: `Cy posted the forms to ${F}`, staff: ['Cy'] });
    for (const path of [otherKept, otherTyped]) expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  // Skipped only where chattr +i does not work: root ignores file permissions, so only an immutable file refuses to be replaced.
  it.skipIf(!canChattr)('says last, with exit 4, which draft it could not rewrite: the import and the records stand', async () => {
    immutable(otherKept, true);
    let imported;
    try {
      imported = await other.run(['import', second]);
    } finally {
      immutable(otherKept, false);
    }
    expect(imported.code).toBe(4);
    expect(imported.stderr).toMatch(
      new RegExp(
        `\\nsvc: could not rewrite the draft ${otherKept.replace(/[.]/gu, '\\.')} \\(permission denied\\): customer #1 is erased from every record, but this draft still holds their details\\n` +
          'hint: svc no longer knows their details, so it cannot look for them again: open the draft and take them out, or delete it\\n$',
        'u',
      ),
    );
    expect(readFileSync(otherKept, 'utf8')).toBe('Ana called Mrs Zyxwortel back twice');
    // Every other draft, and the records, are erased all the same.
    expect(readInput(otherTyped).text).toBe(`Cy posted the forms to ${F}`);
    expect((await other.json<Array<{ name: string }>>(['customers'])).map((c) => c.name)).toEqual(['Other Person', F]);
  });
});
