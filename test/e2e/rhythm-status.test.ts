import { describe, expect, it } from 'vitest';
import { untouchedSnapshot } from '../helpers/db.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { eachConfiguredSandbox, ODD_PRACTICE, seedRhythm, writeConfig } from '../helpers/rhythm.ts';

let svc: InProcessSandbox;
let env: Record<string, string>;
eachConfiguredSandbox(inProcessSandbox, (s, e) => ([svc, env] = [s, e]));

interface StatusJson {
  stages: Array<{ stage: string }>;
  listening: { planned: number; overdue: Array<{ id: number }>; nextRoundOn: string; roundDue: boolean; figure: string; next: string };
  due: Array<{ kind: string; text: string; command: string }>;
}

const QUOTED = `'Listen fully; then, <summarise> & "ask"\\'`;

describe('svc status and bare svc: the rhythm', () => {
  it('show a listening line and every due item with the command that acts on it', async () => {
    await seedRhythm(svc, { env });
    const result = await svc.run(['status'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^listen\s+2 interviews planned \(2 overdue\), next round 2026-03-31 — svc interview log 2$/m);
    const due = result.stdout.slice(result.stdout.indexOf('\ndue\n') + 5).trimEnd().split('\n');
    expect(due).toEqual([
      '  interview #2, planned 2026-03-01, is 17 days old — svc interview log 2',
      '  interview #3, planned 2026-03-01, is 17 days old — svc interview log 3',
      `  the procedure of "${ODD_PRACTICE}" (version 1) was due for review on 2026-02-14 — svc practice review ${QUOTED}`,
      `  "${ODD_PRACTICE}" is drifting: no new evidence lately — svc practice show ${QUOTED}`,
      `  "${ODD_PRACTICE}" is agreed but nobody has been trained on it — svc train plan ${QUOTED}`,
      '  no story yet from Bo, Dee — svc story add "what happened" --staff Bo',
      '  no self-assessment yet: each person answers a one-minute check-in — svc assess --as NAME',
      '  team meeting on monday 2026-03-23 at 09:00 — svc report',
    ]);
    // Bare svc shows the same.
    expect((await svc.run([], { env })).stdout).toBe(result.stdout);
  });

  it('prints the listening line and due items in --json, and follows the config', async () => {
    await seedRhythm(svc, { env });
    writeConfig(svc, '[meeting]\nweekday = "wednesday"\ntime = "14:30"\n[interview]\ninterval_days = 7\n');
    const status = await svc.json<StatusJson>(['status'], { env });
    expect(status.stages.map((s) => s.stage)).toEqual(['collect', 'detect', 'train', 'incorporate', 'monitor']);
    expect(status.listening).toMatchObject({ planned: 2, nextRoundOn: '2026-03-08', roundDue: false, next: 'svc interview log 2' });
    expect(status.due.at(-1)).toEqual({ kind: 'meeting', text: 'team meeting today at 14:30', command: 'svc report, then svc meeting held' });
  });

  it('says when the interview round is due once its calls are made', async () => {
    await seedRhythm(svc, { env });
    expect((await svc.run(['interview', 'log', '2', '--declined', '--on', '2026-03-06'], { env })).code).toBe(0);
    expect((await svc.run(['interview', 'log', '3', '--liked', 'fast', '--on', '2026-03-06'], { env })).code).toBe(0);
    const status = await svc.json<StatusJson>(['status'], { env: { ...env, SVC_NOW: '2026-04-02T09:00:00' } });
    expect(status.listening).toMatchObject({ planned: 0, roundDue: true, figure: '0 interviews planned, next round due since 2026-03-31', next: 'svc interview pick' });
    expect(status.due[0]).toEqual({ kind: 'interview-round', text: 'the interview round is due (the last was on 2026-03-01)', command: 'svc interview pick' });
  });

  it('keeps the getting-started guide for a database without stories', async () => {
    const before = svc.snapshot();
    const result = await svc.run([], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('listen');
    expect(svc.snapshot()).toBe(untouchedSnapshot(before));
  });
});
