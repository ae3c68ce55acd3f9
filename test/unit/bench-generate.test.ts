import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { inlineParams } from '../bench/floor-queries.ts';
import { DAYS, DEFAULT_UNTIL, daysUntil, generate, PEOPLE } from '../bench/generate.ts';
import { shapeOf } from '../bench/store.ts';
import { tempDir } from '../helpers/db.ts';

describe('the benchmark generator', () => {
  const { dir, cleanup } = tempDir('svc-bench-');
  afterAll(cleanup);
  const db = join(dir, 'bench.db');
  const result = generate({ db, stories: 500 });
  const store = openStore(db);
  const shape = shapeOf(store.db);
  store.close();

  it('writes the promised shape: stories, 50 people, 40 tags, two years of dates', () => {
    expect(result.reused).toBe(false);
    expect(shape.stories).toBe(500);
    expect(shape.people).toBe(PEOPLE);
    expect(shape.tags).toBe(40);
    expect(shape.lastDay <= DEFAULT_UNTIL && shape.lastDay >= (daysUntil(DEFAULT_UNTIL, 8)[0] ?? '')).toBe(true);
    expect(shape.firstDay).toBe(daysUntil(DEFAULT_UNTIL, DAYS)[0]);
  });

  it('writes texts of about 90 words', () => {
    expect(shape.avgWords).toBeGreaterThanOrEqual(80);
    expect(shape.avgWords).toBeLessThanOrEqual(100);
  });

  it('adds practices with evidence, trainings with attendees, interviews and meetings', () => {
    expect(shape.practices).toBeGreaterThanOrEqual(5);
    expect(shape.evidence).toBeGreaterThan(100);
    expect(shape.trainings).toBeGreaterThan(0);
    expect(shape.attendees).toBeGreaterThan(shape.trainings);
    expect(shape.interviews).toBeGreaterThan(100);
    expect(shape.meetings).toBeGreaterThan(20);
  });

  it('reuses an identical database and rebuilds a different one', () => {
    expect(generate({ db, stories: 500, reuse: true }).reused).toBe(true);
    expect(generate({ db, stories: 300, reuse: true }).reused).toBe(false);
  });
});

describe('floor queries for the sqlite3 shell', () => {
  it('fills positional and named parameters, leaving quoted text alone', () => {
    expect(inlineParams("SELECT '?' , ? , ?2, :since -- a ? here\n", ['a', "it's"], { since: '2026-01-01' })).toBe(
      "SELECT '?' , 'a' , 'it''s', '2026-01-01' -- a ? here\n",
    );
  });

  it('names a missing parameter', () => {
    expect(() => inlineParams('SELECT ?', [], {})).toThrow(/parameter 1/);
  });
});
