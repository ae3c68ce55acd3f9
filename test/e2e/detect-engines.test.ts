// Detection's figures do not depend on the engine: the same stories give the same
// candidates, in the same order, with the same numbers, on SQLite and on PostgreSQL.
// They are pinned in test/fixtures/detect-figures.json, written from SQLite's output;
// `npm test` runs this file on each engine, so each is held to the same figures.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storySetFiles } from '../eval/story-sets.ts';
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';

const PINNED = JSON.parse(readFileSync(new URL('../fixtures/detect-figures.json', import.meta.url), 'utf8')) as Record<string, unknown>;

// The story sets are dated June to August 2026.
const env = { SVC_NOW: '2026-08-17T10:00:00' };

// A tag four people use, so that tag candidates are counted too.
const TAGGED: Array<[text: string, staff: string]> = [
  ['Ana rang the customer back before lunch as promised.', 'Ana'],
  ['Bo rang back the supplier within the hour.', 'Bo'],
  ['Cy phoned the guest back the same afternoon.', 'Cy'],
  ['Dee returned the call before the shop closed.', 'Dee'],
];

let svc: SvcSandbox;
beforeAll(() => {
  svc = sandbox();
  for (const file of storySetFiles()) expect(svc.run(['story', 'import', file], { env }).code, file).toBe(0);
  for (const [text, staff] of TAGGED) expect(svc.run(['story', 'add', text, '--staff', staff, '--tag', 'callback', '--when', '2026-08-10'], { env }).code).toBe(0);
});
afterAll(() => svc.cleanup());

describe('svc detect on either engine', () => {
  it('finds the pinned candidates over every story, with low thresholds and no limit', () => {
    expect(svc.json(['detect', '--min-stories', '2', '--min-staff', '2', '--limit', '0'], { env })).toEqual(PINNED.everyStory);
  });

  it('finds the pinned candidates since a day, with the default thresholds', () => {
    expect(svc.json(['detect', '--since', '2026-07-15', '--limit', '0'], { env })).toEqual(PINNED.sinceJuly15);
  });

  it('leaves out what a practice already matches, as pinned', () => {
    expect(svc.run(['practice', 'add', 'Go the extra mile', '--phrase', 'go above and beyond', '--tag', 'callback'], { env }).code).toBe(0);
    expect(svc.json(['detect', '--min-stories', '2', '--min-staff', '2', '--limit', '0'], { env })).toEqual(PINNED.withPractice);
  });
});
