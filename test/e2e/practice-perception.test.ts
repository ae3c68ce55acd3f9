import { afterEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// Perception per practice in `svc practice show`: what the team says of itself, what the
// practice's stories show, and what customers who confirmed it said, with the team's
// figures hidden until a closed round has three answers.

const sandboxes: InProcessSandbox[] = [];
afterEach(() => {
  for (const s of sandboxes.splice(0)) s.cleanup();
});

async function ok(svc: InProcessSandbox, args: string[], env: Record<string, string> = {}) {
  const result = await svc.run(args, { env });
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
}

const LATER = { SVC_NOW: '2026-04-20T10:00:00' };

/** A team whose call-back stories show listening, and a round in which the people named answer "listening". */
async function team(answers: ReadonlyArray<readonly [name: string, score: number]>, options: { close?: boolean } = {}): Promise<InProcessSandbox> {
  const svc = inProcessSandbox();
  sandboxes.push(svc);
  for (const name of ['Ana', 'Bo', 'Cy', 'Dee']) {
    await ok(svc, ['story', 'add', `${name} listened to the whole complaint, then called the customer back the same day`, '--staff', name, '--tag', 'call-back']);
  }
  await ok(svc, ['practice', 'add', 'Call back', '--tag', 'call-back']);
  for (const [name, score] of answers) await ok(svc, ['assess', '--as', name, '--answer', `listening=${score}`, '--answer', `empathy=${score}`]);
  if (options.close !== false && answers.length > 0) await ok(svc, ['assess', 'close']);
  return svc;
}

interface PracticeJson {
  perception: {
    minAnswering: number;
    calls: number;
    attributes: Array<{ attribute: string; rating: number | null; ratedOn: string | null; stories: number; mentions: number }>;
    confirms: Array<{ interviewId: number; heldOn: string; answer: string | null; how: string }>;
  };
  signals: unknown[];
}

/** practice show as text and JSON, uuids left out (they differ between databases by design). */
async function shown(svc: InProcessSandbox, env: Record<string, string> = {}): Promise<{ text: string; json: string }> {
  const text = (await ok(svc, ['practice', 'show', 'Call back'], env)).stdout;
  const json = JSON.stringify(JSON.parse((await ok(svc, ['practice', 'show', 'Call back', '--json'], env)).stdout, (key, value: unknown) => (key === 'uuid' ? undefined : value)));
  return { text, json };
}

describe('svc practice show: the team, its stories and its customers side by side', () => {
  it("shows the team's rating beside the stories that show the attribute and the customers who confirmed the practice", async () => {
    const svc = await team([
      ['Ana', 5],
      ['Bo', 4],
      ['Cy', 4],
    ]);
    const view = await svc.json<PracticeJson>(['practice', 'show', 'Call back']);
    expect(view.perception.minAnswering).toBe(3);
    expect(view.perception.attributes.find((a) => a.attribute === 'listening')).toEqual({ attribute: 'listening', rating: 4.3, ratedOn: '2026-03-18', stories: 4, mentions: 0 });
    expect(view.perception.confirms).toEqual([]);
    expect(view.signals).toEqual([]);
    const text = (await ok(svc, ['practice', 'show', 'Call back'])).stdout;
    expect(text).toContain('How we see it, beside stories and customers');
    expect(text).toMatch(/listening\t4\.3 of 5\t4\t0/);
    expect(text).toContain('Customers: no held call confirms it yet (0 calls held');
    expect(text).not.toContain('Outcome signals');
  });

  it('names the customers who confirmed it, with their words, and counts the attributes those words name', async () => {
    const svc = await team([]);
    const csv = 'name,email\nJo Smith,jo@example.com\nKim Lee,kim@example.com\n';
    expect((await svc.run(['customers', 'import', '-'], { input: csv })).code).toBe(0);
    await ok(svc, ['interview', 'pick', '--count', '2', '--for', 'Ana', '--seed', '1']);
    await ok(svc, ['interview', 'log', '1', '--liked', 'Bo listened and called me back the same day', '--change', 'longer hours']);
    await ok(svc, ['interview', 'log', '2', '--liked', 'the shop is tidy', '--confirms', 'Call back']);
    const view = await svc.json<PracticeJson>(['practice', 'show', 'Call back']);
    expect(view.perception.calls).toBe(2);
    expect(view.perception.confirms).toEqual([
      { interviewId: 2, heldOn: '2026-03-18', answer: 'the shop is tidy', how: 'manual' },
      { interviewId: 1, heldOn: '2026-03-18', answer: 'Bo listened and called me back the same day', how: 'matched' },
    ]);
    expect(view.perception.attributes.find((a) => a.attribute === 'listening')).toMatchObject({ rating: null, stories: 4, mentions: 1 });
    const text = (await ok(svc, ['practice', 'show', 'Call back'])).stdout;
    expect(text).toContain('Customers confirmed it in 2 of 2 calls held:');
    expect(text).toContain('#1 2026-03-18  "Bo listened and called me back the same day"');
    expect(text).toContain('#2 2026-03-18  "the shop is tidy" (linked by hand)');
  });
});

describe("anonymity: one person's answers cannot be read from practice show with fewer than three answering", () => {
  it('two people answered a closed round: the output is the same whatever one of them answered', async () => {
    const low = await shown(await team([['Ana', 1], ['Bo', 4]]));
    const high = await shown(await team([['Ana', 5], ['Bo', 4]]));
    expect(high.text).toBe(low.text);
    expect(high.json).toBe(low.json);
    expect(low.text).toMatch(/listening\t—\t4\t0/);
    expect(JSON.parse(low.json).perception.attributes.every((a: { rating: number | null }) => a.rating === null)).toBe(true);
  });

  it('three people answered a round still open: nothing shows until it closes, whatever one answered', async () => {
    const low = await shown(await team([['Ana', 1], ['Bo', 4], ['Cy', 4]], { close: false }));
    const high = await shown(await team([['Ana', 5], ['Bo', 4], ['Cy', 4]], { close: false }));
    expect(high.text).toBe(low.text);
    expect(high.json).toBe(low.json);
    // Once it has closed on its own, the team's mean shows: the same check then tells the two apart.
    const lowLater = await shown(await team([['Ana', 1], ['Bo', 4], ['Cy', 4]], { close: false }), LATER);
    const highLater = await shown(await team([['Ana', 5], ['Bo', 4], ['Cy', 4]], { close: false }), LATER);
    expect(highLater.json).not.toBe(lowLater.json);
    expect(lowLater.text).toMatch(/listening\t3\.0 of 5/);
    expect(highLater.text).toMatch(/listening\t4\.3 of 5/);
  });
});
