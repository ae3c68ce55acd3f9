import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
