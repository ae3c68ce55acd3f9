/**
 * What an import does with a file some of whose rows are bad: the one rule every import
 * that takes --skip-invalid follows (stories, customers).
 */
import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';

export interface RowTally {
  /** The file as messages name it ("stdin" for -). */
  file: string;
  /** Rows that passed every check (a row already imported is a good row). */
  good: number;
  /** Rows listed as bad. */
  bad: number;
}

export interface BadRowsWording {
  /** The command's own refusal of a file with a bad row, when --skip-invalid was not given. */
  refusal: string;
  /** What to do next; --skip-invalid is worth offering only when some row is good. */
  hint: (someGood: boolean) => string;
}

/**
 * The refusal an import owes, or undefined when it may go on. Without --skip-invalid any
 * bad row refuses the whole file. With it the good rows go in, but a file with no good
 * row is refused all the same: an import that stored nothing and exited 0 would tell the
 * script that ran it that the import worked. (A file with no rows at all is refused
 * earlier, by each reader, with or without --skip-invalid.)
 */
export function badRowsRefusal(rows: RowTally, skipInvalid: boolean, wording: BadRowsWording): ValidationError | undefined {
  if (rows.bad === 0) return undefined;
  const someGood = rows.good > 0;
  if (!skipInvalid) return new ValidationError(wording.refusal, wording.hint(someGood));
  return someGood ? undefined : new ValidationError(messages.importEveryRowBad(rows.file, rows.bad), wording.hint(false));
}
