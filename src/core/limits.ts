import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';

/** Caps on short texts besides a story's own fields (see story.ts), on the command line and in an import. */
export const MAX_NOTE_LENGTH = 2_000;
export const MAX_PRACTICE_NAME_LENGTH = 120;
export const MAX_PHRASE_LENGTH = 200;

/** A short text trimmed (NFC), null when blank, refused beyond max characters; `label` names it (a flag). */
export function cappedText(value: string | undefined | null, label: string, max: number): string | null {
  const trimmed = value?.normalize('NFC').trim();
  if (!trimmed) return null;
  if (trimmed.length > max) throw new ValidationError(messages.fieldTooLong(label, trimmed.length, max), messages.fieldTooLongHint);
  return trimmed;
}
