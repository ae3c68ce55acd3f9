import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';

// Longer runs of digits are no id svc has made, and Number() would round them.
const ID = /^#?(\d{1,15})$/u;

/** The id written in text ("12" or "#12", spaces around allowed), or undefined when it is not written as one. */
export function idIn(text: string): number | undefined {
  const match = ID.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** Parses an id as typed, "12" or "#12"; a bad one is refused naming `noun` ("not an interview id"). */
export function parseId(noun: string, text: string): number {
  const id = idIn(text);
  if (id === undefined || id < 1) throw new ValidationError(messages.badId(noun, text), messages.badIdHint(noun));
  return id;
}
