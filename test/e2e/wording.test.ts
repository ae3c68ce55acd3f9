import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// Counts, shares and days read the same way in every command (ui/format.ts).
let svc: InProcessSandbox;
const env = { SVC_NOW: '2026-03-18T10:00:00Z' };
beforeEach(async () => {
  svc = inProcessSandbox();
  for (const [text, staff, when] of [
    ['Ana called back the customer the same day', 'Ana', '2026-03-14'],
    ['Ana called back the courier the same day', 'Ana', '2026-03-16'],
  ] as const) {
    expect((await svc.run(['story', 'add', text, '--staff', staff, '--when', when, '--tag', 'call-back'], { env })).code).toBe(0);
  }
  expect((await svc.run(['practice', 'add', 'Call back', '--tag', 'call-back'], { env })).code).toBe(0);
  expect((await svc.run(['practice', 'status', 'Call back', 'adopted'], { env })).code).toBe(0);
});
afterEach(() => svc.cleanup());

describe('figures in words', () => {
  it('says "the one agreed practice", never "all 1 agreed practice"', async () => {
    expect((await svc.run(['status'], { env })).stdout).toContain('train        the one agreed practice is not trained yet');
    expect((await svc.run(['train', 'log', 'Call back', '--people', 'Ana'], { env })).code).toBe(0);
    const status = (await svc.run(['status'], { env })).stdout;
    expect(status).toContain('train        the one agreed practice is trained');
    expect(status).not.toMatch(/all 1 /u);
  });

  it('writes a share as "100%" in the report, as in the training plan', async () => {
    const md = (await svc.run(['report', '--format', 'md', '--since', '2026-03-01'], { env })).stdout;
    expect(md).toContain('100%');
    expect(md).not.toMatch(/\d %/u);
    expect((await svc.run(['train', 'plan', 'Call back'], { env })).stdout).toMatch(/Star share\s+100% \(Ana\)/u);
  });
});
