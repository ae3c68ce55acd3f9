import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '../../src/core/phrases.ts';
import { generate } from '../bench/generate.ts';
import { BIN, baseEnv, sandbox, type RunResult, type SvcSandbox } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';
import { runInProcess } from '../helpers/in-process.ts';

/** A 20,000-story import takes seconds on an idle machine, and several times that under a load of 10 or more. */
const LARGE_IMPORT = { timeoutMs: 120_000 };

// Large enough that one transaction over all of it would keep a concurrent add waiting
// until the end; small enough for CI. The 100,000-story figures are in the README.
const STORIES = 20_000;

let template: { dir: string; cleanup: () => void };
let templateDb: string;
beforeAll(async () => {
  template = tempDir('svc-long-');
  templateDb = join(template.dir, 'template.db');
  generate({ db: templateDb, stories: STORIES });
  // In-process, the same reindex as the binary's, without a child's time limit on a busy machine.
  const reindexed = await runInProcess(['reindex'], templateDb);
  expect(reindexed.code, reindexed.stderr).toBe(0);
  // As long as its tests may take: 20,000 stories made and indexed on a busy machine.
}, 180_000);
afterAll(() => template.cleanup());

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
  copyFileSync(templateDb, svc.db);
});
afterEach(() => svc.cleanup());

/** svc started in the background, with its outcome and whether it has ended yet. */
function start(args: string[], db = svc.db): { done: Promise<RunResult>; ended: () => boolean; kill: () => void } {
  const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(db) });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end('');
  const done = new Promise<RunResult>((resolve) =>
    child.on('close', (code) => {
      exited = true;
      resolve({ code, stdout, stderr });
    }),
  );
  return { done, ended: () => exited, kill: () => child.kill('SIGKILL') };
}

