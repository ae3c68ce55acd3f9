import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';

// C0 and C1 controls (tab and line breaks are white space, which names collapse) and the
// bidirectional controls that make a terminal show text in another order than it is.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The first control character in a text, as "U+001B", or undefined. */
export function controlIn(text: string): string | undefined {
  const found = CONTROL.exec(text)?.[0];
  return found === undefined ? undefined : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Refuses a name (of a person, customer, tag or practice) that holds a control character; returns it. */
export function checkName(text: string, what: string): string {
  const code = controlIn(text);
  if (code) throw new ValidationError(messages.controlInName(what, code), messages.controlInNameHint);
  return text;
}
