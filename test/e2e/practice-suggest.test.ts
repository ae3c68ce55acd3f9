import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb } from '../helpers/cli.ts';
import { itOnSqlite } from '../helpers/engine.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { answerStoryDetail, KEY, Terminal } from '../helpers/terminal.ts';

// A small team's stories: three about checking allergies with the kitchen, three about
// warning guests ahead of disruption, and others. Ids follow this order, from 1.
const STORIES: Array<[string, string]> = [
  ['Zainab went through every part of the breakfast plate with the cooks so nothing had butter or egg on it for the vegan guest.', 'Zainab'],
  ['Mateus double checked the shellfish with the kitchen for Mr Park even though the menu said the risotto was fine.', 'Mateus'],
  ['Sofia told every guest checking in on Friday that the parade would close the main road, and which entrance taxis could use.', 'Sofia'],
  ['Bogdan told the guest in 702 the evening before that the window cleaners would be outside at 8am.', 'Bogdan'],
  ['When Mrs Cohen mentioned a nut allergy, Luca went into the kitchen himself to check the pesto and the dessert with chef before taking the order.', 'Luca'],
  ['Olumide warned the Costas before they set off that the metro line to the old town was shut for works this week.', 'Olumide'],
  ['Teresa folded the bath towels into a little rabbit family for the kids on their last night.', 'Teresa'],
  ['Rahul fixed the wobbly desk lamp in 210 with a folded card.', 'Rahul'],
];

function evidence(db: string, practice: string): Array<{ storyId: number; how: string }> {
  return queryDb(db, 'SELECT e.story_id AS storyId, e.how FROM evidence e JOIN practices p ON p.id = e.practice_id WHERE p.name = ? ORDER BY e.story_id', practice) as Array<{
    storyId: number;
    how: string;
  }>;
}

interface StorySuggestionsJson {
  practice: { id: number; name: string };
  suggestions: Array<{ storyId: number; score: number; text: string; reason: { nearestStoryId: number | null; similarity: number; words: string[]; qualifiers: string[] } }>;
}

interface PracticeSuggestionsJson {
  storyId: number;
  evidenceOf: Array<{ practiceId: number; name: string }>;
  suggestions: Array<{ practiceId: number; name: string; score: number }>;
}

let svc: InProcessSandbox;
beforeAll(async () => {
  svc = inProcessSandbox();
  for (const [text, staff] of STORIES) expect((await svc.run(['story', 'add', text, '--staff', staff, '--when', '2026-03-10'])).code).toBe(0);
  expect((await svc.run(['practice', 'add', 'Check allergies with the kitchen', '--from-stories', '1,2'])).code).toBe(0);
  expect((await svc.run(['practice', 'add', 'Warn guests ahead of disruption', '--from-stories', '3, 4'])).code).toBe(0);
});
afterAll(() => svc.cleanup());

/** Nimmi's allergy check, typed at the guided story add: both steps, result and customer left empty. */
async function tellAllergyStory(term: Terminal): Promise<void> {
  await answerStoryDetail(term, { did: 'Nimmi checked every dish on the room service order with the chef before it went up.', ledUp: 'A guest rang down about a gluten allergy.', resulted: '' });
  await term.answer('For whom?', '');
}

