import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, openDocument } from '../helpers/browser.ts';
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { seedCrafted } from '../helpers/report-team.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
});
afterEach(() => svc.cleanup());

describe('the HTML report in a browser', () => {
  it('renders without console errors or network requests, and every chart draws', async () => {
    seedCrafted(svc.db);
    const out = join(svc.dir, 'meeting.html');
    expect(svc.run(['report', '--format', 'html', '--out', out]).code).toBe(0);

    const browser = await launchChromium();
    try {
      const page = await openDocument(browser, out, { width: 1100, height: 900 });
      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => {
          const shapes = [...svg.querySelectorAll('rect, line, path, circle, polyline')].filter((shape) => {
            const box = (shape as unknown as { getBBox(): { width: number; height: number } }).getBBox();
            return box.width > 0 || box.height > 0;
          });
          const box = svg.getBoundingClientRect();
          return { name: svg.getAttribute('data-chart'), shapes: shapes.length, bars: svg.querySelectorAll('rect.bar').length, width: box.width, height: box.height };
        }),
      );
      expect(charts.map((c) => c.name)).toEqual([
        'stories per week',
        'weekly stories: Call back',
        'weekly stories: Walk along',
        'weekly stories: Written summary',
      ]);
      for (const chart of charts) {
        expect(chart.shapes, `${chart.name} draws nothing`).toBeGreaterThan(0);
        expect(chart.width).toBeGreaterThan(0);
        expect(chart.height).toBeGreaterThan(0);
      }
      expect(charts.filter((c) => c.name !== 'weekly stories: Written summary').every((c) => c.bars > 0)).toBe(true);
      const headings = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
      expect(headings).toContain('Suggested agenda');
      // User text arrives as text, never as markup.
      expect(await page.$$eval('script', (s) => s.length)).toBe(0);
      expect(await page.textContent('body')).toContain('<script>alert(1)</script>');

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(ARTIFACTS, 'report-print.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it('shades exactly the weeks of the period, so the shaded bars add up to the figures printed beside them', async () => {
    // The default period runs from 2026-02-17 to 2026-03-18 (30 days): the days just before it
    // (2026-02-12 to 02-16) once shared a shaded week with its first two days.
    const stories: Array<[string, string, string]> = [
      ['Ana', '2026-02-13', 'lend'],
      ['Bo', '2026-02-15', 'lend'],
      ['Cy', '2026-02-16', 'other'],
      ['Ana', '2026-02-17', 'lend'],
      ['Bo', '2026-02-18', 'other'],
      ['Cy', '2026-03-02', 'lend'],
      ['Ana', '2026-03-18', 'other'],
    ];
    for (const [staff, when, tag] of stories) {
      expect(svc.run(['story', 'add', `${staff} lent the customer a spare`, '--staff', staff, '--tag', tag, '--when', when]).code).toBe(0);
    }
    expect(svc.run(['practice', 'add', 'Lend a spare', '--tag', 'lend']).code).toBe(0);
    expect(svc.run(['practice', 'status', 'Lend a spare', 'adopted']).code).toBe(0);
    const out = join(svc.dir, 'meeting.html');
    expect(svc.run(['report', '--format', 'html', '--out', out]).code).toBe(0);

    const browser = await launchChromium();
    try {
      const page = await openDocument(browser, out, { width: 1280, height: 900 });
      // What each chart draws inside its shaded band: the values printed over the bars there.
      const shaded = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => {
          const band = svg.querySelector('rect.period-band')?.getBoundingClientRect();
          const values = [...svg.querySelectorAll('text.value')].filter((t) => {
            const box = t.getBoundingClientRect();
            const middle = (box.left + box.right) / 2;
            return band !== undefined && middle > band.left && middle < band.right;
          });
          return { name: svg.getAttribute('data-chart'), sum: values.reduce((total, t) => total + Number(t.textContent), 0), values: values.length };
        }),
      );
      const headline = await page.$$eval('#headline .figure', (figures) =>
        figures.find((f) => f.querySelector('.label')?.textContent === 'stories')?.querySelector('b')?.textContent,
      );
      const card = await page.textContent('article.practice p');
      expect(headline).toBe('4');
      expect(card).toMatch(/^this period: 2 stories · 2 people/u);
      // Five weeks in the period: two days from its start, then four whole weeks to its end.
      expect(shaded).toEqual([
        { name: 'stories per week', sum: 4, values: 5 },
        { name: 'weekly stories: Lend a spare', sum: 2, values: 5 },
      ]);
    } finally {
      await browser.close();
    }
  });
});
