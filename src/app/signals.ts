import { NotFoundError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { measureName, signalRows, type Signal } from '../core/signal.ts';
import type { FormRow } from '../core/story-import.ts';
import type { SignalDraft, Store } from '../store/store.ts';
import { requirePractice } from './practice.ts';

export interface SignalImportResult {
  /** Rows in the file. */
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
}

/** "line 3: …" on a row's not-found practice or story, keeping its kind and hint. */
function onLine<T>(line: number, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ValidationError) error.message = messages.signalRowProblem(line, error.message);
    throw error;
  }
}

/**
 * Imports outcome signals from a form file's rows, in one transaction: every row is
 * checked (its practice or story must exist) before anything is stored, so a bad row
 * stores nothing. A signal already stored (same day, measure and subject) takes the
 * file's value.
 */
export function importSignals(store: Store, input: { form: { headers: readonly string[]; rows: readonly FormRow[] } }, now: Date): SignalImportResult {
  const rows = signalRows(input.form, now);
  return store.transaction(() => {
    const drafts: SignalDraft[] = rows.map((row) =>
      onLine(row.line, () => {
        if (row.storyId !== null && !store.stories.get(row.storyId)) throw new NotFoundError(messages.storyNotFound(row.storyId), messages.storyNotFoundHint);
        const practiceId = row.practice === null ? null : requirePractice(store, row.practice).id;
        return { on: row.on, measure: row.measure, value: row.value, practiceId, storyId: row.storyId };
      }),
    );
    return { rows: rows.length, ...store.signals.save(drafts, now.toISOString()) };
  });
}

/** The signals stored, latest first; one measure's only when named. */
export function listSignals(store: Store, input: { measure?: string | undefined }): Signal[] {
  return store.signals.list({ measure: input.measure === undefined ? undefined : measureName(input.measure) });
}
