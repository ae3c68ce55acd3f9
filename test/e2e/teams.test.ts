import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb, expectRefused } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(async () => {
  svc = inProcessSandbox();
  for (const [text, staff] of [
    ['Ana called the customer back within the hour', 'Ana'],
    ['Bo explained the two options to the customer', 'Bo'],
    ['Cy stayed late to close the month with Finance', 'Cy'],
  ] as const) {
    expect((await svc.run(['story', 'add', text, '--staff', staff])).code).toBe(0);
  }
  expect((await svc.run(['people', 'edit', 'Ana', '--team', 'Support desk', '--role', 'support agent'])).code).toBe(0);
  expect((await svc.run(['people', 'edit', 'Bo', '--team', 'Support'])).code).toBe(0);
  expect((await svc.run(['people', 'edit', 'Cy', '--team', 'Finance'])).code).toBe(0);
});
afterEach(() => svc.cleanup());

describe('people as a team', () => {
  it('sets role, team and leader, and people show lists them', async () => {
    const edited = await svc.json<{ name: string; role: string; team: string; leader: boolean; created: boolean }>(['people', 'edit', 'Dee', '--team', 'support', '--leader']);
    expect(edited).toMatchObject({ name: 'Dee', team: 'Support', leader: true, created: true });
    const shown = await svc.run(['people', 'show', 'Ana']);
    expect(shown.stdout.split('\n')[0]).toBe('Ana · support agent · team Support desk');
    expect(await svc.json<{ leader: boolean; team: string }>(['people', 'show', 'Dee'])).toMatchObject({ leader: true, team: 'Support' });
    const cleared = await svc.run(['people', 'edit', 'Dee', '--no-leader', '--no-team']);
    expect(cleared.code).toBe(0);
    expect(cleared.stderr).toMatch(/Updated Dee: no team/);
    expect(queryDb(svc.db, "SELECT team, leader FROM people WHERE name = 'Dee'")).toEqual([{ team: null, leader: 0 }]);
  });

  it('puts a team inside another, and --team follows sub-teams', async () => {
    const edited = await svc.json<{ name: string; parent: string }>(['team', 'edit', 'support desk', '--parent', 'Support']);
    expect(edited).toMatchObject({ name: 'Support desk', parent: 'Support' });
    expect((await svc.run(['teams'])).stdout).toBe(
      ['team\tinside\tpeople\tleaders', 'Finance\t\tCy\t', 'Support\t\tBo\t', 'Support desk\tSupport\tAna\t'].join('\n') + '\n',
    );
    const stories = await svc.json<Array<{ staff: string[] }>>(['stories', '--team', 'Support']);
    expect(stories.map((s) => s.staff[0]).sort()).toEqual(['Ana', 'Bo']);
    expect((await svc.json<Array<{ staff: string[] }>>(['stories', '--team', 'Support desk'])).map((s) => s.staff)).toEqual([['Ana']]);
    expect((await svc.json<{ people: string[] }>(['train', 'status', '--team', 'support'])).people).toEqual(['Ana', 'Bo']);
  });
});

describe('a team\'s own figures', () => {
  it('narrows the report, status and practices to the team and the teams inside it', async () => {
    expect((await svc.run(['team', 'edit', 'Support desk', '--parent', 'Support'])).code).toBe(0);
    expect((await svc.run(['practice', 'add', 'Stay with the customer', '--from-stories', '1,3'])).code).toBe(0);
    const report = await svc.json<{ team: string; headline: { stories: { current: number }; activePeople: number }; storiesPerPerson: Array<{ person: string }> }>(['report', '--team', 'support']);
    expect(report.team).toBe('Support');
    expect(report.headline.stories.current).toBe(2);
    expect(report.headline.activePeople).toBe(2);
    expect(report.storiesPerPerson.map((p) => p.person)).toEqual(['Ana', 'Bo']);
    expect((await svc.run(['report', '--team', 'Support', '--format', 'md'])).stdout).toMatch(/team Support, 2026-/);
    // Everyone's report is unchanged by a team's: the narrowing lasts one command.
    expect((await svc.json<{ headline: { stories: { current: number } } }>(['report'])).headline.stories.current).toBe(3);

    const practices = async (team?: string) =>
      (await svc.json<Array<{ name: string; stories: number; spread: number; star: string | null }>>(['practices', ...(team ? ['--team', team] : [])]))[0];
    expect(await practices()).toMatchObject({ stories: 2, spread: 2 });
    expect(await practices('Support')).toMatchObject({ stories: 1, spread: 1, star: 'Ana' });
    expect(await practices('Finance')).toMatchObject({ stories: 1, spread: 1, star: 'Cy' });
    const status = await svc.json<{ team: string; stages: Array<{ stage: string; figure: string }> }>(['status', '--team', 'Finance']);
    expect(status.team).toBe('Finance');
    expect(status.stages.find((s) => s.stage === 'collect')?.figure).toMatch(/^1 stor/);
  });
});

describe('bad input about teams is refused and changes nothing', () => {
  beforeEach(async () => {
    expect((await svc.run(['team', 'edit', 'Support desk', '--parent', 'Support'])).code).toBe(0);
  });

  it.each([
    ['a team inside itself', ['team', 'edit', 'Support', '--parent', 'support'], 4, /a team cannot belong to itself/],
    ['a cycle through a sub-team', ['team', 'edit', 'Support', '--parent', 'Support desk'], 4, /"Support desk" is inside "Support" already/],
    ['an unknown parent team', ['team', 'edit', 'Support', '--parent', 'Nowhere'], 3, /no team called "Nowhere"/],
    ['an unknown team to edit', ['team', 'edit', 'Nowhere', '--no-parent'], 3, /no team called "Nowhere"/],
    ['team edit with nothing to change', ['team', 'edit', 'Support'], 2, /nothing to change: give --parent/],
    ['people edit with nothing to change', ['people', 'edit', 'Ana'], 2, /nothing to change: give --role/],
    ['a --team filter naming no team', ['stories', '--team', 'Nowhere'], 3, /no team called "Nowhere"/],
    ['a report of no team', ['report', '--team', 'Nowhere'], 3, /no team called "Nowhere"/],
    ['a status of no team', ['status', '--team', 'Nowhere'], 3, /no team called "Nowhere"/],
    ['practices of no team', ['practices', '--team', 'Nowhere'], 3, /no team called "Nowhere"/],
    ['a control character in a team name', ['people', 'edit', 'Ana', '--team', 'Sup\u001b[31mport'], 2, /control character/],
  ])('%s', async (_name, args, code, message) => await expectRefused(svc, args, code, message));
});
