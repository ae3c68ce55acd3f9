import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

interface Figures {
  spread: number;
  star: string | null;
  starShare: number;
}

/** Spread, star and star share of one practice as each command that shows them tells it. */
async function figuresEverywhere(practice: string): Promise<Record<'practices' | 'practice show' | 'report' | 'train plan', Figures>> {
  const listed = (await svc.json<Array<{ name: string } & Figures>>(['practices'])).find((p) => p.name === practice);
  const shown = (await svc.json<{ figures: Figures }>(['practice', 'show', practice])).figures;
  const reported = (await svc
    .json<{ practices: Array<{ name: string; spread: number; starShare: number; star: { person: string } | null }> }>(['report', '--format', 'json', '--since', '2026-01-01']))
    .practices.find((p) => p.name === practice);
  const plan = (await svc.json<{ figures: Figures }>(['train', 'plan', practice])).figures;
  const pick = (f: Figures | undefined) => ({ spread: f?.spread, star: f?.star, starShare: f?.starShare }) as Figures;
  return {
    practices: pick(listed),
    'practice show': pick(shown),
    report: pick(reported && { spread: reported.spread, starShare: reported.starShare, star: reported.star?.person ?? null }),
    'train plan': pick(plan),
  };
}

async function addStories(stories: ReadonlyArray<[staff: string, when: string]>, tag: string): Promise<void> {
  for (const [staff, when] of stories) {
    expect((await svc.run(['story', 'add', `${staff} called the customer back`, '--staff', staff, '--tag', tag, '--when', when])).code).toBe(0);
  }
}

async function adopt(practice: string, tag: string): Promise<void> {
  expect((await svc.run(['practice', 'add', practice, '--tag', tag])).code).toBe(0);
  expect((await svc.run(['practice', 'status', practice, 'adopted'])).code).toBe(0);
}

describe('the star of a practice', () => {
  it('is the same person in practices, practice show, report and train plan when two people tie, whatever their case', async () => {
    // "Bo" sorts before "ana" by code unit, after it case-insensitively: the old tie-breaks disagreed.
    await addStories([['Bo', '2026-03-10'], ['ana', '2026-03-10']], 'call-back');
    await adopt('Call back', 'call-back');
    const expected = { spread: 2, star: 'ana', starShare: 0.5 };
    expect(await figuresEverywhere('Call back')).toEqual({ practices: expected, 'practice show': expected, report: expected, 'train plan': expected });
    expect((await svc.run(['train', 'plan', 'Call back'])).stdout).toMatch(/Star share\s+50% \(ana\)/u);
  });

  /** The four commands agree with each other, and on the expected figures. */
  async function expectEverywhere(practice: string, expected: Figures): Promise<void> {
    const everywhere = await figuresEverywhere(practice);
    for (const [command, figures] of Object.entries(everywhere)) {
      expect({ ...figures, starShare: Math.round(figures.starShare * 1000) / 1000 }, `${practice} in ${command}`).toEqual(expected);
    }
    // The same share to the last digit, not only once rounded.
    expect(new Set(Object.values(everywhere).map((f) => f.starShare)).size, practice).toBe(1);
  }

  it('agrees in every command on a three-way tie', async () => {
    await addStories([['Zoe', '2026-03-10'], ['max', '2026-03-10'], ['Amy', '2026-03-10']], 'walk');
    await adopt('Walk along', 'walk');
    await expectEverywhere('Walk along', { spread: 3, star: 'Amy', starShare: 0.333 });
  });

  it('agrees in every command on a tie whose evidence came on different days', async () => {
    // Broken by name (core's starTieBefore, the summary query's min(name_key)), whichever came first.
    await addStories([['ana', '2026-03-12'], ['Bo', '2026-03-11']], 'explain');
    await adopt('Explain', 'explain');
    await expectEverywhere('Explain', { spread: 2, star: 'ana', starShare: 0.5 });
  });

  it('agrees in every command on one person written in two cases', async () => {
    // "Cy" and "cy" are one person: two stories of four, so the star without a tie.
    await addStories([['Cy', '2026-03-10'], ['cy', '2026-03-11'], ['Dee', '2026-03-10'], ['eve', '2026-03-10']], 'greet');
    await adopt('Greet', 'greet');
    await expectEverywhere('Greet', { spread: 3, star: 'Cy', starShare: 0.5 });
  });
});
