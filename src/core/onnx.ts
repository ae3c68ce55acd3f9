/**
 * Writes an ONNX model (the protobuf messages ModelProto, GraphProto, NodeProto,
 * TensorProto and ValueInfoProto of onnx/onnx.proto3, the fields svc needs) as bytes that
 * ONNX Runtime loads. Field numbers are the schema's; nothing here depends on a protobuf
 * library.
 */

/** The element types svc's graphs use, by their TensorProto.DataType numbers. */
export const ELEMENT = { float: 1, int64: 7, bool: 9 } as const;
export type ElementType = keyof typeof ELEMENT;

/** An attribute value: an integer, a float (as `{ float }`), or a list of integers. */
export type AttributeValue = number | { float: number } | readonly number[];

export interface OnnxNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Readonly<Record<string, AttributeValue>>;
}

/**
 * Bytes written only when the model's bytes are assembled, straight into place: the
 * encoder's 28 MB of weights are read from their files into the model once, never held
 * twice.
 */
export interface ByteSource {
  byteLength: number;
  read(into: Uint8Array): void;
}

export interface OnnxTensor {
  name: string;
  type: ElementType;
  dims: readonly number[];
  /** Little-endian element bytes, as TensorProto.raw_data. */
  bytes: Uint8Array | ByteSource;
}

export interface OnnxValue {
  name: string;
  type: ElementType;
  /** A number for a fixed size, a name for a size known only at run time. */
  dims: ReadonlyArray<number | string>;
}

export interface OnnxGraph {
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValue[];
  outputs: readonly OnnxValue[];
  opset: number;
}

const IR_VERSION = 8;
const VARINT = 0;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;
// AttributeProto.AttributeType
const FLOAT = 1;
const INT = 2;
const INTS = 7;

/** A protobuf message being written: its parts are concatenated once, at the end. */
class Message {
  readonly parts: Array<Uint8Array | ByteSource> = [];
  length = 0;

  raw(bytes: Uint8Array | ByteSource): void {
    this.parts.push(bytes);
    this.length += bytes.byteLength;
  }

  varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.raw(Uint8Array.from(out));
  }

  int(field: number, value: number | bigint): void {
    this.varint((field << 3) | VARINT);
    this.varint(value);
  }

  float(field: number, value: number): void {
    this.varint((field << 3) | FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.raw(bytes);
  }

  bytes(field: number, bytes: Uint8Array | ByteSource): void {
    this.varint((field << 3) | LENGTH_DELIMITED);
    this.varint(bytes.byteLength);
    this.raw(bytes);
  }

  string(field: number, text: string): void {
    this.bytes(field, new TextEncoder().encode(text));
  }

  message(field: number, write: (inner: Message) => void): void {
    const inner = new Message();
    write(inner);
    this.varint((field << 3) | LENGTH_DELIMITED);
    this.varint(inner.length);
    for (const part of inner.parts) this.raw(part);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      if (part instanceof Uint8Array) out.set(part, at);
      else part.read(out.subarray(at, at + part.byteLength));
      at += part.byteLength;
    }
    return out;
  }
}

function writeAttribute(m: Message, name: string, value: AttributeValue): void {
  m.string(1, name);
  if (typeof value === 'number') {
    m.int(3, value);
    m.int(20, INT);
  } else if ('float' in value) {
    m.float(2, value.float);
    m.int(20, FLOAT);
  } else {
    for (const v of value) m.int(8, v);
    m.int(20, INTS);
  }
}

function writeValue(m: Message, value: OnnxValue): void {
  m.string(1, value.name);
  // TypeProto.tensor_type → elem_type, shape.dim[] (dim_value or dim_param)
  m.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, ELEMENT[value.type]);
      tensor.message(2, (shape) => {
        for (const dim of value.dims) shape.message(1, (d) => (typeof dim === 'string' ? d.string(2, dim) : d.int(1, dim)));
      });
    }),
  );
}

/** The graph as the bytes of an ONNX model file. */
export function onnxModelBytes(graph: OnnxGraph): Uint8Array {
  const model = new Message();
  model.int(1, IR_VERSION);
  model.string(2, 'svc');
  model.message(7, (g) => {
    graph.nodes.forEach((node, index) =>
      g.message(1, (n) => {
        for (const input of node.inputs) n.string(1, input);
        for (const output of node.outputs) n.string(2, output);
        n.string(3, `${node.op}_${index}`);
        n.string(4, node.op);
        for (const [name, value] of Object.entries(node.attributes ?? {})) n.message(5, (a) => writeAttribute(a, name, value));
      }),
    );
    g.string(2, 'graph');
    for (const tensor of graph.initializers)
      g.message(5, (t) => {
        for (const dim of tensor.dims) t.int(1, dim);
        t.int(2, ELEMENT[tensor.type]);
        t.string(8, tensor.name);
        t.bytes(9, tensor.bytes);
      });
    for (const input of graph.inputs) g.message(11, (v) => writeValue(v, input));
    for (const output of graph.outputs) g.message(12, (v) => writeValue(v, output));
  });
  // The default operator set (domain "") at the version the graph is written for.
  model.message(8, (o) => {
    o.string(1, '');
    o.int(2, graph.opset);
  });
  return model.finish();
}
