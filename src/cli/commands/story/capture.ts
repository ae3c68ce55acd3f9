import { embedText, hasSuggestablePractices, loadPracticeIndex, scoredText, suggestPractices, type PracticeIndex } from '../../../app/suggest.ts';
import type { Encoder } from '../../../core/encoder.ts';
import { messages } from '../../../core/messages.ts';
import { vectorToBytes, type Vector } from '../../../core/suggest.ts';
import { errorCode } from '../../../core/errors.ts';
import type { Context } from '../../context.ts';
import { embedStories, loadEncoderLean } from '../../semantic.ts';

/** What the guided prompt needs to suggest practices: the encoder and the team's practices. */
export interface Capture {
  encoder: Encoder;
  index: PracticeIndex;
}

/** The suggestions made ready, or none; and what the person should know about them (why none, or what they leave out). */
export interface CapturePrep {
  capture: Capture | null;
  note: string | null;
}

// How long embedding waits for a database another svc is writing to, before it goes on
// with the stories embedded so far.
const BUSY_WAIT_MS = 200;

/**
 * Loads the encoder and brings the vectors up to date while the person is still typing
 * (the guided prompt starts this first), so the suggestions follow the answer at once.
 * No capture when the team has no practice to suggest; a note when suggestions cannot
 * be made or leave stories out, never a failure (they are a help: the story is saved).
 */
export async function prepareCapture(ctx: Context): Promise<CapturePrep> {
  try {
    const store = ctx.store();
    if (!hasSuggestablePractices(store)) return { capture: null, note: null };
    const encoder = await loadEncoderLean();
    let busy = false;
    try {
      await store.withBusyTimeout(BUSY_WAIT_MS, () => embedStories(ctx, encoder));
    } catch (error) {
      if (!errorCode(error).startsWith('SQLITE_BUSY')) throw error;
      busy = true;
    }
    const index = loadPracticeIndex(store);
    if (index.practices.length === 0) return { capture: null, note: busy ? messages.captureBusyNone : null };
    return { capture: { encoder, index }, note: busy ? messages.captureBusyPartial : null };
  } catch (error) {
    return { capture: null, note: messages.captureFailed(errorCode(error).startsWith('SQLITE_BUSY') ? messages.dbBusy : error instanceof Error ? error.message : String(error)) };
  }
}

/** The three likeliest practices for the text, and the text's vector to keep with the story; null when the encoder fails. */
export async function suggestForCapture(
  capture: Capture,
  text: string,
  staff: readonly string[],
): Promise<{ suggestions: Array<{ name: string; practiceId: number }>; vector: Uint8Array } | null> {
  let vector: Vector;
  try {
    vector = await embedText(capture.encoder, text, staff);
  } catch {
    return null; // a help only: the story is saved without suggestions
  }
  const suggestions = suggestPractices(capture.index, scoredText(text, staff, vector)).map((s) => ({ name: s.name, practiceId: s.practiceId }));
  return { suggestions, vector: vectorToBytes(vector) };
}

/** The practice the person picks among the suggestions (Enter: the likeliest), or none. */
export async function askCapturePractice(suggestions: ReadonlyArray<{ name: string; practiceId: number }>): Promise<number | null> {
  const { askPractice } = await import('../../prompts.ts');
  return askPractice(messages.capturePracticeQuestion, suggestions.map((s) => ({ name: s.name, value: s.practiceId })), messages.captureNone);
}
