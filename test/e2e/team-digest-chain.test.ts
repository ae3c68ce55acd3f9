import { parse } from 'node-html-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

interface ChainJson {
  team?: string;
  stories: { current: number };
  people: { rows: string[]; columns: string[]; counts: number[][] };
  teams: { rows: string[]; columns: string[]; counts: number[][] };
  leaders: Array<{ leader: string; serves: number; served: number }>;
}

interface DigestJson {
  team: string | null;
  stories: { count: number; people: number; latest: Array<{ people: string[] }> };
  programme: { open: Array<{ person: string }> };
}

let svc: InProcessSandbox;

async function ok(args: string[]): Promise<string> {
  const result = await svc.run(args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeEach(async () => {
  svc = inProcessSandbox();
  // Support sits inside Service; Sales is apart.
  for (const name of ['Ana', 'Bo', 'Marta', 'Cy']) await ok(['story', 'add', `${name} greeted the customer by name`, '--staff', name]);
  await ok(['people', 'edit', 'Ana', '--team', 'Support']);
  await ok(['people', 'edit', 'Bo', '--team', 'Support']);
  await ok(['people', 'edit', 'Marta', '--team', 'Service', '--leader']);
  await ok(['people', 'edit', 'Cy', '--team', 'Sales']);
  await ok(['team', 'edit', 'Support', '--parent', 'Service']);
  await ok(['story', 'add', 'Marta rebuilt the rota so Bo could shadow Ana', '--staff', 'Marta', '--served', 'Bo']);
  await ok(['story', 'add', 'Ana showed Bo the new refund screen', '--staff', 'Ana', '--served', 'Bo']);
  await ok(['story', 'add', 'Cy passed Ana the warm lead with notes', '--staff', 'Cy', '--served', 'Ana']);
  await ok(['story', 'add', 'Bo fixed the quote template for Cy', '--staff', 'Bo', '--served', 'Cy']);
  await ok(['practice', 'add', 'Call back the same day']);
  await ok(['train', 'assign', 'Call back the same day', '--people', 'Bo,Cy', '--due', 'in 2 weeks']);
});
afterEach(() => svc.cleanup());

describe('svc chain --team', () => {
  it('keeps whom the people of the team and the teams inside it serve, inside the team or not', async () => {
    const all = await svc.json<ChainJson>(['chain']);
    expect(all.stories.current).toBe(4);
    expect(all.team).toBeUndefined();

    const service = await svc.json<ChainJson>(['chain', '--team', 'service']);
    expect(service.team).toBe('Service');
    expect(service.stories.current).toBe(3);
    expect(service.people).toEqual({ rows: ['Ana', 'Bo', 'Marta'], columns: ['Bo', 'Cy'], counts: [[1, 0], [0, 1], [1, 0]] });
    expect(service.teams).toEqual({ rows: ['Service', 'Support'], columns: ['Sales', 'Support'], counts: [[0, 1], [1, 1]] });
    expect(service.leaders).toEqual([{ leader: 'Marta', serves: 1, served: 0 }]);

    const support = await svc.json<ChainJson>(['chain', '--team', 'Support']);
    expect(support.people).toEqual({ rows: ['Ana', 'Bo'], columns: ['Bo', 'Cy'], counts: [[1, 0], [0, 1]] });
    expect(support.leaders).toEqual([]);
  });

  it('names the team in text, md and html', async () => {
    const text = await ok(['chain', '--team', 'Support']);
    expect(text.split('\n')[0]).toBe('The service chain: Support');
    expect(text).not.toContain('Marta');
    const md = await ok(['chain', '--team', 'Support', '--format', 'md']);
    expect(md).toMatch(/^# The service chain: Support\n/u);
    expect(md).toContain('| Ana | 1 |  |');
    const root = parse(await ok(['chain', '--team', 'Support', '--format', 'html']));
    expect(root.querySelector('h1')?.text).toBe('The service chain: Support');
    expect(root.querySelector('title')?.text).toMatch(/^The service chain: Support \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/u);
    expect(root.querySelectorAll('table[data-matrix="people"] td').map((td) => td.text)).toEqual(['1', '', '', '1']);
  });
});

describe('svc digest --team', () => {
  it("reads the team's stories and assignments, under the team's name", async () => {
    const all = await svc.json<DigestJson>(['digest']);
    expect(all.stories.count).toBe(8);
    expect(all.programme.open.map((a) => a.person).sort()).toEqual(['Bo', 'Cy']);

    const service = await svc.json<DigestJson>(['digest', '--team', 'Service']);
    expect(service.team).toBe('Service');
    expect(service.stories.count).toBe(6);
    expect(service.stories.people).toBe(3);
    expect(service.stories.latest.flatMap((s) => s.people)).not.toContain('Cy');
    expect(service.programme.open.map((a) => a.person)).toEqual(['Bo']);

    const md = await ok(['digest', '--team', 'Support', '--format', 'md']);
    expect(md).toMatch(/^# Support digest\n/u);
    expect(md).not.toContain('Marta');
  });
});

describe('an unknown --team', () => {
  it.each([
    ['chain', ['chain', '--team', 'Suport']],
    ['digest', ['digest', '--team', 'Suport', '--since', 'last-digest']],
  ])('%s: exit 3 with the closest names, nothing stored', async (_what, args) => {
    const before = svc.snapshot();
    const result = await svc.run(args);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, /no team called "Suport"/u);
    expect(result.stderr).toContain('hint: did you mean "Support"?');
    expect(svc.snapshot()).toBe(before);
  });

  it('a name close to none: the hint lists the teams', async () => {
    const result = await svc.run(['chain', '--team', 'Warehouse']);
    expect(result.code).toBe(3);
    expectCleanError(result.stderr, /no team called "Warehouse"/u);
    expect(result.stderr).toContain('hint: list teams with: svc teams');
  });
});
