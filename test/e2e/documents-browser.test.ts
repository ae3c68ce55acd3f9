/// <reference lib="dom" />
/**
 * The three documents a team puts on a projector or prints (the report, the playbook, a
 * training plan), built from the demo database and read in headless Chromium at 1280×800
 * and as A4 print. The checks are what a reader needs, not pixels. With
 * UPDATE_SCREENSHOTS=1 the PNG screenshots are written to docs/screenshots/ for the
 * README; otherwise, like the printed PDFs, to test/artifacts/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A4, A4_CONTENT_WIDTH, launchChromium, openDocument } from '../helpers/browser.ts';
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url)) : ARTIFACTS;
const TEAM = 'Riverside Store';

let svc: SvcSandbox;
let browser: Browser;
const files: Record<'report' | 'playbook' | 'plan', string> = { report: '', playbook: '', plan: '' };

beforeAll(async () => {
  svc = sandbox();
  // demo builds where --db says, and never where SVC_DB (the user's real database) points.
  // The demo is a file of its own on either engine: it never writes made-up stories to a server.
  const demoDb = join(svc.dir, 'demo.db');
  const demo = svc.run(['--db', demoDb, 'demo'], { env: { SVC_DB: undefined } });
  if (demo.code !== 0) throw new Error(demo.stderr);
  const write = (name: keyof typeof files, args: string[]) => {
    files[name] = join(svc.dir, `${name}.html`);
    const result = svc.run(['--db', demoDb, ...args, '--format', 'html', '--out', files[name]], { env: { SVC_TEAM_NAME: TEAM } });
    if (result.code !== 0) throw new Error(result.stderr);
  };
  write('report', ['report']);
  write('playbook', ['playbook']);
  write('plan', ['train', 'plan', 'Call back the same day']);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  svc?.cleanup();
});

function open(file: string, viewport: { width: number; height: number }, media: 'screen' | 'print' = 'screen'): Promise<Page> {
  return openDocument(browser, file, viewport, media);
}

/** Nothing wider than the page: no horizontal scrolling, no element running past the right edge. */
async function expectFits(page: Page, width: number): Promise<void> {
  const overflow = await page.evaluate((limit) => {
    const wide = [...document.querySelectorAll('body *')]
      .map((el) => ({ tag: el.tagName.toLowerCase(), cls: el.getAttribute('class') ?? '', right: el.getBoundingClientRect().right }))
      .filter((box) => box.right > limit + 0.5);
    return { scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 5) };
  }, width);
  expect(overflow.wide).toEqual([]);
  expect(overflow.scroll).toBeLessThanOrEqual(width);
}

/** The screen screenshot at 1280×800, the print one at A4 width, and the PDF the browser prints on A4. */
async function shoot(name: string, file: string): Promise<void> {
  const screen = await open(file, { width: 1280, height: 800 });
  await screen.screenshot({ path: join(SHOTS, `${name}.png`) });
  await screen.close();
  // Nothing is cut inside the printed page's margins...
  const content = await open(file, { width: A4_CONTENT_WIDTH, height: A4.height }, 'print');
  await expectFits(content, A4_CONTENT_WIDTH);
  await content.close();
  // ...and the first printed page, for the README.
  const print = await open(file, A4, 'print');
  await print.screenshot({ path: join(SHOTS, `${name}-a4.png`) });
  const pdf = await print.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThan(0);
  writeFileSync(join(ARTIFACTS, `${name}-a4.pdf`), pdf);
  await print.close();
}

/**
 * Text whose contrast with what is behind it is under 4.5:1 (WCAG AA), which a washed-out
 * projector makes unreadable. Chart text is measured against the period band, the
 * darkest thing it may sit on.
 */
async function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (a: number[], b: number[]) => {
      const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return ((l1 ?? 0) + 0.05) / ((l2 ?? 0) + 0.05);
    };
    const background = (el: Element | null): number[] => {
      for (let node = el; node; node = node.parentElement) {
        const [r, g, b, alpha = 1] = rgb(getComputedStyle(node).backgroundColor);
        if (alpha > 0) return [r ?? 255, g ?? 255, b ?? 255];
      }
      return [255, 255, 255];
    };
    const band = [...document.querySelectorAll('rect.period-band')].map((r) => rgb(getComputedStyle(r).fill))[0] ?? [255, 255, 255];
    const poor: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const text = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!text) continue;
      const inChart = el.closest('svg') !== null;
      const colour = rgb(inChart ? getComputedStyle(el).fill : getComputedStyle(el).color);
      const behind = inChart ? band : background(el);
      const value = ratio(colour, behind);
      if (value < 4.5) poor.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${text.slice(0, 30)}" ${value.toFixed(2)}`);
    }
    return poor;
  });
}

const top = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);

