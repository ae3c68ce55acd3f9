import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftsFolder, ownDataEnv, sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { itOnSqlite } from '../helpers/engine.ts';
import { answerStoryDetail, KEY, Terminal } from '../helpers/terminal.ts';

let svc: SvcSandbox;
let env: Record<string, string>;
beforeEach(() => {
  svc = sandbox();
  // Drafts live in svc's data folder: this test's own.
  env = ownDataEnv(svc.dir);
});
afterEach(() => svc.cleanup());

// The database stays locked in two tests: svc gives up after 1 s instead of 10 (what it then does is the same).
const SHORT_BUSY_TIMEOUT = { SVC_TEST_BUSY_TIMEOUT_MS: '1000' };

const draftDir = () => draftsFolder(svc.dir);
const drafts = () => {
  try {
    return readdirSync(draftDir()).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
};

/** Answers the guided questions after "who" (the tag questions unless --tag was given). */
async function typeStory(term: Terminal, askedTags = true): Promise<void> {
  await answerStoryDetail(term, { did: 'Ana drove a spare printer over and set it up in ten minutes.', ledUp: 'The printer jammed before the board meeting.', resulted: 'The packs were ready on time' });
  await term.answer('For whom?', '');
  await term.waitFor('Channel?');
  await term.type(KEY.enter);
  await term.waitFor('What did it respond to?');
  await term.type(KEY.enter);
  if (!askedTags) return;
  await term.waitFor('Tags?');
  await term.type(KEY.enter);
}

describe('a guided story add loses nothing that was typed', () => {
  it('refuses a bad --when or --channel before asking anything', async () => {
    svc.run(['init']);
    const before = svc.snapshot();
    for (const [flag, value, message] of [
      ['--when', 'the other day', /--when "the other day" is not a date/],
      ['--channel', 'fax', /--channel "fax" is not one of/],
    ] as const) {
      const term = new Terminal(['story', 'add', flag, value], svc.db, env);
      expect(await term.exitCode()).toBe(2);
      expect(term.screen).toMatch(message);
      expect(term.screen).not.toContain('Who delivered it?');
      expect(term.screen).not.toContain('What led up to it?');
    }
    expect(svc.snapshot()).toBe(before);
  });

  it('does not tick everyone when a name is typed into "Who delivered it?"', async () => {
    expect(svc.run(['story', 'add', 'Ana rang back the same day', '--staff', 'Ana,Bo,Dee']).code).toBe(0);
    const term = new Terminal(['story', 'add'], svc.db, env);
    await term.waitFor('Who delivered it?');
    await term.type('ai'); // "a" was select-all, "i" invert
    await term.type(KEY.enter);
    await term.answer('Anyone else?', 'Cy');
    await typeStory(term);
    expect(await term.exitCode()).toBe(0);
    const story = svc.json<{ staff: string[] }>(['story', 'show', '2']);
    expect(story.staff).toEqual(['Cy']);
  });

  itOnSqlite('holds SQLite\'s write lock to keep the database busy')('keeps a draft when the database stays busy, and saves it with --resume', async () => {
    svc.run(['init']);
    const before = svc.snapshot();
    const lock = new Database(svc.db);
    lock.exec('BEGIN IMMEDIATE');
    try {
      const term = new Terminal(['story', 'add', '--staff', 'Ana', '--tag', 'printer'], svc.db, { ...env, ...SHORT_BUSY_TIMEOUT });
      await typeStory(term, false);
      // svc waits out its busy timeout (10 s, here 1 s), then keeps the draft.
      expect(await term.exitCode(30_000)).toBe(4);
      expect(term.screen).toMatch(/svc: the database stayed busy, so the story was not saved; what you typed is kept in .*story-.*\.json/);
      expect(term.screen).toContain('hint: save it once the database is free: svc story add --resume');
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    expect(svc.snapshot()).toBe(before);
    const [file] = drafts();
    expect(file).toBeDefined();
    expect(statSync(join(draftDir(), file!)).mode & 0o777).toBe(0o600);
    expect(statSync(draftDir()).mode & 0o777).toBe(0o700);

    const resumed = svc.run(['story', 'add', '--resume', '--json'], { env });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      id: 1,
      text: 'The printer jammed before the board meeting. Ana drove a spare printer over and set it up in ten minutes.',
      impact: 'The packs were ready on time',
      staff: ['Ana'],
      tags: ['printer'],
    });
    expect(drafts()).toEqual([]);
    const again = svc.run(['story', 'add', '--resume'], { env });
    expect(again.code).toBe(3);
    expect(again.stderr).toBe('svc: there is no unsaved story to resume for this database\nhint: record a new one: svc story add "what happened" --staff NAME\n');
  }, 60_000);

  itOnSqlite('holds SQLite\'s write lock to keep the database busy')('offers a kept draft at the next guided story add', async () => {
    svc.run(['init']);
    const lock = new Database(svc.db);
    lock.exec('BEGIN IMMEDIATE');
    try {
      const term = new Terminal(['story', 'add', '--staff', 'Ana'], svc.db, { ...env, ...SHORT_BUSY_TIMEOUT });
      await typeStory(term);
      expect(await term.exitCode(30_000)).toBe(4);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    expect(drafts()).toHaveLength(1);
    // Another database does not see this one's draft.
    const other = join(svc.dir, 'other.db');
    expect(svc.run(['story', 'add', '--resume'], { env: { ...env, SVC_DB: other } }).code).toBe(3);

    const term = new Terminal(['story', 'add'], svc.db, env);
    await term.waitFor(/A story typed on 2026-03-18 10:00 was not saved \("The printer jammed/);
    await term.answer('(Y/n)', 'y');
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Saved story #1');
    expect(svc.json<{ staff: string[]; text: string }>(['story', 'show', '1'])).toMatchObject({ staff: ['Ana'], text: expect.stringMatching(/^The printer jammed/) });
    expect(drafts()).toEqual([]);
  }, 60_000);
});