describe('more like this', () => {
  it('practice add --from-stories links the examples by hand', async () => {
    expect(evidence(svc.db, 'Check allergies with the kitchen')).toEqual([
      { storyId: 1, how: 'manual' },
      { storyId: 2, how: 'manual' },
    ]);
  });

  it('practice suggest NAME ranks the stories that show it first, with the reason, leaving its evidence out', async () => {
    const out = await svc.json<StorySuggestionsJson>(['practice', 'suggest', 'Check allergies with the kitchen']);
    expect(out.practice.name).toBe('Check allergies with the kitchen');
    const ids = out.suggestions.map((s) => s.storyId);
    expect(ids[0]).toBe(5);
    expect(ids).not.toContain(1);
    expect(ids).not.toContain(2);
    expect(ids).toHaveLength(STORIES.length - 2);
    const first = out.suggestions[0];
    expect(first?.reason.nearestStoryId).toBeOneOf([1, 2]);
    expect(first?.reason.words).toContain('kitchen');
    expect(first?.text).toContain('nut allergy');
    const scores = out.suggestions.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('shows the same ranking as text, with --limit', async () => {
    const result = await svc.run(['practice', 'suggest', 'Warn guests ahead of disruption', '--limit', '2']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Stories likely to show "Warn guests ahead of disruption", likeliest first:');
    expect(lines[1]).toMatch(/^ {2}#6 +Olumide warned the Costas/);
    expect(lines[2]).toMatch(/like #[34] \(0\.\d\d\)/);
    expect(lines).toHaveLength(5);
    expect(result.stderr).toContain('--review');
  });

  it('practice suggest --story ranks the practices a saved story likely shows', async () => {
    const out = await svc.json<PracticeSuggestionsJson>(['practice', 'suggest', '--story', '6']);
    expect(out.storyId).toBe(6);
    expect(out.suggestions.map((s) => s.name)).toEqual(['Warn guests ahead of disruption', 'Check allergies with the kitchen']);
    expect(out.evidenceOf).toEqual([]);
    const linked = await svc.json<PracticeSuggestionsJson>(['practice', 'suggest', '--story', '1']);
    expect(linked.evidenceOf.map((p) => p.name)).toEqual(['Check allergies with the kitchen']);
    expect(linked.suggestions.map((s) => s.name)).toEqual(['Warn guests ahead of disruption']);
  });

  it('embeds each story once, as 512 bytes', async () => {
    const rows = queryDb(svc.db, 'SELECT story_id, length(vector) AS bytes FROM story_vectors ORDER BY story_id') as Array<{ story_id: number; bytes: number }>;
    expect(rows.map((r) => r.story_id)).toEqual(STORIES.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.bytes))).toEqual(new Set([512]));
  });
});

describe('story add --practice', () => {
  it('links the new story to each practice named, by hand, and loads no encoder', async () => {
    const result = await svc.run([
      'story', 'add', 'Anneke confirmed the sesame allergy with the chef on the phone.', '--staff', 'Anneke',
      '--practice', 'check allergies with the kitchen', '--practice', 'Warn guests ahead of disruption',
    ]);
    expect(result.code).toBe(0);
    const id = Number(result.stdout.trim());
    expect(result.stderr).toContain('Linked it to "Check allergies with the kitchen", "Warn guests ahead of disruption" by hand.');
    expect(evidence(svc.db, 'Check allergies with the kitchen')).toContainEqual({ storyId: id, how: 'manual' });
    expect(evidence(svc.db, 'Warn guests ahead of disruption')).toContainEqual({ storyId: id, how: 'manual' });
    expect(queryDb(svc.db, 'SELECT count(*) AS n FROM story_vectors WHERE story_id = ?', id)).toEqual([{ n: 0 }]);
  });
});

describe('bad input is refused clearly and changes nothing', () => {
  it.each([
    ['neither a practice nor --story', ['practice', 'suggest'], 2, /either a practice NAME or --story ID/],
    ['both a practice and --story', ['practice', 'suggest', 'Warn guests ahead of disruption', '--story', '3'], 2, /either a practice NAME or --story ID/],
    ['--review with no terminal', ['practice', 'suggest', 'Warn guests ahead of disruption', '--review'], 2, /needs a terminal/],
    ['--review for a story', ['practice', 'suggest', '--story', '3', '--review'], 2, /one practice: give its NAME/],
    ['an unknown practice', ['practice', 'suggest', 'Fold napkins'], 3, /there is no practice "Fold napkins"/],
    ['a missing story', ['practice', 'suggest', '--story', '999'], 3, /story #999 does not exist/],
    ['a bad story id', ['practice', 'suggest', '--story', 'abc'], 2, /"abc" is not a story id/],
    ['a bad --limit', ['practice', 'suggest', 'Warn guests ahead of disruption', '--limit', '0'], 2, /--limit/],
    ['three example stories', ['practice', 'add', 'Fold towels', '--from-stories', '7,8,1'], 2, /one or two story ids, not 3/],
    ['a missing example story', ['practice', 'add', 'Fold towels', '--from-stories', '7,404'], 3, /story #404 does not exist/],
    ['story add --practice with an unknown practice', ['story', 'add', 'Bo fixed it', '--staff', 'Bo', '--practice', 'Nope'], 3, /there is no practice "Nope"/],
  ])('%s', async (_label, args, code, pattern) => {
    const before = svc.snapshot();
    const result = await svc.run(args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, pattern);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('in a terminal', () => {
  it('--review confirms with y and rejects with n, one key each and no Enter; a rejected story is not suggested again', async () => {
    const own = inProcessSandbox();
    try {
      for (const [text, staff] of STORIES) await own.run(['story', 'add', text, '--staff', staff, '--when', '2026-03-10']);
      await own.run(['practice', 'add', 'Check allergies with the kitchen', '--from-stories', '1,2']);
      const term = new Terminal(['practice', 'suggest', 'Check allergies with the kitchen', '--review', '--limit', '2'], own.db);
      await term.waitFor('Does story #5 show it? (y yes · n no · s skip · q stop)');
      // A key that means nothing says which keys do, and answers nothing.
      await term.type('x');
      await term.waitFor('press y, n, s, q');
      await term.type('y');
      await term.waitFor('yes, it shows the practice: linked');
      const next = /Does story #(?!5\b)(\d+) show it\?/;
      await term.waitFor(next);
      const second = Number(next.exec(term.screen)?.[1]);
      await term.type('n');
      expect(await term.exitCode()).toBe(0);
      expect(term.screen).toContain('Confirmed 1, rejected 1');
      expect(evidence(own.db, 'Check allergies with the kitchen')).toEqual([
        { storyId: 1, how: 'manual' },
        { storyId: 2, how: 'manual' },
        { storyId: 5, how: 'manual' },
      ]);
      const after = await own.json<StorySuggestionsJson>(['practice', 'suggest', 'Check allergies with the kitchen']);
      expect(after.suggestions.map((s) => s.storyId)).not.toContain(second);
      expect(after.suggestions.map((s) => s.storyId)).not.toContain(5);
    } finally {
      own.cleanup();
    }
  });

  it('--review keeps the answers given when Ctrl-C ends it, and says how many', async () => {
    const own = inProcessSandbox();
    try {
      for (const [text, staff] of STORIES) await own.run(['story', 'add', text, '--staff', staff, '--when', '2026-03-10']);
      await own.run(['practice', 'add', 'Check allergies with the kitchen', '--from-stories', '1,2']);
      await own.run(['practice', 'suggest', 'Check allergies with the kitchen']); // embeds the stories first
      const file = join(own.dir, 'stderr.txt');
      const term = new Terminal(['practice', 'suggest', 'Check allergies with the kitchen', '--review', '--limit', '2'], own.db, {}, undefined, { stderrFile: file });
      await term.waitFor('Does story #5 show it?');
      await term.type('y');
      await term.waitFor(/Does story #(?!5\b)\d+ show it\?/);
      await term.type(KEY.ctrlC);
      expect(await term.exitCode()).toBe(130);
      expect(readFileSync(file, 'utf8')).toMatch(/\nsvc: cancelled: 1 answer saved \(1 confirmed, 0 rejected\); the rest left for next time\n$/u);
      expect(readFileSync(file, 'utf8')).not.toContain('nothing was saved');
      expect(evidence(own.db, 'Check allergies with the kitchen').map((e) => e.storyId)).toEqual([1, 2, 5]);
    } finally {
      own.cleanup();
    }
  });

  it('the guided story add suggests the likeliest practice and links it with one key', async () => {
    const own = inProcessSandbox();
    try {
      for (const [text, staff] of STORIES) await own.run(['story', 'add', text, '--staff', staff, '--when', '2026-03-10']);
      await own.run(['practice', 'add', 'Check allergies with the kitchen', '--from-stories', '1,2']);
      await own.run(['practice', 'add', 'Warn guests ahead of disruption', '--from-stories', '3,4']);
      const term = new Terminal(['story', 'add', '--staff', 'Nimmi', '--channel', 'phone', '--trigger', 'request', '--tag', 'x'], own.db);
      await tellAllergyStory(term);
      await term.waitFor(/Which practice does it show\?[\s\S]*none of these/);
      const menu = term.screen.slice(term.screen.lastIndexOf('Which practice does it show?'));
      expect(menu.indexOf('Check allergies with the kitchen')).toBeLessThan(menu.indexOf('Warn guests ahead of disruption'));
      await term.type(KEY.enter);
      expect(await term.exitCode()).toBe(0);
      expect(term.screen).toContain('Linked it to "Check allergies with the kitchen" by hand.');
      expect(evidence(own.db, 'Check allergies with the kitchen').map((e) => e.storyId)).toEqual([1, 2, 9]);
      // The vector made for the suggestion is kept: the story is not embedded again.
      expect(queryDb(own.db, 'SELECT length(vector) AS bytes FROM story_vectors WHERE story_id = 9')).toEqual([{ bytes: 512 }]);
    } finally {
      own.cleanup();
    }
  });

  it('the guided story add saves the story at Enter on "More detail?" before it asks which practice; Ctrl-C there keeps it, unlinked, and exits 0', async () => {
    const own = inProcessSandbox();
    try {
      for (const [text, staff] of STORIES) await own.run(['story', 'add', text, '--staff', staff, '--when', '2026-03-10']);
      await own.run(['practice', 'add', 'Check allergies with the kitchen', '--from-stories', '1,2']);
      const term = new Terminal(['story', 'add', '--staff', 'Nimmi'], own.db);
      await term.answer('What exactly did they do?', 'Nimmi checked every dish on the room service order with the chef before it went up.');
      await term.answer('More detail?', '');
      await term.waitFor(/Which practice does it show\?[\s\S]*none of these/);
      expect(term.screen.indexOf('Saved story #9')).toBeGreaterThan(-1);
      expect(term.screen.indexOf('Saved story #9')).toBeLessThan(term.screen.indexOf('Which practice does it show?'));
      await term.type(KEY.ctrlC);
      // The story is saved: the command did what it is for, as a script checking $? expects.
      expect(await term.exitCode()).toBe(0);
      expect(term.screen).toContain('Story #9 is saved, linked to no practice (later: svc practice suggest --story 9)');
      expect(term.screen).not.toContain('svc: cancelled');
      expect(queryDb(own.db, 'SELECT text FROM stories WHERE id = 9')).toEqual([{ text: 'Nimmi checked every dish on the room service order with the chef before it went up.' }]);
      expect(evidence(own.db, 'Check allergies with the kitchen').map((e) => e.storyId)).toEqual([1, 2]);
      expect(queryDb(own.db, 'SELECT length(vector) AS bytes FROM story_vectors WHERE story_id = 9')).toEqual([{ bytes: 512 }]);
    } finally {
      own.cleanup();
    }
  });

  // PostgreSQL locks rows, not the database: another svc's writing never stops the embedding there.
  itOnSqlite('another writer locks the whole database')('the guided story add, with another svc writing, suggests from the stories embedded so far and says so', async () => {
    const own = inProcessSandbox();
    const writer = new Database(own.db);
    try {
      for (const [text, staff] of STORIES.slice(0, 6)) await own.run(['story', 'add', text, '--staff', staff, '--when', '2026-03-10']);
      await own.run(['practice', 'add', 'Check allergies with the kitchen', '--from-stories', '1,2']);
      await own.run(['practice', 'add', 'Warn guests ahead of disruption', '--from-stories', '3,4']);
      await own.run(['practice', 'suggest', '--story', '1']); // embeds stories 1-6
      for (const [text, staff] of STORIES.slice(6)) await own.run(['story', 'add', text, '--staff', staff, '--when', '2026-03-10']);
      // Another writer holds the database while the person types: stories 7 and 8 cannot be embedded.
      writer.exec('BEGIN IMMEDIATE');
      const term = new Terminal(['story', 'add', '--staff', 'Nimmi', '--channel', 'phone', '--trigger', 'request', '--tag', 'x'], own.db);
      await tellAllergyStory(term);
      await term.waitFor('Suggested from the stories embedded so far: another svc is writing');
      // The story is saved before the practice question: once the other writer is done.
      writer.exec('ROLLBACK');
      await term.waitFor(/Saved story #9[\s\S]*Which practice does it show\?[\s\S]*none of these/);
      await term.type(KEY.enter);
      expect(await term.exitCode()).toBe(0);
      expect(term.screen).toContain('Linked it to "Check allergies with the kitchen" by hand.');
      expect(evidence(own.db, 'Check allergies with the kitchen').map((e) => e.storyId)).toEqual([1, 2, 9]);
    } finally {
      writer.close();
      own.cleanup();
    }
  });

  itOnSqlite('another writer locks the whole database')('the guided story add says why there are no suggestions when no story could be embedded', async () => {
    const own = inProcessSandbox();
    const writer = new Database(own.db);
    try {
      for (const [text, staff] of STORIES.slice(0, 4)) await own.run(['story', 'add', text, '--staff', staff, '--when', '2026-03-10']);
      await own.run(['practice', 'add', 'Check allergies with the kitchen', '--from-stories', '1,2']);
      writer.exec('BEGIN IMMEDIATE');
      const term = new Terminal(['story', 'add', '--staff', 'Nimmi', '--channel', 'phone', '--trigger', 'request', '--tag', 'x'], own.db);
      await tellAllergyStory(term);
      await term.waitFor('No practice suggestions this time: another svc is writing to the database');
      writer.exec('ROLLBACK');
      expect(await term.exitCode()).toBe(0);
      expect(term.screen).not.toContain('Which practice does it show?');
      expect(term.screen).toContain('Saved story #5');
      expect(evidence(own.db, 'Check allergies with the kitchen').map((e) => e.storyId)).toEqual([1, 2]);
    } finally {
      writer.close();
      own.cleanup();
    }
  });
});

describe('suggestions after stories added since the last indexing', () => {
  it('counts a story its phrase matches as evidence, not as a suggestion, from the first command after it', async () => {
    const box = inProcessSandbox();
    try {
      const add = async (text: string, staff: string) => expect((await box.run(['story', 'add', text, '--staff', staff])).code).toBe(0);
      await add('Ana called Mr Lee back the next day to check the VPN.', 'Ana');
      await add('Bo rang Gwen back to check her printer.', 'Bo');
      expect((await box.run(['practice', 'add', 'Call back', '--phrase', 'called back'])).code).toBe(0);
      expect((await box.run(['practice', 'add', 'Go and see', '--from-stories', '1'])).code).toBe(0);
      await add('Cy rang Tom back to check the scanner still worked.', 'Cy');
      const byPractice = await box.json<StorySuggestionsJson>(['practice', 'suggest', 'call back', '--json']);
      expect(byPractice.suggestions.map((s) => s.storyId)).not.toContain(3);
      const byStory = await box.json<PracticeSuggestionsJson>(['practice', 'suggest', '--story', '3', '--json']);
      expect(byStory.evidenceOf.map((p) => p.name)).toEqual(['Call back']);
      expect(evidence(box.db, 'Call back').map((e) => e.storyId)).toEqual([1, 2, 3]);
    } finally {
      box.cleanup();
    }
  });
});

describe('praise that names no behaviour', () => {
  it('is never suggested as a practice\'s evidence, and naming or asking from it says it rests on little', async () => {
    const box = inProcessSandbox();
    try {
      for (const [text, staff] of STORIES) expect((await box.run(['story', 'add', text, '--staff', staff])).code).toBe(0);
      // 9 and 10: praise alone.
      for (const text of ['Great service from the front desk as always, thanks Sofia!', 'Bogdan was lovely, a real star.'])
        expect((await box.run(['story', 'add', text, '--staff', text.startsWith('Great') ? 'Sofia' : 'Bogdan'])).code).toBe(0);
      const named = await box.run(['practice', 'add', 'Be a star', '--from-stories', '10']);
      expect(named.code).toBe(0);
      expect(named.stderr).toContain('story #10 does not say what exactly was done: suggestions from it rest on little');
      const suggested = await box.json<StorySuggestionsJson>(['practice', 'suggest', 'be a star', '--json', '--limit', '9']);
      expect(suggested.suggestions.map((s) => s.storyId)).not.toContain(9);
      const asked = await box.run(['practice', 'suggest', '--story', '9']);
      expect(asked.code).toBe(0);
      expect(asked.stderr).toContain('story #9 does not say what exactly was done');
    } finally {
      box.cleanup();
    }
  });
});
