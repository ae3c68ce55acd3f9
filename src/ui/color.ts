import { Chalk, supportsColor, supportsColorStderr, type ChalkInstance } from 'chalk';

export type { ChalkInstance };

/**
 * Colour is decided once per stream: off for NO_COLOR (non-empty), TERM=dumb,
 * --no-color, or a stream that is not a terminal. chalk ignores NO_COLOR itself,
 * so the level is set explicitly.
 */
export function colorFor(
  stream: 'stdout' | 'stderr',
  isTTY: boolean,
  env: Record<string, string | undefined>,
  flagAllowsColor: boolean,
): ChalkInstance {
  const off = !flagAllowsColor || !isTTY || Boolean(env.NO_COLOR) || env.TERM === 'dumb';
  const detected = stream === 'stdout' ? supportsColor : supportsColorStderr;
  const level = off ? 0 : Math.max(1, detected ? detected.level : 1);
  return new Chalk({ level: level as 0 | 1 | 2 | 3 });
}
