import { embedText, loadPracticeIndex, scoredText, suggestPractices, type PracticeIndex } from '../../../app/suggest.ts';
import type { Encoder } from '../../../core/encoder.ts';
import { messages } from '../../../core/messages.ts';
import { vectorToBytes, type Vector } from '../../../core/suggest.ts';
import { suggestablePracticeIds } from '../../../store/vectors.ts';
import type { Context } from '../../context.ts';
import { embedStories, loadEncoderLean } from '../../semantic.ts';

/** What the guided prompt needs to suggest practices: the encoder and the team's practices. */
export interface Capture {
  encoder: Encoder;
  index: PracticeIndex;
}

/**
 * Loads the encoder and brings the vectors up to date while the person is still typing
 * (the guided prompt starts this first), so the suggestions follow the answer at once.
 * Null when the team has no practice to suggest.
 */
export async function prepareCapture(ctx: Context): Promise<Capture | null> {
  if (suggestablePracticeIds(ctx.store().db).length === 0) return null;
  const encoder = await loadEncoderLean();
  await embedStories(ctx, encoder);
  const index = loadPracticeIndex(ctx.store().db);
  return index.practices.length > 0 ? { encoder, index } : null;
}

/** The practice the person picks among the three likeliest for the text, and the text's vector to keep. */
export async function choosePractice(capture: Capture, text: string, staff: readonly string[]): Promise<{ practiceId: number | null; vector: Uint8Array } | null> {
  let vector: Vector;
  try {
    vector = await embedText(capture.encoder, text, staff);
  } catch {
    return null; // a help only: the story is saved without suggestions
  }
  const suggestions = suggestPractices(capture.index, scoredText(text, staff, vector));
  const { askPractice } = await import('../../prompts.ts');
  const practiceId = suggestions.length === 0 ? null : await askPractice(messages.capturePracticeQuestion, suggestions.map((s) => ({ name: s.name, value: s.practiceId })), messages.captureNone);
  return { practiceId, vector: vectorToBytes(vector) };
}
