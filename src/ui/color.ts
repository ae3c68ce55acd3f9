import { Chalk, type ChalkInstance } from 'chalk';

/** The colours of one output stream: chalk with the level svc decided for it. */
export type Palette = ChalkInstance;

/**
 * Colour is decided once per stream: off for NO_COLOR (non-empty), TERM=dumb,
 * --no-color, or a stream that is not a terminal. chalk ignores NO_COLOR itself and
 * its own detection is left out of the bundle, so the level is set explicitly.
 */
export function colorFor(isTTY: boolean, env: Record<string, string | undefined>, flagAllowsColor: boolean): Palette {
  const on = flagAllowsColor && isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
  return new Chalk({ level: on ? colorLevel(env) : 0 });
}

/** 16 colours unless the terminal says it has more. */
function colorLevel(env: Record<string, string | undefined>): 1 | 2 | 3 {
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return /256/.test(env.TERM ?? '') ? 2 : 1;
}