describe('the report for a meeting room', () => {
  it('puts the agenda and alerts first, names the team and the time it was made', async () => {
    const page = await open(files.report, { width: 1280, height: 800 });
    expect(await page.textContent('header .team')).toBe(TEAM);
    expect(await page.textContent('header .generated')).toBe('Generated 2026-03-18 10:00');
    expect(await page.title()).toBe(`${TEAM} · Service report 2026-02-19 to 2026-03-18`);
    const headings = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent));
    expect(headings.slice(0, 3)).toEqual(['Suggested agenda', 'Alerts', 'Headline']);
    // On the first screen: the agenda is visible without scrolling, and comes before any chart.
    expect(await top(page, '#agenda ol li')).toBeLessThan(800);
    expect(await top(page, '#alerts')).toBeLessThan(await top(page, 'svg.chart'));
    expect(await page.$$eval('#alerts li', (lis) => lis.map((li) => li.textContent))).toEqual([
      'Drift: "Send a written summary" is a standard but has had no evidence for 4 weeks',
      'Depends on one person: "Walk them to it" depends on Marta (over all time: spread 2, star share 89%)',
    ]);
    await expectFits(page, 1280);
    expect(await lowContrast(page)).toEqual([]);
    await page.close();
  });

  it('draws every chart with dated weeks, counts, printed values and the period marked, the practices on one scale', async () => {
    const page = await open(files.report, { width: 1280, height: 800 });
    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const texts = (cls: string) => [...svg.querySelectorAll(`text.${cls}`)];
        const inside = (el: Element) => {
          const b = el.getBoundingClientRect();
          return b.width > 0 && b.left >= box.left - 1 && b.right <= box.right + 1 && b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
        };
        const bars = [...svg.querySelectorAll('rect.bar')];
        const values = texts('value');
        return {
          name: svg.getAttribute('data-chart'),
          label: svg.getAttribute('aria-label'),
          title: svg.querySelector('title')?.textContent,
          xLabels: texts('x-label').map((t) => t.textContent),
          yLabels: texts('y-label').map((t) => t.textContent),
          axisTitles: [...texts('x-title'), ...texts('y-title')].map((t) => t.textContent),
          period: texts('period-label').map((t) => t.textContent),
          band: svg.querySelectorAll('rect.period-band').length,
          bars: bars.length,
          // Every bar carries its number above it, as text on the page, not a hover tooltip.
          barsWithValues: bars.filter((bar) => {
            const b = bar.getBoundingClientRect();
            return values.some((v) => {
              const t = v.getBoundingClientRect();
              return Number(v.textContent) > 0 && t.left < b.right && t.right > b.left && t.bottom <= b.top + 2;
            });
          }).length,
          allInside: [...svg.querySelectorAll('text')].every(inside),
          smallestFont: Math.min(...[...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect().height)),
        };
      }),
    );
    expect(charts.map((c) => c.name)).toEqual([
      'stories per week',
      'weekly stories: Call back the same day',
      'weekly stories: Remember the customer',
      'weekly stories: Send a written summary',
      'weekly stories: Walk them to it',
    ]);
    for (const chart of charts) {
      expect(chart.title).toBe(chart.name);
      expect(chart.label).toBe(`${chart.name}, by week`);
      expect(chart.xLabels.length, `${chart.name}: dated weeks`).toBeGreaterThanOrEqual(4);
      for (const label of chart.xLabels) expect(label).toMatch(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/);
      expect(chart.yLabels[0]).toBe('0');
      expect(chart.axisTitles).toEqual(['week starting', 'stories']);
      expect(chart.period).toEqual(['this period']);
      expect(chart.band).toBe(1);
      expect(chart.barsWithValues, `${chart.name}: values on the bars`).toBe(chart.bars);
      expect(chart.allInside, `${chart.name}: text cut off`).toBe(true);
      // Readable from the back of the room: no chart text under 10 px at 1280 wide.
      expect(chart.smallestFont).toBeGreaterThanOrEqual(10);
    }
    const [trend, ...practices] = charts;
    expect(trend?.xLabels).toEqual(['22 Jan', '29 Jan', '5 Feb', '12 Feb', '19 Feb', '26 Feb', '5 Mar', '12 Mar']);
    expect(trend?.bars).toBe(8);
    // One scale for every practice: the same top of the y axis, whatever each one's peak.
    expect(new Set(practices.map((p) => p.yLabels.at(-1)))).toEqual(new Set(['2']));
    expect(practices.find((p) => p.name?.endsWith('Send a written summary'))?.bars).toBe(1);
    expect(await page.textContent('figure.trend figcaption')).toBe('Stories per week, the last 8 weeks (dashed line: 5.5 a week before this period)');
    await page.close();
  });

  it('says every change in words as well as colour, and shows people alphabetically without bars', async () => {
    const page = await open(files.report, { width: 1280, height: 800 });
    const changes = await page.$$eval('.change', (els) => els.map((el) => ({ text: el.textContent?.trim(), cls: el.className, color: getComputedStyle(el).color })));
    expect(changes.length).toBeGreaterThan(5);
    for (const change of changes) {
      expect(change.text).toMatch(/(up \d+( points)?|down \d+( points)?|no change|new)$/);
      const direction = /(up|down|same|new)$/.exec(change.cls)?.[1];
      expect(change.text).toContain({ up: 'up', down: 'down', same: 'no change', new: 'new' }[direction ?? 'same']);
    }
    const up = changes.find((c) => c.cls.endsWith('up'));
    const down = changes.find((c) => c.cls.endsWith('down'));
    expect(up?.color).not.toBe(down?.color);
    expect(await page.textContent('#headline .figure:first-child')).toMatch(/stories\s*37\s*▲ up 15/);
    expect(await page.textContent('body')).not.toMatch(/was 0 ?%/);
    const people = await page.$$eval('#team li', (lis) => lis.map((li) => li.firstChild?.textContent?.trim()));
    expect(people).toEqual(['Ana', 'Bo', 'Chen', 'Dara', 'Eli', 'Femi', 'Gus', 'Hana', 'Ivo', 'Marta', 'Sam']);
    expect(await page.$$eval('#team svg, #team rect', (els) => els.length)).toBe(0);
    await page.close();
  });

  it('fits A4 when printed, and leaves its screenshots', async () => {
    await shoot('meeting-report', files.report);
  });
});

