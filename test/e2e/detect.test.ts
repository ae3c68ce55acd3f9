import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_BACK_AND_EXPLAIN, queryDb } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

const query = (text: string): unknown[] => queryDb(svc.db, text);

async function addStories(): Promise<void> {
  for (const [text, staff] of CALL_BACK_AND_EXPLAIN) expect((await svc.run(['story', 'add', text, '--staff', staff])).code).toBe(0);
}

interface DetectJson {
  candidates: Array<{ rank: number; name: string; phrases: string[]; stories: number; people: number; starDependent: boolean; concrete: boolean; examples: Array<{ snippet: string; highlights: Array<{ start: number; end: number }> }> }>;
  alreadyPractices: number;
  rejected: number;
  leftOut: Array<{ key: string; practice: string | null; reason: 'matcher' | 'decided' | 'rejected' }>;
  serviceSteps: unknown[];
  qualities: Array<{ attribute: string; stories: number }>;
}

describe('svc detect', () => {
  it('lists the practices several people show, with examples and qualities', async () => {
    await addStories();
    const result = await svc.run(['detect']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1. call back · same day / within the hour\n   3 stories · 3 people · star share 33%');
    expect(result.stdout).toContain('#1 Ana: Ana [called the customer back] within the hour.');
    expect(result.stdout).toContain('2. explain option');
    expect(result.stdout).toMatch(/positive demeanor\t1\t1\tlovely 1/u);
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stderr).toContain('svc detect --review');
  });

  it('keeps every TSV row of the qualities four fields wide, an attribute known only by its tag too', async () => {
    await addStories();
    expect((await svc.run(['story', 'add', 'Cy answered within a minute', '--staff', 'Cy', '--tag', 'responsiveness'])).code).toBe(0);
    const result = await svc.run(['detect']);
    const table = result.stdout.slice(result.stdout.indexOf('attribute\tstories\tpeople\twords'));
    const rows = table.replace(/\n+$/u, '').split('\n');
    expect(rows).toContain('responsiveness\t1\t1\t');
    for (const row of rows) expect(row.split('\t')).toHaveLength(4);
  });

  it('prints documented JSON', async () => {
    await addStories();
    const json = await svc.json<DetectJson>(['detect', '--min-staff', '3']);
    expect(json.candidates.map((c) => [c.rank, c.name, c.stories, c.people, c.starDependent])).toEqual([
      [1, 'call back', 3, 3, false],
      [2, 'explain option', 3, 3, false],
    ]);
    const example = json.candidates[0]?.examples[0];
    const mark = example?.highlights[0];
    expect(example && mark && example.snippet.slice(mark.start, mark.end)).toBe('called back');
    expect(Array.isArray(json.serviceSteps)).toBe(true);
    expect(json.qualities).toEqual([{ attribute: 'positive demeanor', stories: 1, people: 1, words: [{ word: 'lovely', stories: 1 }] }]);
  });

  it('finds and stores the same whether a worker thread indexes the phrases, as the binary does, or the calling thread', async () => {
    await addStories();
    const inThread = await svc.run(['detect', '--json']);
    const other = inProcessSandbox();
    try {
      for (const [text, staff] of CALL_BACK_AND_EXPLAIN) expect((await other.run(['story', 'add', text, '--staff', staff])).code).toBe(0);
      const inWorker = await other.run(['detect', '--json'], { indexInWorker: true });
      // stderr may say how long indexing took (when over a second): not compared.
      expect([inWorker.code, inWorker.stdout]).toEqual([0, inThread.stdout]);
      const phrases = 'SELECT story_id, kind, key, span_start, span_end FROM story_phrases ORDER BY 1, 2, 3, 4';
      expect(queryDb(other.db, phrases)).toEqual(query(phrases));
      expect(query(phrases).length).toBeGreaterThan(6);
    } finally {
      other.cleanup();
    }
  });

  it('says so when nothing passes the thresholds', async () => {
    await svc.run(['story', 'add', 'Ana called the customer back.', '--staff', 'Ana']);
    const result = await svc.run(['detect']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('none yet with 3+ stories by 2+ people');
  });

  it('refuses bad thresholds and --review without a terminal, changing nothing', async () => {
    await addStories();
    await svc.run(['reindex']);
    const before = svc.snapshot();
    for (const args of [['detect', '--min-stories', '0'], ['detect', '--limit', 'many'], ['detect', '--review'], ['detect', '--review', '--json'], ['detect', '--since', 'someday']]) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^svc: .+\nhint: .+\n$/u);
      expect(svc.snapshot()).toBe(before);
    }
    expect((await svc.run(['detect', '--review'])).stderr).toContain('no terminal');
  });
});

