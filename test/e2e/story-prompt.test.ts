import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryDb, sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { answerStoryDetail, KEY, Terminal } from '../helpers/terminal.ts';

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
});
afterEach(() => svc.cleanup());

describe('svc story add in a terminal', () => {
  it('asks who and what they did, then the rest when asked for more detail, and saves the story', async () => {
    const term = new Terminal(['story', 'add'], svc.db);
    await term.answer('Who delivered it?', 'Ana, Bo');
    await answerStoryDetail(term, { did: 'Ana called the bank and refunded the charge on the spot.', ledUp: 'The customer had been charged twice.', resulted: 'Money back the same day' });
    await term.answer('For whom?', 'Mrs Diaz');
    await term.answer('colleague', 'n');
    await term.waitFor('Channel?');
    await term.type(KEY.down + KEY.down); // (skip) → phone → email
    await term.type(KEY.enter);
    await term.waitFor('What did it respond to?');
    await term.type(KEY.down + KEY.enter); // recovery
    await term.waitFor('Tags?');
    await term.type(KEY.down + KEY.down + KEY.space); // the default taxonomy: empathy
    await term.answer('Tags?', 'refund, #Same Day'); // new tags, typed at the same list
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Saved story #1');

    const story = svc.json<Record<string, unknown>>(['story', 'show', '1']);
    expect(story).toMatchObject({
      text: 'The customer had been charged twice. Ana called the bank and refunded the charge on the spot.',
      impact: 'Money back the same day',
      staff: ['Ana', 'Bo'],
      customer: 'Mrs Diaz',
      customerKind: 'external',
      channel: 'email',
      trigger: 'recovery',
      tags: ['empathy', 'refund', 'same-day'],
    });
  });

  it('keeps a new tag typed at the tags list, and a space in it once typing has begun', async () => {
    const term = new Terminal(['story', 'add', '--staff', 'Ana', '--channel', 'phone', '--trigger', 'request'], svc.db);
    await answerStoryDetail(term, { did: 'Ana rang the customer back the same afternoon.', ledUp: '', resulted: '' });
    await term.answer('For whom?', '');
    await term.waitFor('Tags? (space picks; type new ones, comma-separated; enter when done)');
    await term.type('call back');
    await term.waitFor('new: call back');
    await term.type(KEY.enter);
    expect(await term.exitCode()).toBe(0);
    expect(svc.json<{ tags: string[] }>(['story', 'show', '1']).tags).toEqual(['call-back']);
  });

  it('saves who and what they did in two answers, asking nothing more unless told to', async () => {
    const term = new Terminal(['story', 'add'], svc.db);
    await term.answer('Who delivered it?', 'Cy');
    await term.answer('What exactly did they do?', 'Cy walked the customer to the right desk and introduced him.');
    await term.answer('More detail?', '');
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Saved story #1');
    for (const question of ['What led up to it?', 'What resulted', 'For whom?', 'Channel?', 'Tags?']) expect(term.screen).not.toContain(question);
    expect(svc.json<Record<string, unknown>>(['story', 'show', '1'])).toMatchObject({
      text: 'Cy walked the customer to the right desk and introduced him.',
      staff: ['Cy'],
      impact: null,
      channel: null,
      tags: [],
    });
  });

  it('never asks what they did a second time, and joins the answers as sentences', async () => {
    const term = new Terminal(['story', 'add', '--staff', 'Ana', '--channel', 'phone', '--trigger', 'request', '--tag', 'thanks', '--customer', 'Mr Roy'], svc.db);
    await answerStoryDetail(term, { did: 'Ana was lovely', ledUp: 'Mr Roy rang about his bill', resulted: '' });
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).not.toContain('It does not say what exactly was done');
    expect(svc.json<{ text: string }>(['story', 'show', '1']).text).toBe('Mr Roy rang about his bill. Ana was lovely.');
  });

  it('saves nothing and exits 130 on Ctrl-C', async () => {
    svc.run(['init']);
    const before = svc.snapshot();
    const term = new Terminal(['story', 'add', '--staff', 'Ana'], svc.db);
    await term.waitFor('What exactly did they do?');
    await term.type('Something');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('a customer name two customers have, in a terminal', () => {
  it('asks which one, and links the story to the one chosen, with no note after', async () => {
    const csv = join(svc.dir, 'namesakes.csv');
    writeFileSync(csv, 'name,email,segment\nAna Lima,a@one.org,retail\nAna Lima,b@two.org,wholesale\n');
    expect(svc.run(['customers', 'import', csv]).code).toBe(0);
    const term = new Terminal(['story', 'add', 'Bo rang her back within the hour with the refund confirmed', '--staff', 'Bo', '--customer', 'Ana Lima'], svc.db);
    await term.waitFor('Which "Ana Lima"? More than one customer has that name');
    expect(term.screen).toContain('#1 Ana Lima · retail · 0 stories');
    expect(term.screen).toContain('#2 Ana Lima · wholesale · 0 stories');
    await term.type(KEY.down + KEY.enter);
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Saved story #1');
    expect(term.screen).not.toContain('note: 2 customers');
    expect(queryDb(svc.db, 'SELECT customer_id FROM stories')).toEqual([{ customer_id: 2 }]);
  });
});
