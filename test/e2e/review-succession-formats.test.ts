import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError } from '../helpers/cli.ts';
import { launchChromium, openDocument } from '../helpers/browser.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

const PRACTICE = 'Call back the same day';
const LATER = { env: { SVC_NOW: '2026-07-01T10:00:00' } };
let svc: InProcessSandbox;

async function ok(args: string[], options: { env?: Record<string, string> } = {}): Promise<{ stdout: string; stderr: string }> {
  const result = await svc.run(args, options);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

/** The page's text per selector; opening it fails on a console error or a request beyond the file. */
async function readPage(file: string, selectors: string[]): Promise<{ texts: string[] }> {
  const browser = await launchChromium();
  try {
    const page = await openDocument(browser, file, { width: 1000, height: 800 });
    const texts: string[] = [];
    for (const selector of selectors) texts.push((await page.$eval(selector, (el) => (el as unknown as { innerText: string }).innerText)).replace(/\s+/gu, ' ').trim());
    return { texts };
  } finally {
    await browser.close();
  }
}

beforeEach(async () => {
  svc = inProcessSandbox();
  await ok(['practice', 'add', PRACTICE]);
  await ok(['practice', 'adopt', PRACTICE, '--procedure', '1. Note the promised time.\n2. Call back the same day, even without news.']);
  for (const [text, staff] of [
    ['Ana called the customer back the same day and sent a written summary by email', 'Ana'],
    ['Ana called back the same day and sent a summary email of the <options>', 'Ana'],
    ['Ana called back before noon as promised', 'Ana'],
    ['Bo called back the same day as promised', 'Bo'],
  ] as const) {
    await ok(['story', 'add', text, '--staff', staff, '--practice', PRACTICE]);
  }
  await ok(['people', 'edit', 'Cy', '--team', 'Support']);
});
afterEach(() => svc.cleanup());

describe('svc practice review in every format', () => {
  it('md: the schedule, the steps, each story with its reading, escaped', async () => {
    const md = (await ok(['practice', 'review', PRACTICE, '--format', 'md'], LATER)).stdout;
    expect(md).toMatch(/^# Review: Call back the same day\n/u);
    expect(md).toContain('Review due since 2026-06-16.');
    expect(md).toContain('1. Note the promised time.');
    expect(md).toContain('| \\#2 | 2026-03-18 | Ana | goes beyond \\(sent, summary, email\\) |');
    expect(md).toContain('\\<options\\>');
    expect(md).toContain('- email \\(2 stories\\)');
  });

  it('text to --out: the terminal layout without colour, in an owner-only file; --json to --out', async () => {
    const file = join(svc.dir, 'review.txt');
    const result = await ok(['practice', 'review', PRACTICE, '--out', file], LATER);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Wrote the review to ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"Call back the same day" version 1 · written');
    expect(text).toContain('  #2 2026-03-18 Ana: goes beyond (sent, summary, email)');
    expect(text).not.toContain('\u001b[');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const json = join(svc.dir, 'review.json');
    await ok(['practice', 'review', PRACTICE, '--json', '--out', json], LATER);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ practice: PRACTICE, version: 1, due: true, confirmed: false });
  });

  it('--confirm --format html: a page that says it was confirmed, read in a browser without errors or requests', async () => {
    const file = join(svc.dir, 'review.html');
    await ok(['practice', 'review', PRACTICE, '--confirm', '--format', 'html', '--out', file], LATER);
    const page = await readPage(file, ['h1', 'section.schedule', 'section.steps ol', 'table.stories tbody']);
    expect(page.texts[0]).toBe('Review: Call back the same day');
    expect(page.texts[1]).toContain('Confirmed unchanged: next review on 2026-09-29.');
    expect(page.texts[2]).toBe('Note the promised time. Call back the same day, even without news.');
    expect(page.texts[3]).toContain('#2 2026-03-18 Ana goes beyond (sent, summary, email)');
    expect(page.texts[3]).toContain('of the <options>');
    expect(readFileSync(file, 'utf8')).not.toContain('<options>');
  });

  it('a bad format or an --out through a symbolic link: a clean error, the confirmation not stored', async () => {
    const before = svc.snapshot();
    const format = await svc.run(['practice', 'review', PRACTICE, '--confirm', '--format', 'pdf'], LATER);
    expect(format.code).toBe(2);
    expectCleanError(format.stderr, /--format/u);
    const target = join(svc.dir, 'elsewhere.txt');
    writeFileSync(target, 'keep');
    const link = join(svc.dir, 'link.html');
    symlinkSync(target, link);
    const linked = await svc.run(['practice', 'review', PRACTICE, '--format', 'html', '--out', link], LATER);
    expect(linked.code).not.toBe(0);
    expectCleanError(linked.stderr, /link/u);
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(svc.snapshot()).toBe(before);
  });
});

describe('svc people succession in every format', () => {
  it('md: the practices at risk with the pairing suggested', async () => {
    const md = (await ok(['people', 'succession', 'Ana', '--format', 'md'])).stdout;
    expect(md).toMatch(/^# What depends on Ana\n/u);
    expect(md).toContain('## Without Ana');
    expect(md).toContain('| Call back the same day | standard | 75 % | Bo | Cy with Ana \\(does not show it yet\\) |');
    expect(md).toContain("`svc people succession Ana --pair PRACTICE --learner NAME`");
  });

  it('text to --out and --json: the same figures', async () => {
    const file = join(svc.dir, 'ana.txt');
    await ok(['people', 'succession', 'Ana', '--out', file]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Without Ana');
    expect(text).toContain('Call back the same day [standard]: Ana holds 75 % of its stories; only Bo would show it');
    const json = (await svc.json<{ person: string; atRisk: Array<{ practice: string; share: number; without: string[] }> }>(['people', 'succession', 'Ana']));
    expect(json.person).toBe('Ana');
    expect(json.atRisk.map((p) => [p.practice, p.share, p.without])).toEqual([[PRACTICE, 0.75, ['Bo']]]);
  });

  it('html after a pairing: the table and the pairing, read in a browser without errors or requests', async () => {
    await ok(['people', 'succession', 'Ana', '--pair', PRACTICE, '--learner', 'Cy']);
    const file = join(svc.dir, 'ana.html');
    await ok(['people', 'succession', 'Ana', '--format', 'html', '--out', file], LATER);
    const page = await readPage(file, ['h1', 'table.at-risk tbody tr', 'section.pairings']);
    expect(page.texts[0]).toBe('What depends on Ana');
    expect(page.texts[1]).toMatch(/^Call back the same day standard 75 % Bo Cy with Ana \(does not show it yet\)$/u);
    expect(page.texts[2]).toMatch(/Call back the same day: Cy since \d{4}-\d{2}-\d{2}/u);
  });

  it('an unknown person with --format html: a clean error, nothing written', async () => {
    const before = svc.snapshot();
    const file = join(svc.dir, 'nobody.html');
    const result = await svc.run(['people', 'succession', 'Nobody', '--format', 'html', '--out', file]);
    expect(result.code).toBe(3);
    expectCleanError(result.stderr, /Nobody/u);
    expect(existsSync(file)).toBe(false);
    expect(svc.snapshot()).toBe(before);
  });
});