describe('svc reindex', () => {
  it('rebuilds the phrases of every story', async () => {
    await addStories();
    await svc.run(['detect']);
    const json = await svc.json<{ stories: number }>(['reindex']);
    expect(json.stories).toBe(6);
    expect((await svc.run(['reindex'])).stderr).toMatch(/^Reindexed the phrases of 6 stories in \d+\.\d s\.\n$/u);
  });
});

describe('rejected candidates', () => {
  it('are listed, and restored by svc practice unreject', async () => {
    await addStories();
    const term = new Terminal(['detect', '--min-staff', '3'], svc.db);
    await term.waitFor('call back');
    expect(await term.exitCode()).toBe(0);

    const review = new Terminal(['detect', '--review', '--min-staff', '3'], svc.db);
    await review.waitFor('quit: save the decisions so far');
    await review.type(KEY.down + KEY.down); // accept → skip → reject (no practices yet: no merge)
    await review.type(KEY.enter);
    await review.waitFor('explain option');
    await review.waitFor(/explain option[\s\S]*quit: save the decisions so far/u);
    await review.type(KEY.enter); // accept
    await review.answer('Name of the practice:', '');
    await review.answer('Description', 'Walk the customer through every option.');
    expect(await review.exitCode()).toBe(0);
    expect(review.screen).toContain('1 accepted, 0 merged, 1 rejected');
    expect(query('SELECT name, description, status FROM practices')).toEqual([
      { name: 'explain option', description: 'Walk the customer through every option.', status: 'candidate' },
    ]);
    expect(query('SELECT kind, value FROM practice_matchers')).toEqual([{ kind: 'phrase', value: 'explain' }]);
    expect(query('SELECT count(*) AS n FROM evidence')).toEqual([{ n: 3 }]);

    const rejected = await svc.json<Array<{ key: string; label: string }>>(['detect', '--show-rejected']);
    expect(rejected.map((r) => [r.key, r.label])).toEqual([['phrase:call back', 'call back']]);
    const empty = await svc.json<DetectJson>(['detect', '--min-staff', '3']);
    expect(empty).toMatchObject({ candidates: [], alreadyPractices: 1, rejected: 1 });
    expect(empty.leftOut).toEqual([
      { key: 'phrase:explain', practice: 'explain option', reason: 'matcher' },
      { key: 'phrase:call back', practice: null, reason: 'rejected' },
    ]);
    // Not "nothing stands out": what was left out, and why.
    const text = await svc.run(['detect', '--min-staff', '3']);
    expect(text.stdout).toContain(
      'nothing new stands out: of the behaviours with 3+ stories by 3+ people, 1 already belongs to a practice (explain option) and 1 was rejected (svc detect --show-rejected)',
    );
    expect(text.stdout).not.toContain('no shared behaviour stands out yet');

    const before = svc.snapshot();
    const missing = await svc.run(['practice', 'unreject', 'no such thing']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe('svc: no rejected candidate matches "no such thing"\nhint: list them with: svc detect --show-rejected\n');
    expect(svc.snapshot()).toBe(before);

    const restored = await svc.run(['practice', 'unreject', 'Call Back']);
    expect(restored.code).toBe(0);
    expect(restored.stderr).toContain('Restored "call back"');
    expect((await svc.json<DetectJson>(['detect', '--min-staff', '3'])).candidates.map((c) => c.name)).toEqual(['call back']);
  });
});

describe('svc detect --review', () => {
  it('merges a candidate into an existing practice', async () => {
    await addStories();
    const first = new Terminal(['detect', '--review', '--min-staff', '3'], svc.db);
    await first.waitFor('quit: save the decisions so far');
    await first.type(KEY.enter); // accept "call back"
    await first.answer('Name of the practice:', '');
    await first.answer('Description', '');
    await first.waitFor(/explain option[\s\S]*quit: save the decisions so far/u);
    await first.type(KEY.up + KEY.enter); // up from accept wraps round to quit
    expect(await first.exitCode()).toBe(0);
    expect(first.screen).toContain('1 accepted, 0 merged, 0 rejected');

    const second = new Terminal(['detect', '--review', '--min-staff', '3'], svc.db);
    await second.waitFor('merge into an existing practice');
    await second.type(KEY.down + KEY.enter); // merge
    await second.waitFor('Merge into which practice?');
    await second.type(KEY.enter); // the only one: call back
    expect(await second.exitCode()).toBe(0);
    expect(second.screen).toContain('0 accepted, 1 merged, 0 rejected');

    expect(query('SELECT p.name, m.kind, m.value FROM practice_matchers m JOIN practices p ON p.id = m.practice_id ORDER BY m.value')).toEqual([
      { name: 'call back', kind: 'phrase', value: 'call back' },
      { name: 'call back', kind: 'phrase', value: 'explain' },
    ]);
    expect(query('SELECT count(*) AS n FROM evidence')).toEqual([{ n: 6 }]);
    expect((await svc.json<DetectJson>(['detect', '--min-staff', '3'])).candidates).toEqual([]);
  });
});

describe('svc detect --review saves each decision as it is made', () => {
  /** svc detect --review in a terminal, its stderr in a file so the two streams can be told apart. */
  function reviewInTerminal(): { term: Terminal; stderr: () => string } {
    const file = join(svc.dir, 'stderr.txt');
    const term = new Terminal(['detect', '--review', '--min-staff', '3'], svc.db, {}, undefined, { stderrFile: file });
    return { term, stderr: () => readFileSync(file, 'utf8') };
  }

  it('keeps what was accepted when Ctrl-C ends the review, and says so', async () => {
    await addStories();
    await svc.run(['reindex']); // so that stderr holds the review's messages only
    const { term, stderr } = reviewInTerminal();
    await term.waitFor('quit: save the decisions so far');
    await term.type(KEY.enter); // accept "call back"
    await term.answer('Name of the practice:', '');
    await term.answer('Description', 'Ring back within the hour.');
    // A practice accepted in this review is a merge target for the next candidate.
    await term.waitFor(/explain option[\s\S]*merge into an existing practice[\s\S]*quit: save the decisions so far/u);
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(stderr()).toBe('svc: cancelled: 1 decision saved (accepted "call back"); the rest left for next time\n');
    expect(query('SELECT name, description FROM practices')).toEqual([{ name: 'call back', description: 'Ring back within the hour.' }]);
    expect(query('SELECT count(*) AS n FROM evidence')).toEqual([{ n: 3 }]);
    // The rest is left for next time.
    expect((await svc.json<DetectJson>(['detect', '--min-staff', '3'])).candidates.map((c) => c.name)).toEqual(['explain option']);
  });

  it('says nothing was saved when Ctrl-C comes before the first decision', async () => {
    await addStories();
    await svc.run(['reindex']);
    const before = svc.snapshot();
    const { term, stderr } = reviewInTerminal();
    await term.waitFor('quit: save the decisions so far');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(stderr()).toBe('svc: cancelled, nothing was saved\n');
    expect(svc.snapshot()).toBe(before);
  });

  it('merges a later candidate into a practice accepted earlier in the same first review', async () => {
    await addStories();
    const { term, stderr } = reviewInTerminal();
    await term.waitFor('quit: save the decisions so far');
    await term.type(KEY.enter); // accept "call back"
    await term.answer('Name of the practice:', 'Call back the same day');
    await term.answer('Description', '');
    await term.waitFor(/explain option[\s\S]*merge into an existing practice/u);
    await term.type(KEY.down + KEY.enter); // merge
    await term.waitFor('Merge into which practice?');
    await term.type(KEY.enter); // the one just accepted
    expect(await term.exitCode()).toBe(0);
    expect(stderr()).toContain('1 accepted, 1 merged, 0 rejected');
    expect(query('SELECT p.name, m.value FROM practice_matchers m JOIN practices p ON p.id = m.practice_id ORDER BY m.value')).toEqual([
      { name: 'Call back the same day', value: 'call back' },
      { name: 'Call back the same day', value: 'explain' },
    ]);
    expect(query('SELECT count(*) AS n FROM evidence')).toEqual([{ n: 6 }]);
    const empty = await svc.run(['detect', '--min-staff', '3']);
    expect(empty.stdout).toContain('nothing new stands out: of the behaviours with 3+ stories by 3+ people, 2 already belong to practices (Call back the same day)');
  });
});

/** Eight stories of one common action ("check") by four people: a broad candidate. */
const BROAD_PRACTICE = 'Call back next day to check the fix held';
const SEVEN_CHECKS: ReadonlyArray<readonly [string, string]> = [
  ['Ana checked the router lights with the customer.', 'Ana'],
  ['Bo checked the boiler pressure before leaving.', 'Bo'],
  ['Cy checked the meter reading twice.', 'Cy'],
  ['Dee checked the fuse box in the hall.', 'Dee'],
  ['Ana checked the drain outside the kitchen.', 'Ana'],
  ['Bo checked the smoke alarm on the landing.', 'Bo'],
  ['Cy checked the thermostat settings.', 'Cy'],
];

describe('a common action shown for its broad evidence', () => {
  const PRACTICE = BROAD_PRACTICE;
  const CHECKS = [...SEVEN_CHECKS, ['Jenny explained and checked the two-factor setup on her phone.', 'Dee']] as const;

  async function seedChecks(): Promise<void> {
    for (const [text, staff] of CHECKS) expect((await svc.run(['story', 'add', text, '--staff', staff])).code).toBe(0);
    expect((await svc.run(['practice', 'add', PRACTICE, '--from-stories', '1,2'])).code).toBe(0);
    expect((await svc.run(['practice', 'link', PRACTICE, '3', '4', '5', '6', '7'])).code).toBe(0);
  }

  it('is labelled broad, never "≈ a practice", and the review does not preselect merging it', async () => {
    await seedChecks();
    const listed = await svc.run(['detect']);
    expect(listed.stdout).toContain('1. check (broad: a common action in 8 stories, not one concrete behaviour)\n');
    expect(listed.stdout).toContain(`note 7 of 8 stories are already evidence of ${PRACTICE}; the action alone is not that practice`);
    expect(listed.stdout).not.toContain('≈');
    const json = await svc.json<DetectJson>(['detect']);
    expect(json.candidates.map((c) => [c.name, c.concrete])).toEqual([['check', false]]);

    const term = new Terminal(['detect', '--review'], svc.db);
    await term.waitFor('quit: save the decisions so far');
    expect(term.screen).toContain('merge its stories only ("check" alone is a common action, not a matcher)');
    await term.type(KEY.enter); // the default is accept, not merge: it asks for a name
    await term.waitFor('Name of the practice:');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(query('SELECT count(*) AS n FROM practice_matchers')).toEqual([{ n: 0 }]);
  });

  it('merged, brings its stories as evidence but not "check" as a matcher, and says so', async () => {
    await seedChecks();
    const term = new Terminal(['detect', '--review'], svc.db);
    await term.waitFor('quit: save the decisions so far');
    await term.type(KEY.down + KEY.enter); // merge
    await term.waitFor('Merge into which practice?');
    await term.type(KEY.enter);
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain(`Merged its 8 stories into "${PRACTICE}" as evidence, linked by this review; "check" was not added as a matcher`);
    expect(query('SELECT count(*) AS n FROM practice_matchers')).toEqual([{ n: 0 }]);
    expect(query("SELECT story_id AS storyId FROM evidence WHERE how = 'manual' ORDER BY story_id")).toEqual(CHECKS.map((_, i) => ({ storyId: i + 1 })));
    // A later story that checks something else is not its evidence.
    expect((await svc.run(['story', 'add', 'Bo checked the printer queue.', '--staff', 'Bo'])).code).toBe(0);
    await svc.run(['detect']);
    expect(query('SELECT count(*) AS n FROM evidence WHERE story_id = 9')).toEqual([{ n: 0 }]);
  });
});

describe('a broad action decided in review', () => {
  const PRACTICE = BROAD_PRACTICE;
  const CHECKS = [...SEVEN_CHECKS, ['Dee checked the water tank in the loft.', 'Dee']] as const;

  it('is not proposed again once merged, and detect says it was left out and why', async () => {
    for (const [text, staff] of CHECKS) expect((await svc.run(['story', 'add', text, '--staff', staff])).code).toBe(0);
    expect((await svc.run(['practice', 'add', PRACTICE, '--tag', 'fix-held'])).code).toBe(0);
    const review = await svc.run(['detect', '--review'], { tty: true, answers: [KEY.down + KEY.enter, KEY.enter] });
    expect(review.code, review.stderr).toBe(0);
    expect(review.stderr).toContain(`Merged its 8 stories into "${PRACTICE}" as evidence, linked by this review`);
    expect(query('SELECT key, practice_id AS practiceId FROM decided_candidates')).toEqual([{ key: 'phrase:check', practiceId: 1 }]);

    const json = await svc.json<DetectJson>(['detect']);
    expect(json).toMatchObject({ candidates: [], alreadyPractices: 1, rejected: 0 });
    expect(json.leftOut).toEqual([{ key: 'phrase:check', practice: PRACTICE, reason: 'decided' }]);
    const text = await svc.run(['detect']);
    expect(text.stdout).toContain(
      `nothing new stands out: of the behaviours with 3+ stories by 2+ people, 1 broad action's stories were merged in review ("check" ≈ ${PRACTICE})`,
    );
    const before = svc.snapshot();
    const again = await svc.run(['detect', '--review'], { tty: true, answers: [KEY.enter] });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Nothing to review: no candidate passes the thresholds.');
    expect(svc.snapshot()).toBe(before);

    // Stories nobody decided about come back on their own once they pass the thresholds alone.
    for (const [text, staff] of [['Ana checked the printer queue.', 'Ana'], ['Bo checked the parking permit.', 'Bo'], ['Cy checked the delivery address.', 'Cy']]) {
      expect((await svc.run(['story', 'add', text ?? '', '--staff', staff ?? ''])).code).toBe(0);
    }
    const later = await svc.json<DetectJson & { commonActions: Array<{ name: string; stories: number }> }>(['detect']);
    expect(later.commonActions).toEqual([expect.objectContaining({ name: 'check', stories: 3 })]);
    expect(later.leftOut).toEqual([]);
  });
});

describe('vague praise in svc story add', () => {
  it('saves it and prints a one-line hint without a terminal', async () => {
    const vague = await svc.run(['story', 'add', 'The staff were lovely', '--staff', 'Ana']);
    expect(vague.code).toBe(0);
    expect(vague.stderr).toContain('hint: story #1 does not say what exactly was done');
    const concrete = await svc.run(['story', 'add', 'Bo called the customer back', '--staff', 'Bo']);
    expect(concrete.stderr).not.toContain('names no behaviour');
    expect((await svc.json<{ text: string }>(['story', 'show', '1'])).text).toBe('The staff were lovely');
  });

  it('nudges the same vague praise on stdin as with flags', async () => {
    for (const text of ['Great service, thanks!', 'Sofia was so welcoming.', 'Rahul went above and beyond for us.']) {
      const viaStdin = await svc.run(['story', 'add', '--staff', 'Ana'], { input: text });
      expect(viaStdin.code, text).toBe(0);
      expect(viaStdin.stderr, text).toContain('does not say what exactly was done');
    }
    const concrete = await svc.run(['story', 'add', '--staff', 'Bo'], { input: 'Bo texted her the tracking link the same evening.' });
    expect(concrete.stderr).not.toContain('names no behaviour');
  });

  it('asks once in a terminal what exactly they did, and appends the answer', async () => {
    const term = new Terminal(['story', 'add', 'Ana was lovely', '--staff', 'Ana'], svc.db);
    await term.answer('It does not say what exactly was done. What did they do, so others can do it too?', 'She called the customer back the same day.');
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).not.toContain('names no behaviour');
    expect((await svc.json<{ text: string }>(['story', 'show', '1'])).text).toBe('Ana was lovely. She called the customer back the same day.');

    const concrete = new Terminal(['story', 'add', 'Bo explained the bill', '--staff', 'Bo'], svc.db);
    expect(await concrete.exitCode()).toBe(0);
    expect(concrete.screen).not.toContain('It does not say what exactly was done');
  });

  it('tells the guided prompt, which never asks twice, that praise typed as what they did says no deed', async () => {
    const praise = await svc.run(['story', 'add', '--staff', 'Ana'], { tty: true, answers: ['great job\r', '\r'] });
    expect(praise.code, praise.stderr).toBe(0);
    expect(praise.stdout).not.toContain('It does not say what exactly was done');
    expect(praise.stderr).toContain('hint: story #1 does not say what exactly was done; add it (svc story edit 1)');
    expect((await svc.json<{ text: string }>(['story', 'show', '1'])).text).toBe('great job.');

    const deed = await svc.run(['story', 'add', '--staff', 'Bo'], { tty: true, answers: ['Bo called the customer back the same day\r', '\r'] });
    expect(deed.code, deed.stderr).toBe(0);
    expect(deed.stderr).not.toContain('does not say what exactly was done');
  });

  it('asks of a deed done to nothing in particular what was done, without calling it praise', async () => {
    const term = new Terminal(['story', 'add', 'Ana fixed it', '--staff', 'Ana'], svc.db);
    await term.answer('It does not say what exactly was done. What did they do, so others can do it too? (Enter to skip)', 'She reset the customer\'s router and tested the line with him.');
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).not.toMatch(/praise/u);
    expect((await svc.json<{ text: string }>(['story', 'show', '1'])).text).toBe('Ana fixed it. She reset the customer\'s router and tested the line with him.');
  });

  it('nudges "went over and above" as it nudges "above and beyond"', async () => {
    const result = await svc.run(['story', 'add', 'Jenny went over and above for us, brilliant as always.', '--staff', 'Jenny']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('hint: story #1 does not say what exactly was done');
  });
});
