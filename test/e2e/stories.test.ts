import { writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Story } from '../../src/core/story.ts';
import { draftStory } from '../../src/core/story.ts';
import { openSandboxStore } from '../helpers/db.ts';
import { queryDb } from '../helpers/cli.ts';
import { insertStory } from '../../src/store/stories.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

/** The JSON a story prints is the core Story shape. */
type StoryJson = Story;

let svc: InProcessSandbox;
const add = async (...args: string[]) => {
  const result = await svc.run(['story', 'add', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return Number(result.stdout.trim());
};

beforeEach(async () => {
  svc = inProcessSandbox();
  await add('Ana refunded the double charge on the spot', '--staff', 'Ana', '--tag', 'refund', '--when', '2026-03-01', '--channel', 'phone');
  await add('Bo stayed late to help Payroll close the month', '--staff', 'Bo', '--internal', '--customer', 'Payroll', '--when', '2026-03-05');
  await add('Ana and Bo called the customer back within the hour #call-back', '--staff', 'Ana,Bo', '--tag', 'refund', '--when', '2026-03-10', '--channel', 'email');
});
afterEach(() => svc.cleanup());

describe('svc stories / svc story list', () => {
  it('lists newest first as TSV with a header when piped, with no escape codes', async () => {
    const result = await svc.run(['stories']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id\tdate\tstaff\tchannel\ttags\ttext');
    expect(lines.slice(1).map((l) => l.split('\t')[0])).toEqual(['3', '2', '1']);
    expect(lines[1]).toBe('3\t2026-03-10\tAna, Bo\temail\tcall-back refund\tAna and Bo called the customer back within the hour #call-back');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('filters, and both spellings give the same answer', async () => {
    const ids = async (args: string[]) => (await svc.json<StoryJson[]>(['stories', ...args])).map((s) => s.id);
    expect(await ids(['--staff', 'ana'])).toEqual([3, 1]);
    expect(await ids(['--tag', '#Refund', '--channel', 'email'])).toEqual([3]);
    expect(await ids(['--internal'])).toEqual([2]);
    expect(await ids(['--external'])).toEqual([3, 1]);
    expect(await ids(['--since', '2026-03-02', '--until', '2026-03-09'])).toEqual([2]);
    expect(await ids(['--since', '2 weeks ago'])).toEqual([3, 2]);
    expect(await ids(['--search', 'called back'])).toEqual([3]);
    expect(await ids(['--limit', '1'])).toEqual([3]);
    expect(await svc.json<StoryJson[]>(['story', 'list', '--staff', 'ana'])).toEqual(await svc.json<StoryJson[]>(['stories', '--staff', 'ana']));
  });

  it('says so on stderr when nothing matches, and prints an empty JSON array', async () => {
    const result = await svc.run(['stories', '--until', '1999-12-31']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/No stories match/);
    expect(await svc.json(['stories', '--until', '1999-12-31'])).toEqual([]);
  });
});

describe('long lists', () => {
  it('lists, prints as JSON and exports as CSV every story when there are more than a page of them', async () => {
    // 2,500 more stories, written straight into the sandbox's file: more than two pages of 1,000.
    const store = openSandboxStore(svc.db);
    const now = new Date('2026-03-18T10:00:00');
    store.write(() => {
      for (let i = 0; i < 2500; i++) {
        const day = `2026-02-${String((i % 28) + 1).padStart(2, '0')}`;
        insertStory(store.db, draftStory({ text: `Cy helped customer ${i}`, staff: ['Cy'], tags: ['bulk'], when: day }, now), now.toISOString());
      }
    });
    store.close();

    const json = await svc.json<StoryJson[]>(['stories', '-n', '0', '--json']);
    expect(json).toHaveLength(2503);
    expect(new Set(json.map((s) => s.id)).size).toBe(2503);
    const keys = json.map((s) => `${s.occurredOn} ${String(s.id).padStart(5, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());

    const tsv = await svc.run(['stories', '-n', '0']);
    const lines = tsv.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('id\t'))).toHaveLength(1);
    expect(lines.slice(1).map((line) => Number(line.split('\t')[0]))).toEqual(json.map((s) => s.id));

    expect((await svc.json<StoryJson[]>(['stories', '-n', '1500', '--json'])).map((s) => s.id)).toEqual(json.slice(0, 1500).map((s) => s.id));
    const csv = await svc.run(['export', '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.trimEnd().split('\n')).toHaveLength(2504);
  });
});

describe('svc search', () => {
  it('finds stories by words, stemmed, with the matches marked', async () => {
    const result = await svc.run(['search', 'calls']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('#3 · 2026-03-10 · Ana, Bo');
    expect(result.stdout).toContain('[called]');
    const [hit] = await svc.json<Array<StoryJson & { snippet: string; highlights: Array<{ start: number; end: number }> }>>(['search', 'calls']);
    expect(hit?.id).toBe(3);
    const h = hit!.highlights[0]!;
    expect(hit!.snippet.slice(h.start, h.end)).toBe('called');
  });

  it('prints nothing on stdout when there is no match', async () => {
    const result = await svc.run(['search', 'unicorn']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/No story contains "unicorn"/);
  });
});

describe('svc story show / edit / rm', () => {
  it('shows a story in full', async () => {
    const result = await svc.run(['story', 'show', '#2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Story #2');
    expect(result.stdout).toContain('Bo stayed late to help Payroll close the month');
    expect(result.stdout).toMatch(/customer\s+Payroll \(internal\)/);
  });

  it('edits only the fields given, and re-derives inline tags', async () => {
    const result = await svc.run(['story', 'edit', '1', '--staff', 'Cy', '--text', 'Cy refunded the charge #same-day', '--json']);
    expect(result.code).toBe(0);
    const story = JSON.parse(result.stdout) as StoryJson;
    expect(story).toMatchObject({ staff: ['Cy'], text: 'Cy refunded the charge #same-day', tags: ['refund', 'same-day'], channel: 'phone', occurredOn: '2026-03-01' });
    expect(await svc.json<StoryJson>(['story', 'show', '1'])).toMatchObject({ staff: ['Cy'] });
    expect((await svc.json<Array<{ name: string; stories: number }>>(['people'])).map((p) => [p.name, p.stories])).toEqual([
      ['Ana', 1], ['Bo', 2], ['Cy', 1],
    ]);
  });

  it('removes a story with --yes, and its tags no longer count it', async () => {
    const result = await svc.run(['story', 'rm', '3', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Deleted story #3');
    expect((await svc.run(['story', 'show', '3'])).code).toBe(3);
    const tags = await svc.json<Array<{ name: string; stories: number }>>(['tags', '--used']);
    expect(tags).toEqual([expect.objectContaining({ name: 'refund', stories: 1 })]);
  });

  it('opens $EDITOR on the text when edit has no flags in a terminal', async () => {
    const editor = join(svc.dir, 'fake-editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "Ana refunded the charge and phoned to confirm" > "$1"\n');
    chmodSync(editor, 0o755);
    const term = new Terminal(['story', 'edit', '1'], svc.db, { EDITOR: editor });
    expect(await term.exitCode()).toBe(0);
    expect((await svc.json<StoryJson>(['story', 'show', '1'])).text).toBe('Ana refunded the charge and phoned to confirm');
  });

  it('asks before removing in a terminal, and keeps the story on "no"', async () => {
    const term = new Terminal(['story', 'rm', '2'], svc.db);
    await term.waitFor('Delete story #2');
    await term.type('n' + KEY.enter);
    expect(await term.exitCode()).toBe(0);
    expect((await svc.run(['story', 'show', '2'])).code).toBe(0);
    const yes = new Terminal(['story', 'rm', '2'], svc.db);
    await yes.waitFor('Delete story #2');
    await yes.type('y' + KEY.enter);
    expect(await yes.exitCode()).toBe(0);
    expect((await svc.run(['story', 'show', '2'])).code).toBe(3);
  });

  it('does not prompt on a terminal where CI or --no-input turned prompts off, and says which, saving nothing', async () => {
    const before = svc.snapshot();
    const inCi = await svc.run(['story', 'add', '--staff', 'Ana'], { tty: true, env: { CI: 'true' }, answers: ['Typed anyway\r'] });
    expect(inCi).toMatchObject({ code: 2, stdout: '' });
    expect(inCi.stderr).toMatch(/^svc: no story TEXT given, and prompts are off because CI is set \(unset CI to be asked\)\nhint: /);
    const noInput = await svc.run(['story', 'add', '--staff', 'Ana', '--no-input'], { tty: true, answers: ['Typed anyway\r'] });
    expect(noInput).toMatchObject({ code: 2, stdout: '' });
    expect(noInput.stderr).toMatch(/^svc: no story TEXT given, and prompts are off \(--no-input\)\n/);
    // Without a terminal the message says so, whatever CI is.
    const piped = await svc.run(['story', 'add', '--staff', 'Ana'], { env: { CI: 'true' } });
    expect(piped.stderr).toMatch(/^svc: no story TEXT given, and there is no terminal to ask for it\n/);
    expect(svc.snapshot()).toBe(before);
  });

  it('answers the guided questions given as keys, and saves nothing on Ctrl-C', async () => {
    // An empty database of its own: the lists offered (channels, tags) follow what is stored.
    const empty = inProcessSandbox();
    try {
      const terminal = { tty: true };
      expect((await empty.run(['init'])).code).toBe(0);
      const before = empty.snapshot();
      const cancelled = await empty.run(['story', 'add', '--staff', 'Ana'], { ...terminal, answers: ['Something' + KEY.ctrlC] });
      expect(cancelled.code).toBe(130);
      expect(cancelled.stdout).toContain('What exactly did they do?');
      expect(cancelled.stderr).toBe('svc: cancelled, nothing was saved\n');
      expect(empty.snapshot()).toBe(before);

      // Step one (who, what they did), then yes to more detail: what led up to it, the result, for whom.
      const answers = ['Ana, Bo\r', 'Ana refunded the charge on the spot.\r', 'y\r', 'The customer had been charged twice.\r', 'Money back the same day\r', 'Mrs Diaz\r', 'n\r'];
      // Channel: (skip) → phone → email; trigger: recovery; tags: empathy picked, two typed at the same list.
      answers.push(KEY.down + KEY.down + KEY.enter, KEY.down + KEY.enter, KEY.down + KEY.down + KEY.space + 'refund, #Same Day' + KEY.enter);
      const saved = await empty.run(['story', 'add'], { ...terminal, answers });
      expect(saved.code, saved.stderr).toBe(0);
      expect(saved.stderr).toMatch(/^Saved story #1 · Ana, Bo · today · #empathy #refund #same-day\n/);
      expect(await empty.json<StoryJson>(['story', 'show', '1'])).toMatchObject({
        text: 'The customer had been charged twice. Ana refunded the charge on the spot.',
        impact: 'Money back the same day',
        staff: ['Ana', 'Bo'],
        customer: 'Mrs Diaz',
        channel: 'email',
        trigger: 'recovery',
        tags: ['empathy', 'refund', 'same-day'],
      });
    } finally {
      empty.cleanup();
    }
  });
});

describe('people and tags', () => {
  it('lists people with counts and their latest story', async () => {
    expect(await svc.json(['people'])).toEqual([
      expect.objectContaining({ name: 'Ana', stories: 2, lastStoryOn: '2026-03-10', active: true }),
      expect.objectContaining({ name: 'Bo', stories: 2, lastStoryOn: '2026-03-10' }),
    ]);
  });

  it('keeps empty trailing columns in tab-separated output', async () => {
    await add('Cy greeted everyone by name', '--staff', 'Cy', '--by', 'Eve');
    const lines = (await svc.run(['people'])).stdout.split('\n');
    expect(lines).toContain('Eve\t\t0\t');
  });

  it('lists tags most used first, the default taxonomy included', async () => {
    const tags = await svc.json<Array<{ name: string; stories: number; builtin: boolean }>>(['tags']);
    expect(tags[0]).toMatchObject({ name: 'refund', stories: 2, builtin: false });
    expect(tags.filter((t) => t.builtin).map((t) => t.name)).toEqual(
      expect.arrayContaining(['positive-demeanor', 'clear-head', 'listening', 'empathy', 'reliability', 'assurance', 'tangibles', 'responsiveness']),
    );
  });
});

describe('text is stored and shown exactly', () => {
  it('keeps quotes, emoji, SQL fragments and non-Latin scripts', async () => {
    const text = `O'Brien said "merci" 🙏; DROP TABLE stories;-- Ζωή 東京 مرحبا`;
    const id = await add(text, '--staff', 'Zoë 张', '--customer', 'Ñandú Ltd.');
    const story = await svc.json<StoryJson & { customer: string }>(['story', 'show', String(id)]);
    expect(story.text).toBe(text);
    expect(story.staff).toEqual(['Zoë 张']);
    expect(story.customer).toBe('Ñandú Ltd.');
    expect((await svc.run(['story', 'show', String(id)])).stdout).toContain(text);
    expect((await svc.json<StoryJson[]>(['search', '東京'])).map((s) => s.id)).toEqual([id]);
  });

  it('never replays terminal escape sequences from stored text', async () => {
    const id = await add('Ana fixed it \u001b[31mRED\u001b[0m \u0007 bell \u0002marks\u0003', '--staff', 'Ana');
    for (const args of [['story', 'show', String(id)], ['stories'], ['search', 'fixed']]) {
      const out = (await svc.run(args)).stdout;
      expect(out).not.toContain('\u001b');
      expect(out).not.toMatch(/[\u0002\u0003\u0007]/);
      expect(out).toContain('\\x1b[31mRED');
    }
    expect((await svc.json<StoryJson>(['story', 'show', String(id)])).text).toBe('Ana fixed it \u001b[31mRED\u001b[0m \u0007 bell \u0002marks\u0003');
  });
});

describe('a name svc has not seen before', () => {
  it('says a new person was made, naming the close name that may have been meant, and stores the story', async () => {
    const sandbox = inProcessSandbox();
    try {
      const first = await sandbox.run(['story', 'add', 'Ana fixed the printer', '--staff', 'Ana']);
      expect(first.code).toBe(0);
      // The team's first story: nobody yet whose name could have been meant.
      expect(first.stderr).not.toContain('new person');
      const typo = await sandbox.run(['story', 'add', 'Anna cleared the paper jam', '--staff', 'Anna']);
      expect(typo.code).toBe(0);
      expect(typo.stderr).toContain('new person: Anna; did you mean "Ana"? If so: svc people merge "Anna" "Ana"\n');
      const newcomer = await sandbox.run(['story', 'add', 'Bo walked her to the lift', '--staff', 'Bo,ana']);
      expect(newcomer.code).toBe(0);
      expect(newcomer.stderr).toContain('new person: Bo (check the spelling: svc people)\n');
      expect(newcomer.stderr).not.toContain('new person: ana');
      // Two letters apart from nobody's beginning: another person, not a typo.
      const other = await sandbox.run(['story', 'add', 'Jo found the lost booking', '--staff', 'Jo']);
      expect(other.stderr).toContain('new person: Jo (check the spelling: svc people)\n');
      const part = await sandbox.run(['story', 'add', 'An rang back', '--staff', 'an']);
      expect(part.stderr).toContain('new person: an; did you mean "Ana"?');
      expect(queryDb(sandbox.db, 'SELECT name FROM people ORDER BY id')).toEqual([{ name: 'Ana' }, { name: 'Anna' }, { name: 'Bo' }, { name: 'Jo' }, { name: 'an' }]);
    } finally {
      sandbox.cleanup();
    }
  });
});
