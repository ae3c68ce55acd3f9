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

type Command = 'practices' | 'practice show' | 'report' | 'train plan' | 'playbook' | 'people succession';

/**
 * Spread, star and star share of one practice as each command that shows them tells it.
 * `people succession` lists a practice only while it rests on at most two people: it is
 * asked of the star, and left out above that.
 */
async function figuresEverywhere(practice: string, star: string): Promise<Partial<Record<Command, Figures>>> {
  const listed = (await svc.json<Array<{ name: string } & Figures>>(['practices'])).find((p) => p.name === practice);
  const shown = (await svc.json<{ figures: Figures }>(['practice', 'show', practice])).figures;
  const reported = (
    await svc.json<{ practices: Array<{ name: string; spread: number; starShare: number; star: { person: string } | null }> }>(['report', '--format', 'json', '--since', '2026-01-01'])
  ).practices.find((p) => p.name === practice);
  const plan = (await svc.json<{ figures: Figures }>(['train', 'plan', practice])).figures;
  const playbook = (await svc.json<Array<{ practice: string; figures: Figures }>>(['playbook'])).find((p) => p.practice === practice)?.figures;
  const succession = (await svc.json<{ atRisk: Array<{ practice: string } & Figures> }>(['people', 'succession', star])).atRisk.find((p) => p.practice === practice);
  const pick = (f: Figures | undefined) => ({ spread: f?.spread, star: f?.star, starShare: f?.starShare }) as Figures;
  return {
    practices: pick(listed),
    'practice show': pick(shown),
    report: pick(reported && { spread: reported.spread, starShare: reported.starShare, star: reported.star?.person ?? null }),
    'train plan': pick(plan),
    playbook: pick(playbook),
    ...(shown.spread <= 2 ? { 'people succession': pick(succession) } : {}),
  };
}

async function addStories(stories: ReadonlyArray<readonly [staff: string, when: string]>, tag: string): Promise<void> {
  for (const [staff, when] of stories) {
    expect((await svc.run(['story', 'add', `${staff} called the customer back`, '--staff', staff, '--tag', tag, '--when', when])).code).toBe(0);
  }
}

/** Makes the practice a standard, so the playbook and succession show it too. */
async function adopt(practice: string, tag: string): Promise<void> {
  expect((await svc.run(['practice', 'add', practice, '--tag', tag])).code).toBe(0);
  expect((await svc.run(['practice', 'status', practice, 'adopted'])).code).toBe(0);
  expect((await svc.run(['practice', 'adopt', practice, '--procedure', `1. ${practice}.`])).code).toBe(0);
}

