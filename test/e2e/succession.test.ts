import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb, expectRefused } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

const PRACTICE = 'Call back the same day';
let svc: InProcessSandbox;

async function ok(args: string[], env?: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const result = await svc.run(args, env ? { env } : undefined);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

interface SuccessionJson {
  person: string;
  atRisk: Array<{ practice: string; share: number; spread: number; without: string[]; pairings: Array<{ learner: string; from: string; why: string }> }>;
  pairs: Array<{ practice: string; learner: string; pairedOn: string }>;
}

beforeEach(async () => {
  svc = inProcessSandbox();
  // Ana holds the practice: three of its four stories; Bo has the fourth.
  for (const [text, staff, when] of [
    ['Ana called the customer back the same day with the fix', 'Ana', '2026-01-10'],
    ['Ana called back the same afternoon as promised', 'Ana', '2026-01-20'],
    ['Ana rang back the same day with the refund number', 'Ana', '2026-02-03'],
    ['Bo called the customer back the same day', 'Bo', '2026-02-05'],
    ['Cy greeted the customer by name', 'Cy', '2026-02-06'],
    ['Dee greeted the customer warmly', 'Dee', '2026-02-06'],
  ] as const) {
    await ok(['story', 'add', text, '--staff', staff, '--when', when]);
  }
  await ok(['practice', 'add', PRACTICE, '--from-stories', '1,2']);
  for (const id of ['3', '4']) await ok(['practice', 'link', PRACTICE, id]);
  await ok(['practice', 'status', PRACTICE, 'adopted']);
  await ok(['people', 'edit', 'Ana', '--team', 'Support']);
  await ok(['people', 'edit', 'Dee', '--team', 'Support']);
  await ok(['train', 'log', PRACTICE, '--people', 'Cy', '--on', '2026-02-10']);
});
afterEach(() => svc.cleanup());

describe('star succession', () => {
  it('names what would fall below two people without the star, and who could learn it from whom', async () => {
    const succession = await svc.json<SuccessionJson>(['people', 'succession', 'ana']);
    expect(succession.person).toBe('Ana');
    expect(succession.atRisk).toEqual([
      {
        practice: PRACTICE,
        status: 'adopted',
        share: 0.75,
        spread: 2,
        star: 'Ana',
        starShare: 0.75,
        without: ['Bo'],
        pairings: [
          { learner: 'Cy', from: 'Ana', why: 'trained on it, no story shows it yet' },
          { learner: 'Dee', from: 'Ana', why: 'same team (Support)' },
        ],
      },
    ]);
    const text = (await ok(['people', 'succession', 'Ana'])).stdout;
    expect(text).toContain(`  ${PRACTICE} [adopted]: Ana holds 75 % of its stories; only Bo would show it`);
    expect(text).toContain('    pair Cy with Ana (trained on it, no story shows it yet)');
    // Cy shows no agreed practice: nothing depends on Cy.
    expect((await svc.json<SuccessionJson>(['people', 'succession', 'Cy'])).atRisk).toEqual([]);
  });

  it('records a pairing and follows the star share in practice show', async () => {
    await ok(['people', 'succession', 'Ana', '--pair', PRACTICE, '--learner', 'Dee']);
    expect(queryDb(svc.db, 'SELECT paired_on AS pairedOn FROM succession_pairs')).toEqual([{ pairedOn: '2026-03-18' }]);
    await ok(['story', 'add', 'Dee called the customer back the same day', '--staff', 'Dee', '--when', '2026-03-18', '--practice', PRACTICE]);
    const show = (await ok(['practice', 'show', PRACTICE])).stdout;
    expect(show).toContain("Dee learns it from Ana since 2026-03-18; Ana's share before: 75 %");
    expect(show).toContain('    2026-03 0 % of 1');
    const json = await svc.json<{ succession: Array<{ star: string; learner: string; shareBefore: number; shareByMonth: unknown[] }> }>(['practice', 'show', PRACTICE]);
    expect(json.succession).toEqual([{ star: 'Ana', learner: 'Dee', pairedOn: '2026-03-18', shareBefore: 0.75, shareByMonth: [{ month: '2026-03', stories: 1, share: 0 }] }]);
    expect((await svc.json<SuccessionJson>(['people', 'succession', 'Ana'])).pairs).toEqual([{ practice: PRACTICE, learner: 'Dee', pairedOn: '2026-03-18' }]);
  });
});

describe('bad input about succession is refused and changes nothing', () => {
  it.each([
    ['pairing the star with themselves', ['people', 'succession', 'Ana', '--pair', PRACTICE, '--learner', 'ana'], 2, /Ana cannot pair with themselves/],
    ['--pair without --learner', ['people', 'succession', 'Ana', '--pair', PRACTICE], 2, /needs --learner/],
    ['an unknown learner', ['people', 'succession', 'Ana', '--pair', PRACTICE, '--learner', 'Zed'], 3, /nobody called "Zed"/],
    ['an unknown person', ['people', 'succession', 'Zed'], 3, /nobody called "Zed"/],
  ])('%s', async (_name, args, code, message) => await expectRefused(svc, args, code, message));
});