function query<T>(sql: string, path = svc.db): T {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

/** Waits until the condition holds, checking the database as the other process writes. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Counts the commits other connections make (SQLite's data_version changes with each seen). */
function commitWatcher(): { seen: () => number; close: () => void } {
  const db = new Database(svc.db, { readonly: true });
  let last = db.pragma('data_version', { simple: true });
  let seen = 0;
  return {
    seen: () => {
      const now = db.pragma('data_version', { simple: true });
      if (now !== last) seen++;
      last = now;
      return seen;
    },
    close: () => db.close(),
  };
}

const phraseDigest = () =>
  query<{ d: string }>(
    `SELECT count(*) || ':' || total(story_id * 7 + span_start * 13 + span_end) || ':' || group_concat(DISTINCT kind) AS d FROM story_phrases`,
  ).d;

describe('long writers let a concurrent story add in', () => {
  it('20 concurrent story adds during a reindex all succeed, while it runs', async () => {
    const before = query<{ n: number }>('SELECT count(*) AS n FROM stories').n;
    // Marked as made by an older extractor, so the reindex's progress shows story by story.
    const db = new Database(svc.db);
    db.prepare('UPDATE story_phrase_index SET version = ?').run(EXTRACTOR_VERSION - 1);
    db.close();
    const reindexed = () => query<{ n: number }>(`SELECT count(*) AS n FROM story_phrase_index WHERE version = ${EXTRACTOR_VERSION}`).n;
    const reindex = start(['reindex']);
    // Under way: its first batches are committed.
    await until(() => reindex.ended() || reindexed() > 0);
    expect(reindex.ended()).toBe(false);

    let savedWhileReindexing = 0;
    const adds = Array.from({ length: 20 }, (_, i) => {
      const add = start(['story', 'add', '--staff', `Writer ${i}`, `Writer ${i} called the customer back the same day`]);
      return add.done.then((result) => {
        if (reindexed() < before) savedWhileReindexing++;
        return result;
      });
    });
    const results = await Promise.all(adds);
    for (const result of results) {
      expect(result.stderr).toMatch(/Saved story #\d+/);
      expect(result.code).toBe(0);
    }
    // Old behaviour: every add waited for the one reindex transaction to end, so none was saved mid-way.
    expect(savedWhileReindexing).toBeGreaterThan(0);
    const finished = await reindex.done;
    expect(finished.code).toBe(0);
    expect(query<{ n: number }>('SELECT count(*) AS n FROM stories').n).toBe(before + 20);
    expect(query<{ n: number }>("SELECT count(*) AS n FROM stories s JOIN story_people sp ON sp.story_id = s.id JOIN people p ON p.id = sp.person_id WHERE p.name LIKE 'Writer %'").n).toBe(20);
  }, 180_000);

  it('20 concurrent story adds during a large import all succeed, while it runs', async () => {
    const file = join(svc.dir, 'team.jsonl');
    expect(svc.run(['export', '-o', file]).code).toBe(0);
    const target = sandbox();
    try {
      expect(target.run(['init']).code).toBe(0);
      const imported = () =>
        query<{ n: number }>(
          `SELECT count(*) AS n FROM stories s WHERE NOT EXISTS
             (SELECT 1 FROM story_people sp JOIN people p ON p.id = sp.person_id WHERE sp.story_id = s.id AND p.name LIKE 'Writer %')`,
          target.db,
        ).n;
      const importing = start(['import', file], target.db);
      await until(() => importing.ended() || imported() > 0);
      expect(importing.ended()).toBe(false);

      let savedWhileImporting = 0;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          start(['story', 'add', '--staff', `Writer ${i}`, `Writer ${i} called the customer back the same day`], target.db).done.then((result) => {
            if (imported() < STORIES) savedWhileImporting++;
            return result;
          }),
        ),
      );
      for (const result of results) {
        expect(result.stderr).toMatch(/Saved story #\d+/);
        expect(result.code).toBe(0);
      }
      // One transaction over the whole file kept every add waiting to its end.
      expect(savedWhileImporting).toBeGreaterThan(0);
      const finished = await importing.done;
      expect(finished.stderr).toMatch(/Imported .*team\.jsonl: \d+ added/);
      expect(finished.code).toBe(0);
      expect(imported()).toBe(STORIES);
      expect(query<{ n: number }>('SELECT count(*) AS n FROM stories', target.db).n).toBe(STORIES + 20);
      // Importing it again changes nothing: a batched import is matched by uuid like any other.
      const before = target.snapshot();
      expect(target.run(['import', file], LARGE_IMPORT).code).toBe(0);
      expect(target.snapshot()).toBe(before);
    } finally {
      target.cleanup();
    }
  }, 240_000);

  it('a large import that meets a problem part-way says what it kept, and the same file finishes it', () => {
    const file = join(svc.dir, 'team.jsonl');
    expect(svc.run(['export', '-o', file]).code).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n');
    // A link near the end to a story that is neither in the file nor in the database.
    const index = lines.findLastIndex((line) => line.startsWith('{"table":"story_people"'));
    const good = lines[index] ?? '';
    const entry = JSON.parse(good) as { row: Record<string, unknown> };
    entry.row.story_id = '00000000-0000-4000-8000-000000000000';
    lines[index] = JSON.stringify(entry);
    writeFileSync(file, lines.join('\n'));
    const target = sandbox();
    try {
      expect(target.run(['init']).code).toBe(0);
      const failed = target.run(['import', file], LARGE_IMPORT);
      expect(failed.code).toBe(2);
      // The import made the database, and says so first; then what stopped it.
      expect(failed.stderr).toMatch(/^svc: .*team\.jsonl is damaged: a story_people row \(line \d+\) refers through story_id to "00000000-0000-4000-8000-000000000000", which is neither in the file nor in this database; the first [\d,]+ records of the file were imported before it\nhint: fix what is named above, then import the same file again/);
      expect(query<{ n: number }>('SELECT count(*) AS n FROM stories', target.db).n).toBe(STORIES);
      lines[index] = good;
      writeFileSync(file, lines.join('\n'));
      expect(target.run(['import', file], LARGE_IMPORT).code).toBe(0);
      const whole = sandbox();
      try {
        expect(whole.run(['import', file], LARGE_IMPORT).code).toBe(0);
        expect(target.json(['stories', '--limit', '0'])).toEqual(whole.json(['stories', '--limit', '0']));
      } finally {
        whole.cleanup();
      }
    } finally {
      target.cleanup();
    }
  }, 240_000);

  it('a killed reindex leaves every story\'s phrases in place', async () => {
    const digest = phraseDigest();
    const indexed = query<{ n: number }>('SELECT count(*) AS n FROM story_phrase_index').n;
    expect(indexed).toBe(STORIES);
    const commits = commitWatcher();
    const reindex = start(['reindex']);
    await until(() => reindex.ended() || commits.seen() >= 5);
    commits.close();
    expect(reindex.ended()).toBe(false);
    reindex.kill();
    await reindex.done;
    // Old behaviour: the index was cleared first, and a kill left every story to redo.
    expect(query<{ n: number }>('SELECT count(*) AS n FROM story_phrase_index').n).toBe(STORIES);
    expect(phraseDigest()).toBe(digest);
    expect(svc.run(['db', 'check']).code).toBe(0);
  }, 180_000);

  it('two detects at once on an unindexed database both succeed, with the same answer', async () => {
    const db = new Database(svc.db);
    db.exec('DELETE FROM story_phrase_index; DELETE FROM story_phrases;');
    db.close();
    const [first, second] = await Promise.all([start(['detect', '--json']).done, start(['detect', '--json']).done]);
    expect(first.stderr).not.toMatch(/svc: /);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect(query<{ n: number }>('SELECT count(*) AS n FROM story_phrase_index').n).toBe(STORIES);
  }, 180_000);
});