describe('the playbook', () => {
  it('links its contents to each standard, numbers the steps, flags drift and says who is trained', async () => {
    const page = await open(files.playbook, { width: 1280, height: 800 });
    const links = await page.$$eval('ol.contents a', (as) =>
      as.map((a) => {
        const target = document.getElementById((a.getAttribute('href') ?? '').slice(1));
        return { text: a.textContent, heading: target?.querySelector('h2')?.textContent ?? null, note: a.nextElementSibling?.textContent };
      }),
    );
    expect(links).toEqual([
      { text: 'Call back the same day', heading: 'Call back the same day', note: 'version 1 · 8 of 11 trained' },
      { text: 'Send a written summary', heading: 'Send a written summary', note: 'version 1 · 0 of 11 trained · drifting' },
    ]);
    await page.click('ol.contents a >> nth=1');
    expect(page.url()).toMatch(/#send-a-written-summary$/);
    expect(await page.evaluate(() => document.getElementById('send-a-written-summary')?.getBoundingClientRect().top)).toBeLessThan(10);

    const steps = await page.$$eval('section.practice', (sections) =>
      sections.map((s) => ({
        name: s.querySelector('h2')?.textContent,
        steps: [...s.querySelectorAll('section.procedure ol > li')].map((li) => li.textContent),
        drift: [...s.querySelectorAll(':scope > .warning')].map((w) => w.textContent).filter((t) => t?.includes('drifting')),
        trained: s.querySelector('dl')?.textContent,
      })),
    );
    expect(steps[0]?.steps).toEqual([
      'Say what you will find out and by when (today).',
      "Write the customer's number and the promise in the ticket.",
      "Call back before the promised time, even if the answer is 'not yet'.",
      'Close the ticket with what you told them.',
    ]);
    // A one-sentence procedure stays a sentence, not a one-step list.
    expect(steps[1]?.steps).toEqual([]);
    expect(await page.textContent('#send-a-written-summary section.procedure pre')).toBe(
      'After any call with more than one decision, email a summary of the decisions and dates within the hour.',
    );
    expect(steps.map((s) => s.drift.length)).toEqual([0, 1]);
    expect(steps[0]?.trained).toContain('8 of 11 trained');
    await expectFits(page, 1280);
    expect(await lowContrast(page)).toEqual([]);
    await page.close();
  });

  it('fits A4 when printed, and leaves its screenshots', async () => {
    await shoot('playbook', files.playbook);
  });
});

describe('the training plan', () => {
  it('carries the procedure, who still needs training, a role-play from a real story and a sign-in sheet to sign', async () => {
    const page = await open(files.plan, { width: 1280, height: 800 });
    expect(await page.$$eval('section.procedure ol li', (lis) => lis.length)).toBe(4);
    expect(await page.$$eval('section.still-to-train li', (lis) => lis.map((li) => li.textContent))).toEqual(['Dara', 'Marta', 'Sam']);
    const customer = await page.$$eval('section.role-play dt', (dts) => dts.find((dt) => dt.textContent === 'Customer')?.nextElementSibling?.textContent);
    expect(customer).toBe('the customer in story #73, on the phone: a booking disappeared from the system.');
    const sheet = await page.$$eval('table.sign-in tbody tr', (rows) =>
      rows.map((row) => {
        const [name, signature] = [...row.querySelectorAll('td')];
        return { name: name?.textContent, signature: signature?.textContent, height: signature?.getBoundingClientRect().height ?? 0 };
      }),
    );
    expect(sheet.map((r) => r.name)).toEqual(['Dara', 'Marta', 'Sam', '', '', '', '']);
    for (const row of sheet) {
      expect(row.signature).toBe('');
      expect(row.height, 'room to sign').toBeGreaterThanOrEqual(36);
    }
    await expectFits(page, 1280);
    expect(await lowContrast(page)).toEqual([]);
    await page.close();
  });

  it('starts the sign-in sheet on its own page when printed on A4, and leaves its screenshots', async () => {
    const print = await open(files.plan, A4, 'print');
    expect(await print.$eval('section.sign-in', (s) => getComputedStyle(s).breakBefore)).toBe('page');
    await print.close();
    await shoot('training-plan', files.plan);
  });
});
