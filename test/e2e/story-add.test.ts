import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Story } from '../../src/core/story.ts';
import { testEngine } from '../helpers/engine.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

/** The JSON a story prints is the core Story shape. */
type StoryJson = Story;

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

describe('svc story add', () => {
  it('saves a story from flags and prints its id', async () => {
    const result = await svc.run(['story', 'add', 'Ana called the customer back within the hour', '--staff', 'Ana', '--tag', 'follow-up']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('1\n');
    expect(result.stderr).toContain('Saved story #1');
    const story = await svc.json<StoryJson>(['story', 'show', '1']);
    expect(story).toMatchObject({ id: 1, text: 'Ana called the customer back within the hour', staff: ['Ana'], tags: ['follow-up'] });
    expect(story.occurredOn).toBe('2026-03-18');
  });

  it('takes every field, repeatable and comma-separated staff, and inline #tags', async () => {
    const story = await svc.json<StoryJson>([
      'story', 'add', 'Bo stayed late to help Finance close the month #teamwork',
      '--staff', 'Bo, Cy', '--staff', 'dee', '--customer', 'Finance team', '--internal',
      '--channel', 'in-person', '--tag', 'Going Extra', '--when', 'yesterday', '--title', 'Month end',
      '--impact', 'closed on time', '--source', 'observed', '--trigger', 'request', '--by', 'Eve',
    ]);
    expect(story).toMatchObject({
      staff: ['Bo', 'Cy', 'dee'],
      customer: 'Finance team',
      customerKind: 'internal',
      channel: 'in-person',
      tags: ['going-extra', 'teamwork'],
      occurredOn: '2026-03-17',
      title: 'Month end',
      impact: 'closed on time',
      source: 'observed',
      trigger: 'request',
      reportedBy: 'Eve',
    });
  });

  it('reads the text from stdin when none is given', async () => {
    const result = await svc.run(['story', 'add', '--staff', 'Cy'], { input: 'Cy remembered the customer\'s name\n' });
    expect(result.code).toBe(0);
    expect((await svc.json<StoryJson>(['story', 'show', '1'])).text).toBe("Cy remembered the customer's name");
  });

  it('refuses a missing text without a terminal, naming TEXT, and stores nothing', async () => {
    const before = svc.snapshot();
    const result = await svc.run(['story', 'add', '--staff', 'Cy']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^svc: .*TEXT/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(svc.snapshot()).toBe(before);
    // On SQLite not even the file is made; a PostgreSQL database is there before svc runs.
    if (testEngine === 'sqlite') expect(before).toBe('absent');
  });
});
