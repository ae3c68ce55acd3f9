// Edits and adds racing other svc processes on one database, as a team's do: no change is
// lost, an edit written over a story someone changed meanwhile is refused with what was
// typed kept, a story typed at the prompt survives a save that fails, and only the
// process that created a person says so.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/store/postgres/sync-client.ts';
import { baseEnv, BIN, draftsFolder, ownDataEnv, sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { testEngine } from '../helpers/engine.ts';
import { answerStoryDetail, KEY, Terminal } from '../helpers/terminal.ts';

let svc: SvcSandbox;
let env: Record<string, string>;
beforeEach(() => {
  svc = sandbox();
  // Drafts and kept edits live in svc's data folder: this test's own.
  env = ownDataEnv(svc.dir);
});
afterEach(() => svc.cleanup());

const draftDir = () => draftsFolder(svc.dir);
const kept = (suffix: string) => (existsSync(draftDir()) ? readdirSync(draftDir()).filter((name) => name.endsWith(suffix)) : []);

/** One svc process in the background; resolves with its exit code and what it said. */
function runInBackground(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(svc.db, env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** svc's own main() run once per command line, one after another in one process: many commands, densely. */
function commandsInOneProcess(commands: string[][]): Promise<{ code: number | null; stderr: string }> {
  const bundle = fileURLToPath(new URL('../../dist/svc.cjs', import.meta.url));
  const script = `import { createRequire } from 'node:module';
    const { main } = createRequire(import.meta.url)(${JSON.stringify(bundle)});
    for (const args of ${JSON.stringify(commands)}) {
      await main(['node', 'svc', ...args]);
      if (process.exitCode) { console.error('failed: ' + args.join(' ')); process.exitCode = 0; }
    }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: baseEnv(svc.db, env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

// On PostgreSQL each command connects and signs in (about 0.3 s): fewer of them there.
const STORIES = testEngine === 'postgres' ? 8 : 25;

interface StoryJson {
  text: string;
  title: string | null;
  impact: string | null;
  channel: string | null;
  customer: string | null;
}

describe('story edits at the same time', () => {
  it(`three processes editing a different field of the same ${STORIES} stories at once: every change survives`, async () => {
    const ids = Array.from({ length: STORIES }, (_, i) => String(i + 1));
    const added = await commandsInOneProcess(ids.map((id) => ['story', 'add', `Ana rang the client back, call ${id}`, '--staff', 'Ana']));
    expect(added.stderr).not.toContain('failed');
    const results = await Promise.all([
      commandsInOneProcess(ids.map((id) => ['story', 'edit', id, '--title', `Call ${id}`])),
      commandsInOneProcess(ids.map((id) => ['story', 'edit', id, '--impact', `kept client ${id}`])),
      commandsInOneProcess(ids.map((id) => ['story', 'edit', id, '--channel', 'phone'])),
    ]);
    for (const result of results) expect(result.stderr).not.toContain('failed');
    const stories = svc.json<Array<StoryJson & { id: number }>>(['stories', '--limit', '0']);
    expect(stories).toHaveLength(STORIES);
    for (const story of stories) {
      expect(story).toMatchObject({ title: `Call ${story.id}`, impact: `kept client ${story.id}`, channel: 'phone', text: `Ana rang the client back, call ${story.id}` });
    }
  }, 180_000);
});

describe('an edit in $EDITOR that someone else made stale', () => {
  /** An editor that says it opened, waits to be let go, then saves `text`. */
  function slowEditor(text: string): { editor: string; opened: () => boolean; letGo: () => void } {
    const editor = join(svc.dir, 'slow-editor.sh');
    const mark = join(svc.dir, 'editor');
    writeFileSync(editor, `#!/bin/sh\ntouch "${mark}.opened"\nwhile [ ! -f "${mark}.go" ]; do sleep 0.05; done\nprintf '%s' '${text}' > "$1"\n`);
    chmodSync(editor, 0o755);
    return { editor, opened: () => existsSync(`${mark}.opened`), letGo: () => writeFileSync(`${mark}.go`, '') };
  }

  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(check()).toBe(true);
  }

  const typed = 'Ana rang Tomas Brandt back within the hour and booked the engineer.';

  it('is refused when another edit changed the story meanwhile: exit 4, nothing written, the typed text kept', async () => {
    expect(svc.run(['story', 'add', 'Ana rang Tomas Brandt back the same day', '--staff', 'Ana', '--customer', 'Tomas Brandt']).code).toBe(0);
    const { editor, opened, letGo } = slowEditor(typed);
    const term = new Terminal(['story', 'edit', '1'], svc.db, { ...env, EDITOR: editor, VISUAL: undefined });
    await until(opened);
    expect(svc.run(['story', 'edit', '1', '--impact', 'the client stayed'], { env }).code).toBe(0);
    const before = svc.snapshot();
    letGo();
    expect(await term.exitCode()).toBe(4);
    const [file] = kept('.txt');
    expect(term.screen.replace(/\r?\n/g, '')).toContain(`svc: the edit was not saved: story #1 was changed by someone else while you were editing it; what you typed is kept in ${join(draftDir(), file ?? '')}`);
    expect(term.screen).toContain('hint: read the story as it is now (svc story show 1), then edit it again (svc story edit 1)');
    expect(svc.snapshot()).toBe(before);
    expect(svc.json<StoryJson>(['story', 'show', '1'])).toMatchObject({ text: 'Ana rang Tomas Brandt back the same day', impact: 'the client stayed' });
    expect(readFileSync(join(draftDir(), file!), 'utf8')).toBe(typed);
    expect(statSync(join(draftDir(), file!)).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('keeps the edit in a file marked with its database, which a later forget of the customer rewrites', async () => {
    expect(svc.run(['story', 'add', 'Ana rang Tomas Brandt back the same day', '--staff', 'Ana', '--customer', 'Tomas Brandt']).code).toBe(0);
    const { editor, opened, letGo } = slowEditor(typed);
    const term = new Terminal(['story', 'edit', '1'], svc.db, { ...env, EDITOR: editor, VISUAL: undefined });
    await until(opened);
    expect(svc.run(['story', 'edit', '1', '--impact', 'the client stayed'], { env }).code).toBe(0);
    letGo();
    expect(await term.exitCode()).toBe(4);
    const [file] = kept('.txt');
    expect(file).toMatch(/^edit-story-1-.*-db[0-9a-f]{12}\.txt$/u);
    const path = join(draftDir(), file!);

    const forget = svc.run(['customer', 'forget', 'Tomas Brandt', '--yes', '--json'], { env });
    expect(forget.code, forget.stderr).toBe(0);
    expect(JSON.parse(forget.stdout).drafts).toMatchObject({ checked: 1, changed: [path] });
    expect(forget.stderr).toContain(`Replaced their details with "(forgotten)" in a draft on this machine: ${path}.\n`);
    expect(readFileSync(path, 'utf8')).toBe('Ana rang (forgotten) back within the hour and booked the engineer.');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(kept('.txt')).toEqual([file]);
  }, 60_000);

  it('is refused when the customer was forgotten meanwhile: the erased name never comes back, no customer is made again', async () => {
    expect(svc.run(['story', 'add', 'Ana rang Tomas Brandt back the same day', '--staff', 'Ana', '--customer', 'Tomas Brandt']).code).toBe(0);
    const { editor, opened, letGo } = slowEditor(typed);
    const term = new Terminal(['story', 'edit', '1'], svc.db, { ...env, EDITOR: editor, VISUAL: undefined });
    await until(opened);
    const forget = await runInBackground(['customer', 'forget', 'Tomas Brandt', '--yes']);
    expect(forget.code, forget.stderr).toBe(0);
    const before = svc.snapshot();
    letGo();
    expect(await term.exitCode()).toBe(4);
    expect(term.screen).toContain("story #1's customer was forgotten while you were editing it");
    expect(svc.snapshot()).toBe(before);
    const story = svc.json<StoryJson>(['story', 'show', '1']);
    expect(story.text).not.toContain('Tomas');
    expect(story.customer).toBe('(forgotten)');
    expect(svc.json<Array<{ name: string }>>(['customers', '--json']).map((c) => c.name)).not.toContain('Tomas Brandt');
    expect(kept('.txt')).toHaveLength(1);
  }, 60_000);

  it('is saved when nothing changed meanwhile', async () => {
    expect(svc.run(['story', 'add', 'Ana rang Tomas Brandt back the same day', '--staff', 'Ana']).code).toBe(0);
    const { editor, letGo } = slowEditor(typed);
    letGo();
    const term = new Terminal(['story', 'edit', '1'], svc.db, { ...env, EDITOR: editor, VISUAL: undefined });
    expect(await term.exitCode()).toBe(0);
    expect(svc.json<StoryJson>(['story', 'show', '1']).text).toBe(typed);
    expect(kept('.txt')).toEqual([]);
  }, 30_000);
});

describe('a story typed at the guided prompt whose save fails', () => {
  /** Makes the next save fail as the engine would: the server ends svc's connection; SQLite's file refuses the row. */
  function breakTheSave(): void {
    if (testEngine === 'postgres') {
      const client = connectPostgres(svc.db);
      try {
        client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      } finally {
        client.close();
      }
      return;
    }
    const db = new Database(svc.db);
    db.exec("CREATE TRIGGER fail_save BEFORE INSERT ON stories BEGIN SELECT RAISE(ABORT, 'the disk controller failed'); END");
    db.close();
  }

  function mendTheSave(): void {
    if (testEngine === 'postgres') return;
    const db = new Database(svc.db);
    db.exec('DROP TRIGGER fail_save');
    db.close();
  }

  it('keeps what was typed as a draft, says where and how to save it, and --resume saves it', async () => {
    expect(svc.run(['story', 'add', 'Bo called back', '--staff', 'Bo']).code).toBe(0);
    const before = svc.snapshot();
    const term = new Terminal(['story', 'add', '--staff', 'Ana', '--tag', 'printer'], svc.db, env);
    await answerStoryDetail(term, { did: 'Ana drove a spare printer over and set it up in ten minutes.', ledUp: 'The printer jammed before the board meeting.', resulted: 'The packs were ready on time' });
    await term.waitFor('For whom?');
    // The server goes away (or the file fails) while the person is still answering.
    breakTheSave();
    await term.type(KEY.enter);
    await term.waitFor('Channel?');
    await term.type(KEY.enter);
    await term.waitFor('What did it respond to?');
    await term.type(KEY.enter);
    expect(await term.exitCode(30_000)).toBe(1);
    const [file] = kept('.json');
    expect(file).toBeDefined();
    expect(term.screen.replace(/\r?\n/g, '')).toMatch(new RegExp(`svc: the story was not saved: .*; what you typed is kept in ${join(draftDir(), file!).replace(/[.]/g, '\\.')}`));
    expect(term.screen).toContain('hint: save it once the database can be reached again: svc story add --resume');
    mendTheSave();
    expect(svc.snapshot()).toBe(before);

    const resumed = svc.run(['story', 'add', '--resume', '--json'], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      text: 'The printer jammed before the board meeting. Ana drove a spare printer over and set it up in ten minutes.',
      impact: 'The packs were ready on time',
      staff: ['Ana'],
      tags: ['printer'],
    });
    expect(kept('.json')).toEqual([]);
  }, 60_000);

  it('keeps the draft, which a forget of its customer rewrites before it is saved: the customer is not made again', async () => {
    expect(svc.run(['story', 'add', 'Bo rang Tomas Brandt back', '--staff', 'Bo', '--customer', 'Tomas Brandt']).code).toBe(0);
    const term = new Terminal(['story', 'add', '--staff', 'Ana', '--tag', 'printer'], svc.db, env);
    await answerStoryDetail(term, { did: 'Ana drove a spare printer over to Tomas Brandt.', ledUp: 'His printer jammed.', resulted: 'Mr Brandt printed on time' });
    await term.waitFor('For whom?');
    breakTheSave();
    await term.type(`Tomas Brandt${KEY.enter}`);
    await term.answer('Was that a colleague', 'n');
    await term.waitFor('Channel?');
    await term.type(KEY.enter);
    await term.waitFor('What did it respond to?');
    await term.type(KEY.enter);
    expect(await term.exitCode(30_000)).toBe(1);
    mendTheSave();
    const [file] = kept('.json');
    expect(file).toBeDefined();
    const path = join(draftDir(), file!);
    expect(JSON.parse(readFileSync(path, 'utf8')).input).toMatchObject({ customer: 'Tomas Brandt' });

    const forget = svc.run(['customer', 'forget', 'Tomas Brandt', '--yes', '--json'], { env });
    expect(forget.code, forget.stderr).toBe(0);
    expect(JSON.parse(forget.stdout).drafts.changed).toEqual([path]);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const resumed = svc.run(['story', 'add', '--resume', '--json'], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      text: 'His printer jammed. Ana drove a spare printer over to (forgotten).',
      impact: 'Mr (forgotten) printed on time',
      customer: null,
      staff: ['Ana'],
      tags: ['printer'],
    });
    expect(svc.json<Array<{ name: string }>>(['customers']).map((c) => c.name)).toEqual(['(forgotten)']);
    expect(kept('.json')).toEqual([]);
  }, 60_000);

  it('keeps nothing when the input itself is refused', async () => {
    svc.run(['init']);
    const term = new Terminal(['story', 'add', '--staff', 'Ana', '--customer', '#99'], svc.db, env);
    await term.answer('What exactly did they do?', 'Ana drove a spare printer over.');
    await term.answer('More detail?', 'n');
    expect(await term.exitCode()).toBe(3);
    expect(term.screen).toContain('svc: no customer #99');
    expect(kept('.json')).toEqual([]);
  }, 30_000);
});

describe('story adds at the same time naming one new person', () => {
  it('only the process that created a person says so, and nobody is offered as a near miss of their own name', async () => {
    expect(svc.run(['story', 'add', 'Yan0 called back', '--staff', 'Yan0']).code).toBe(0);
    const names = Array.from({ length: STORIES }, (_, i) => `Yo${i + 1}`);
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, w) => commandsInOneProcess(names.map((name) => ['story', 'add', `${name} called back (worker ${w})`, '--staff', name]))),
    );
    const said = results.map((result) => result.stderr).join('');
    expect(said).not.toContain('failed');
    for (const name of names) expect(said.match(new RegExp(`new person: ${name}\\b`, 'g')) ?? [], name).toHaveLength(1);
    expect(said).not.toMatch(/merge "(\w+)" "\1"/);
  }, 180_000);
});
