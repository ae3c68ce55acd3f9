/**
 * The few ANSI styles svc uses, chainable like chalk (`c.bold.yellow(text)`). Not
 * chalk itself: chalk imports supports-color, which loads tty and net at start-up even
 * when colour is off, and svc only needs on or off (all its styles are basic ANSI).
 */
export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

export type Palette = { (...text: unknown[]): string } & { readonly [S in Style]: Palette };

const CODES: Record<Style, readonly [open: string, close: string]> = {
  bold: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  red: ['\x1b[31m', '\x1b[39m'],
  green: ['\x1b[32m', '\x1b[39m'],
  yellow: ['\x1b[33m', '\x1b[39m'],
  cyan: ['\x1b[36m', '\x1b[39m'],
};

const STYLES = Object.keys(CODES) as Style[];

function paint(text: string, styles: readonly Style[]): string {
  let out = text;
  // Innermost first, so the outer style wraps the inner; as chalk does, a nested close
  // re-opens the outer style and lines are closed and re-opened around line breaks.
  for (const style of [...styles].reverse()) {
    const [open, close] = CODES[style];
    if (out.includes(close)) out = out.replaceAll(close, close + open);
    if (out.includes('\n')) out = out.replace(/(\r?\n)/gu, `${close}$1${open}`);
    out = open + out + close;
  }
  return out;
}

function palette(enabled: boolean, styles: readonly Style[]): Palette {
  const fn = (...text: unknown[]): string => {
    const joined = text.join(' ');
    return enabled && styles.length > 0 && joined ? paint(joined, styles) : joined;
  };
  for (const style of STYLES) {
    Object.defineProperty(fn, style, { get: () => palette(enabled, [...styles, style]), enumerable: true });
  }
  return fn as Palette;
}

/**
 * Colour is decided once per stream: off for NO_COLOR (non-empty), TERM=dumb,
 * --no-color, or a stream that is not a terminal.
 */
export function colorFor(isTTY: boolean, env: Record<string, string | undefined>, flagAllowsColor: boolean): Palette {
  const on = flagAllowsColor && isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
  return palette(on, []);
}
