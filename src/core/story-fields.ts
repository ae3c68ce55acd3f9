// The closed lists a story's fields take. Apart from story.ts, which needs dates, so
// that the command tree (`svc --help`) can name and check them without loading date-fns.
import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';

export const CHANNELS = ['phone', 'email', 'in-person', 'chat', 'social', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SOURCES = ['observed', 'compliment', 'interview', 'self'] as const;
export type Source = (typeof SOURCES)[number];

/** Bitner, Booms & Tetreault (1990): what the great moment responded to. */
export const TRIGGERS = ['recovery', 'request', 'spontaneous'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const CUSTOMER_KINDS = ['external', 'internal'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/** Checks a value against a closed list; a miss names the flag and the allowed values. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  const v = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new ValidationError(messages.notOneOf(flag, value, allowed), messages.notOneOfHint(flag, allowed));
}