describe('the star of a practice', () => {
  it('is the same person in every command when two people tie on the same day, whatever their case', async () => {
    // "Bo" sorts before "ana" by code unit, after it case-insensitively: the old tie-breaks disagreed.
    await addStories([['Bo', '2026-03-10'], ['ana', '2026-03-10']], 'call-back');
    await adopt('Call back', 'call-back');
    const expected = { spread: 2, star: 'ana', starShare: 0.5 };
    const everywhere = await figuresEverywhere('Call back', 'ana');
    expect(Object.keys(everywhere)).toEqual(['practices', 'practice show', 'report', 'train plan', 'playbook', 'people succession']);
    for (const figures of Object.values(everywhere)) expect(figures).toEqual(expected);
    expect((await svc.run(['train', 'plan', 'Call back'])).stdout).toMatch(/Star share\s+50% \(ana\)/u);
  });

  /** Every command agrees with the others, and on the expected figures. */
  async function expectEverywhere(practice: string, expected: Figures): Promise<void> {
    const everywhere = await figuresEverywhere(practice, expected.star ?? '');
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

  it('gives a tie to the person whose evidence came first, before any name order', async () => {
    // By name "ana" would come first; Bo's story is a day older (DESIGN.md: earliest evidence, then name).
    await addStories([['ana', '2026-03-12'], ['Bo', '2026-03-11']], 'explain');
    await adopt('Explain', 'explain');
    await expectEverywhere('Explain', { spread: 2, star: 'Bo', starShare: 0.5 });
  });

  it('counts a tied person\'s first story, not their latest, as their evidence date', async () => {
    // Zed's first story (03-01) is older than Amy's (03-05) though Zed's latest is newer.
    await addStories([['Amy', '2026-03-05'], ['Amy', '2026-03-06'], ['Zed', '2026-03-01'], ['Zed', '2026-03-15']], 'fix');
    await adopt('Fix it', 'fix');
    await expectEverywhere('Fix it', { spread: 2, star: 'Zed', starShare: 0.5 });
  });

  it('agrees in every command on one person written in two cases', async () => {
    // "Cy" and "cy" are one person: two stories of four, so the star without a tie.
    await addStories([['Cy', '2026-03-10'], ['cy', '2026-03-11'], ['Dee', '2026-03-10'], ['eve', '2026-03-10']], 'greet');
    await adopt('Greet', 'greet');
    await expectEverywhere('Greet', { spread: 3, star: 'Cy', starShare: 0.5 });
  });
});

describe('the report beside the other commands', () => {
  // The default period is the last 30 days before 2026-03-18: from 2026-02-17.
  const before = [['Sam', '2026-01-05'], ['Ana', '2026-01-10'], ['Bo', '2026-01-12'], ['Cy', '2026-01-15'], ['Dee', '2026-01-20'], ['Eve', '2026-01-25']] as const;
  const during = [['Tom', '2026-03-01'], ['Tom', '2026-03-05'], ['Sam', '2026-03-10']] as const;

  it('labels its figures as the period\'s and raises no one-person risk for a practice seven people show', async () => {
    await addStories([...before, ...during], 'lend');
    await adopt('Lend a spare', 'lend');
    const listed = (await svc.json<Array<{ name: string } & Figures>>(['practices'])).find((p) => p.name === 'Lend a spare');
    expect(listed).toMatchObject({ stories: 9, spread: 7, star: 'Sam' });

    const text = await svc.run(['report']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Lend a spare [standard]  this period: 3 stories · 2 people · star share 67%; all time: 9 stories · 7 people · star share 22% (Sam)\n');
    expect(text.stdout).not.toMatch(/star-dependent|risk:|beyond one person/u);

    const report = await svc.json<{
      practices: Array<{ name: string; spread: number; starDependent: boolean; allTime: { evidence: number; spread: number; starShare: number; star: { person: string } | null } | null }>;
      starDependent: unknown[];
      agenda: Array<{ kind: string }>;
    }>(['report', '--format', 'json']);
    const lend = report.practices.find((p) => p.name === 'Lend a spare');
    expect(lend).toMatchObject({ spread: 2, starDependent: false });
    expect({ spread: lend?.allTime?.spread, star: lend?.allTime?.star?.person ?? null, starShare: lend?.allTime?.starShare }).toEqual({
      spread: listed?.spread,
      star: listed?.star,
      starShare: listed?.starShare,
    });
    expect(report.starDependent).toEqual([]);
    expect(report.agenda.map((item) => item.kind)).not.toContain('spread');
  });

  it('still raises the risk when the practice rests on one person over all time, with the all-time star and share', async () => {
    await addStories([['Tom', '2026-01-05'], ['Tom', '2026-01-10'], ['Tom', '2026-01-12'], ['Ana', '2026-01-15'], ...during], 'lend');
    await adopt('Lend a spare', 'lend');
    const text = await svc.run(['report']);
    // All time: Tom holds 5 of 7 stories (71%), as svc practices says.
    expect(text.stdout).toContain('this period: 3 stories · 2 people · star share 67%; all time: 7 stories · 3 people · star share 71% (Tom)  star-dependent (Tom)\n');
    expect(text.stdout).toContain('risk: "Lend a spare" depends on Tom (over all time: spread 3, star share 71%)\n');
    expect(text.stdout).toMatch(/Spread "Lend a spare" beyond one person \(Tom holds 71% of it\)/u);
    const listed = (await svc.json<Array<{ name: string } & Figures>>(['practices'])).find((p) => p.name === 'Lend a spare');
    expect(listed).toMatchObject({ spread: 3, star: 'Tom' });
    expect(Math.round((listed?.starShare ?? 0) * 100)).toBe(71);
  });
});

describe('the people of a practice', () => {
  it('list the star first on a tie, in practice show and in the playbook\'s coaches', async () => {
    // Sam and Tom have two stories each; Sam's came first, so Sam is the star, though Tom's are more recent.
    await addStories([['Sam', '2026-03-01'], ['Tom', '2026-03-03'], ['Sam', '2026-03-05'], ['Tom', '2026-03-10']], 'lend');
    await adopt('Lend a spare', 'lend');
    const shown = await svc.json<{ figures: Figures; people: Array<{ person: string; stories: number }> }>(['practice', 'show', 'Lend a spare']);
    expect(shown.figures.star).toBe('Sam');
    expect(shown.people.map((p) => p.person)).toEqual(['Sam', 'Tom']);
    const text = await svc.run(['practice', 'show', 'Lend a spare']);
    expect(text.stdout).toMatch(/People\nperson\tstories\tlatest\nSam\t2\t2026-03-05\nTom\t2\t2026-03-10\n/u);
    const playbook = (await svc.json<Array<{ practice: string; figures: Figures; coaches: Array<{ person: string }> }>>(['playbook'])).find((p) => p.practice === 'Lend a spare');
    expect(playbook?.figures.star).toBe('Sam');
    expect(playbook?.coaches.map((c) => c.person)).toEqual(['Sam', 'Tom']);
    expect((await svc.run(['playbook'])).stdout).toContain('- Sam (2 stories, latest 2026-03-05)\n - Tom (2 stories, latest 2026-03-10)\n');
  });
});
