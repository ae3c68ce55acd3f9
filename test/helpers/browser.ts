import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** A4 at the CSS 96 dpi: 210 × 297 mm. */
export const A4 = { width: 794, height: 1123 } as const;

/** What is left of A4's width inside the documents' page margins (12 to 14 mm each side): 180 mm. */
export const A4_CONTENT_WIDTH = 680;

/** Headless Chromium with nothing that reaches the network; fails loudly when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it (apt-get install -y chromium) to run the browser test`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Opens a document file on a screen of the given size or as print, failing on console
 * errors and warnings and on any request but the file itself (svc's documents are self-contained).
 */
export async function openDocument(browser: Browser, file: string, viewport: { width: number; height: number }, media: 'screen' | 'print' = 'screen'): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.emulateMedia({ media });
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  expect(problems).toEqual([]);
  expect(requests).toEqual([url]);
  return page;
}
