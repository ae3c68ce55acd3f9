import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// The demo team's debrief: the report sets the team's view of itself, its stories and
// its customers' words side by side, and follows what came out of the calls.

let svc: InProcessSandbox;
let db: string;
beforeAll(async () => {
  svc = inProcessSandbox();
  mkdirSync(join(svc.dir, 'demo'));
  db = join(svc.dir, 'demo', 'demo.db');
  const built = await svc.run(['--db', db, 'demo']);
  expect(built.code, built.stderr).toBe(0);
});
afterAll(() => svc.cleanup());

const run = async (args: string[]) => {
  const result = await svc.run(['--db', db, ...args]);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
};

interface Confirm {
  interviewId: number;
  answer: string;
  how: string;
}
interface DemoReport {
  selfAssessment: { perception: { attributes: Array<{ attribute: string; rating: number | null; stories: number; mentions: number }> } };
  outcomes: Array<{ practice: string; stories: number | null; confirms: Confirm[]; signals: Array<{ measure: string; points: unknown[]; change: number | null }> }>;
  actions: { open: Array<{ text: string; sources: Array<{ interviewId: number; change: string | null }> }> };
}

describe('the demo database', () => {
  it("shows the team's view, the stories and the customers' words side by side in the report", async () => {
    const report = JSON.parse(await run(['report', '--json'])) as DemoReport;
    expect(report.selfAssessment.perception.attributes.find((a) => a.attribute === 'listening')).toMatchObject({ rating: 4.6, mentions: 1 });
    expect(report.selfAssessment.perception.attributes.find((a) => a.attribute === 'listening')?.stories).toBeGreaterThan(0);

    const callBack = report.outcomes.find((o) => o.practice === 'Call back the same day');
    expect(callBack?.stories).toBeGreaterThan(0);
    // Confirmed by what two customers liked, linked by the extraction that links stories.
    expect(callBack?.confirms.map((c) => [c.answer, c.how])).toEqual([
      ['Someone always calls back the same day', 'matched'],
      ['Staff call you back when they say they will', 'matched'],
    ]);
    expect(callBack?.signals.map((s) => s.measure)).toEqual(['response time (hours)']);
    // The demo team's call-backs got faster month by month.
    expect(callBack?.signals[0]?.change).toBeLessThan(0);
    expect(report.outcomes.find((o) => o.practice === 'Remember the customer')?.signals.map((s) => s.measure)).toEqual(['satisfaction (1-5)']);

    // A "would change" answer became an action the report follows.
    expect(report.actions.open.find((a) => a.sources.some((s) => s.change === "The website's stock levels are often wrong"))).toBeDefined();

    for (const format of ['text', 'md', 'html']) {
      const out = await run(['report', '--format', format, '--out', '-']);
      const view = out.indexOf('How we see ourselves, beside stories and customers');
      const words = out.indexOf('What customers confirmed, and the figures we keep');
      expect(view, format).toBeGreaterThan(0);
      expect(words, format).toBeGreaterThan(view);
      expect(out, format).toContain('Someone always calls back the same day');
      expect(out, format).toContain('Actions we are following');
    }
  });

  it('has an agreed call, shown in svc status as the next step with its day and time', async () => {
    const interviews = JSON.parse(await run(['interviews', '--json'])) as Array<{ customer: string; state: string; agreed: { on: string; at: string } | null }>;
    expect(interviews.find((i) => i.state === 'agreed')).toMatchObject({ customer: 'Grace Okafor', agreed: { on: '2026-03-20', at: '10:30' } });
    expect(await run(['status'])).toContain('call Grace Okafor (Marta) on 2026-03-20 at 10:30 on +44 20 7946 0123 — svc interview log 6');
  });

  it('shows a practice with its three views and the trend of its signal', async () => {
    const text = await run(['practice', 'show', 'Remember the customer']);
    expect(text).toMatch(/listening\t4\.6 of 5\t0\t1/);
    expect(text).toContain('"They remember my name and what I bought, and they really listened"');
    expect(text).toContain('Outcome signals\n  satisfaction (1-5): 4.1 → 4.2 → 4.4 → 4.6');
    expect((JSON.parse(await run(['signals', '--json'])) as unknown[]).length).toBe(11);
  });
});
