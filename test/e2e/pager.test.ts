import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/demo.ts';
import { answerKeysReader } from '../../src/app/interview.ts';
import type { DemoData } from '../../src/core/demo.ts';
import demoTeam from '../../data/demo-team.json' with { type: 'json' };
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { openSandboxStore } from '../helpers/db.ts';
import { testEngine } from '../helpers/engine.ts';
import { Terminal } from '../helpers/terminal.ts';

let svc: SvcSandbox;
beforeEach(async () => {
  svc = sandbox();
  // The sample team: eleven people, four adopted or standard practices with long names.
  if (testEngine === 'sqlite') {
    const built = svc.run(['--db', svc.db, 'demo'], { env: { SVC_DB: join(svc.dir, 'elsewhere.db') } });
    expect(built.code, built.stderr).toBe(0);
    return;
  }
  // The demo never writes to a server; the same team goes in through the use case it runs.
  const store = openSandboxStore(svc.db);
  try {
    seedDemo(store, demoTeam as DemoData, new Date('2026-03-18T10:00:00'), await answerKeysReader());
  } finally {
    store.close();
  }
});
afterEach(() => svc.cleanup());

// A pager that marks every line it shows, so a test can tell paged output from direct.
const MARKING_PAGER = "sed 's/^/PAGED:/'";
const lines = (screen: string) => screen.split(/\r?\n/u);

describe('the pager', () => {
  it('shows a long list through $SVC_PAGER on a terminal', async () => {
    const term = new Terminal(['stories', '-n', '0'], svc.db, { SVC_PAGER: MARKING_PAGER });
    expect(await term.exitCode()).toBe(0);
    const shown = lines(term.screen).filter((line) => line.trim() !== '');
    expect(shown.length).toBeGreaterThan(79);
    expect(shown.every((line) => line.startsWith('PAGED:'))).toBe(true);
  });

  it('takes $PAGER when $SVC_PAGER is not set, and $SVC_PAGER over $PAGER', async () => {
    const viaPager = new Terminal(['people'], svc.db, { SVC_PAGER: undefined, PAGER: "sed 's/^/VIA-PAGER:/'" });
    expect(await viaPager.exitCode()).toBe(0);
    expect(viaPager.screen).toMatch(/^VIA-PAGER:.*Ana/mu);
    const both = new Terminal(['people'], svc.db, { SVC_PAGER: MARKING_PAGER, PAGER: "sed 's/^/VIA-PAGER:/'" });
    expect(await both.exitCode()).toBe(0);
    expect(both.screen).toMatch(/^PAGED:.*Ana/mu);
    expect(both.screen).not.toContain('VIA-PAGER:');
  });

  it('is off with --no-pager, and never used off a terminal', async () => {
    const term = new Terminal(['--no-pager', 'people'], svc.db, { SVC_PAGER: MARKING_PAGER });
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Ana');
    expect(term.screen).not.toContain('PAGED:');
    const piped = svc.run(['stories', '-n', '0'], { env: { SVC_PAGER: MARKING_PAGER, PAGER: MARKING_PAGER } });
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain('PAGED:');
    expect(piped.stdout.split('\n')[0]).toBe('id\tdate\tstaff\tchannel\ttags\ttext');
  });

  it('is less -FRX by default, which leaves by itself when the output fits the screen', async () => {
    const term = new Terminal(['people'], svc.db, { SVC_PAGER: undefined, PAGER: undefined });
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toMatch(/│ #\d+ +│ Ana +│/u);
  });

  it('shows the output itself when the pager cannot start', async () => {
    const term = new Terminal(['people'], svc.db, { SVC_PAGER: 'no-such-pager-here' });
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toMatch(/│ #\d+ +│ Ana +│/u);
  });
});

describe('width-aware tables on a terminal', () => {
  it('splits the training matrix into tables that fit 80 columns, each with the people', async () => {
    const term = new Terminal(['train', 'status'], svc.db, {}, { cols: 80, rows: 60 });
    expect(await term.exitCode()).toBe(0);
    const table = lines(term.screen).filter((line) => /^[│┌└├]/u.test(line));
    expect(table.length).toBeGreaterThan(0);
    for (const line of table) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(table.filter((line) => /^│ person /u.test(line)).length).toBeGreaterThanOrEqual(2);
    for (const practice of ['Call back the same day', 'Remember the customer', 'Send a written summary', 'Walk them to it']) {
      expect(term.screen).toContain(practice);
    }
  });

  it('keeps the matrix one table where it fits', async () => {
    const term = new Terminal(['train', 'status'], svc.db, {}, { cols: 200, rows: 60 });
    expect(await term.exitCode()).toBe(0);
    expect(lines(term.screen).filter((line) => /^│ person /u.test(line))).toHaveLength(1);
  });

  it('fits the story and practice lists to 80 columns, cutting snippets at a word', async () => {
    for (const args of [['stories', '-n', '5'], ['practices'], ['people']]) {
      const term = new Terminal(args, svc.db, {}, { cols: 80, rows: 60 });
      expect(await term.exitCode()).toBe(0);
      const table = lines(term.screen).filter((line) => /^[│┌└]/u.test(line));
      expect(table.length, args.join(' ')).toBeGreaterThan(2);
      for (const line of table) expect([...line].length, line).toBeLessThanOrEqual(80);
    }
    const stories = new Terminal(['stories', '-n', '5'], svc.db, {}, { cols: 80, rows: 60 });
    expect(await stories.exitCode()).toBe(0);
    // Every cut snippet ends on a whole word: a letter right before the ellipsis ends a word of the story.
    const cuts = [...stories.screen.matchAll(/(\S+)…/gu)].map((match) => match[1] ?? '');
    expect(cuts.length).toBeGreaterThan(0);
    const texts = svc.json<Array<{ text: string }>>(['stories', '-n', '5']).map((s) => s.text).join(' ');
    for (const word of cuts) expect(texts, word).toMatch(new RegExp(`${word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}[\\s,.;:!?]`, 'u'));
  });
});
