import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';

/** Caps on short texts besides a story's own fields (see story.ts), on the command line and in an import. */
export const MAX_NOTE_LENGTH = 2_000;
export const MAX_PRACTICE_NAME_LENGTH = 120;
export const MAX_PHRASE_LENGTH = 200;

/** A short text trimmed (NFC), null when blank, refused beyond max characters or with a NUL; `label` names it (a flag). */
export function cappedText(value: string | undefined | null, label: string, max: number): string | null {
  const trimmed = value?.normalize('NFC').trim();
  if (!trimmed) return null;
  if (trimmed.length > max) throw new ValidationError(messages.fieldTooLong(label, trimmed.length, max), messages.fieldTooLongHint);
  return refuseNul(trimmed, label);
}

/**
 * The text as it is, refused when it holds a NUL (U+0000): no text a person types holds
 * one, and PostgreSQL cannot store it in a text column, so neither engine takes it.
 */
export function refuseNul(text: string, label: string): string {
  if (text.includes('\u0000')) throw new ValidationError(messages.holdsNul(label), messages.holdsNulHint);
  return text;
}
