import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, openDocument } from '../helpers/browser.ts';
import { expectCleanError, queryDb, expectRefused } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;

async function ok(args: string[], env?: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const result = await svc.run(args, env ? { env } : undefined);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

interface ChainJson {
  stories: { current: number; previous: number; delta: number };
  pairs: { current: number; previous: number };
  people: { rows: string[]; columns: string[]; counts: number[][] };
  teams: { rows: string[]; columns: string[]; counts: number[][] };
  servesButNeverServed: string[];
  leaders: Array<{ leader: string; serves: number; served: number }>;
  unresolved: number;
}

beforeEach(async () => {
  svc = inProcessSandbox();
  // The people first (a colleague served must be someone in svc), then their places.
  for (const name of ['Ana', 'Bo', 'Lena', 'Dee']) await ok(['story', 'add', `${name} greeted the customer by name`, '--staff', name, '--when', '2026-01-05']);
  await ok(['people', 'edit', 'Ana', '--team', 'Support']);
  await ok(['people', 'edit', 'Bo', '--team', 'Support']);
  await ok(['people', 'edit', 'Lena', '--team', 'Finance']);
  await ok(['people', 'edit', 'Dee', '--team', 'Support', '--leader']);
});
afterEach(() => svc.cleanup());

describe('internal customers are people', () => {
  it('--served names the colleague: an internal story whose customer is that person', async () => {
    const story = JSON.parse((await ok(['story', 'add', 'Bo stayed late to help Lena close the month', '--staff', 'Bo', '--served', 'lena', '--json'])).stdout) as { customer: string; customerKind: string };
    expect(story).toMatchObject({ customer: 'Lena', customerKind: 'internal' });
    expect(queryDb(svc.db, "SELECT c.kind, p.name FROM customers c JOIN people p ON p.id = c.person_id")).toEqual([{ kind: 'internal', name: 'Lena' }]);
  });

  it('chain unresolved lists colleagues not linked to a person; chain link resolves one', async () => {
    await ok(['story', 'add', 'Ana helped Tom with the rota', '--staff', 'Ana', '--customer', 'Tom', '--internal']);
    const unresolved = await svc.json<Array<{ id: number; name: string; stories: number }>>(['chain', 'unresolved']);
    expect(unresolved).toEqual([{ id: 1, name: 'Tom', stories: 1 }]);
    expect((await svc.json<ChainJson>(['chain'])).unresolved).toBe(1);
    await ok(['people', 'edit', 'Tom Berg', '--team', 'Finance']);
    const linked = await svc.json<{ customer: string; person: string }>(['chain', 'link', 'tom', 'tom berg']);
    expect(linked).toMatchObject({ customer: 'Tom', person: 'Tom Berg' });
    expect(await svc.json<unknown[]>(['chain', 'unresolved'])).toEqual([]);
    expect((await svc.json<ChainJson>(['chain'])).people).toEqual({ rows: ['Ana'], columns: ['Tom Berg'], counts: [[1]] });
  });
});

describe('svc chain', () => {
  beforeEach(async () => {
    // The previous period (2026-01-17 to 2026-02-15): one internal story. This one (to 2026-03-18): four.
    await ok(['story', 'add', 'Ana showed Bo the new refund screen', '--staff', 'Ana', '--served', 'Bo', '--when', '2026-02-01']);
    await ok(['story', 'add', 'Bo stayed late to help Lena close the month', '--staff', 'Bo', '--served', 'Lena', '--when', '2026-03-02']);
    await ok(['story', 'add', 'Bo and Ana rebuilt the invoice export for Lena', '--staff', 'Bo,Ana', '--served', 'Lena', '--when', '2026-03-09']);
    await ok(['story', 'add', 'Ana took over Bo\'s queue so he could train', '--staff', 'Ana', '--served', 'Bo', '--when', '2026-03-10']);
    await ok(['story', 'add', 'Lena explained the budget rules to Bo', '--staff', 'Lena', '--served', 'Bo', '--when', '2026-03-12']);
  });

  it('shows who serves whom, by person and team, who is never served, the leaders and the trend', async () => {
    const chain = await svc.json<ChainJson>(['chain']);
    expect(chain.stories).toMatchObject({ current: 4, previous: 1, delta: 3 });
    expect(chain.pairs).toMatchObject({ current: 4, previous: 1 });
    expect(chain.people).toEqual({ rows: ['Ana', 'Bo', 'Lena'], columns: ['Bo', 'Lena'], counts: [[1, 1], [0, 2], [1, 0]] });
    expect(chain.teams).toEqual({ rows: ['Finance', 'Support'], columns: ['Finance', 'Support'], counts: [[0, 1], [3, 1]] });
    expect(chain.servesButNeverServed).toEqual(['Ana']);
    expect(chain.leaders).toEqual([{ leader: 'Dee', serves: 0, served: 0 }]);

    const text = (await ok(['chain'])).stdout;
    expect(text).toContain('2026-02-17 to 2026-03-18: 4 (+3 on the previous period\'s 1) internal stories with a colleague served');
    expect(text).toContain(['  serves ↓ / served →  Bo  Lena', '  Ana                  1   1', '  Bo                   ·   2', '  Lena                 1   ·'].join('\n'));
    expect(text).toContain('Serve colleagues but are never served: Ana');
    expect(text).toContain('Leaders in no story as a server: Dee — how well are they serving the servers? How do they know?');
    const md = (await ok(['chain', '--format', 'md'])).stdout;
    expect(md).toContain('| Bo |  | 2 |');
    expect(md).toContain('- Serve colleagues but are never served: Ana');
  });

  it('draws the matrix in a browser: every pair a shaded cell, no console error, no request', async () => {
    const out = join(svc.dir, 'chain.html');
    await ok(['chain', '--format', 'html', '--out', out]);
    const browser = await launchChromium();
    try {
      const page = await openDocument(browser, out, { width: 1000, height: 800 });
      const cells = await page.$$eval('table[data-matrix="people"] td', (tds) =>
        tds.map((td) => ({ text: td.textContent, shaded: (globalThis as unknown as { getComputedStyle(el: unknown): { backgroundColor: string } }).getComputedStyle(td).backgroundColor !== 'rgba(0, 0, 0, 0)', width: td.getBoundingClientRect().width })),
      );
      expect(cells.map((c) => c.text)).toEqual(['1', '1', '', '2', '1', '']);
      expect(cells.map((c) => c.shaded)).toEqual([true, true, false, true, true, false]);
      expect(cells.every((c) => c.width > 10)).toBe(true);
      const headers = await page.$$eval('table[data-matrix="people"] th', (ths) => ths.map((th) => th.textContent));
      expect(headers).toEqual(['serves ↓ / served →', 'Bo', 'Lena', 'Ana', 'Bo', 'Lena']);
      expect(await page.textContent('ul.findings')).toContain('never served: Ana');
    } finally {
      await browser.close();
    }
  });
});

describe('bad input about the chain is refused and changes nothing', () => {
  it.each([
    ['--served that is the storyteller', ['story', 'add', 'Bo helped himself', '--staff', 'Bo', '--served', 'bo'], 2, /--served Bo is who delivered the story/],
    ['--served nobody in svc', ['story', 'add', 'Bo helped Zed', '--staff', 'Bo', '--served', 'Zed'], 3, /nobody called "Zed"/],
    ['--served with --customer', ['story', 'add', 'Bo helped Lena', '--staff', 'Bo', '--served', 'Lena', '--customer', 'Lena'], 2, /--served names the colleague served/],
    ['--served with --external', ['story', 'add', 'Bo helped Lena', '--staff', 'Bo', '--served', 'Lena', '--external'], 2, /--served names the colleague served/],
    ['linking a colleague nobody named', ['chain', 'link', 'Nobody', 'Ana'], 3, /no colleague served called "Nobody"/],
    ['a chain --format svc has not', ['chain', '--format', 'pdf'], 2, /--format "pdf" is not one of/],
    ['a chain --until in the future', ['chain', '--until', '2026-04-01'], 2, /future/],
  ])('%s', async (_name, args, code, message) => await expectRefused(svc, args, code, message));

  it('says how to record a story for a colleague svc does not know yet', async () => {
    const result = await svc.run(['story', 'add', 'Bo helped Zed', '--staff', 'Bo', '--served', 'Zed']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('hint: --served names someone already in svc (svc people); for a colleague svc does not know, record it with --internal --customer "Zed"');
  });

  it('refuses to link a colleague to nobody', async () => {
    await ok(['story', 'add', 'Ana helped Tom with the rota', '--staff', 'Ana', '--customer', 'Tom', '--internal']);
    const before = svc.snapshot();
    const result = await svc.run(['chain', 'link', 'Tom', 'Zed']);
    expect(result.code).toBe(3);
    expectCleanError(result.stderr, /nobody called "Zed"/);
    expect(svc.snapshot()).toBe(before);
  });
});
