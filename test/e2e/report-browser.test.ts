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
});
