/**
 * The Universal Sentence Encoder's tokenizer: SentencePiece's unigram segmentation over
 * the model's vocabulary (pieces with log-probabilities), picking the likeliest split.
 * It gives the ids of the package's own tokenizer (@energetic-ai/embeddings) to the
 * last quirk (test/unit/encoder.test.ts compares every test story), without its copy of
 * the rest of the text at every position: 0.24 ms a 90-word story instead of 1.2 ms.
 */

/** The vocabulary as the model package ships it: [piece, log-probability], by id. */
export type Vocabulary = ReadonlyArray<readonly [string, number]>;

const WORD_START = '\u2581';
// Ids below this are control symbols (unknown, <s>, </s>, …), never matched in text.
const RESERVED = 6;
const UNKNOWN = 0;

interface TrieNode {
  children: Map<string, TrieNode>;
  /** The id of the piece that ends here, or -1. */
  id: number;
  score: number;
}

export interface Tokenizer {
  encode(text: string): number[];
}

/** A tokenizer over the vocabulary. */
export function createTokenizer(vocabulary: Vocabulary): Tokenizer {
  const root: TrieNode = { children: new Map(), id: -1, score: 0 };
  for (let id = RESERVED; id < vocabulary.length; id++) {
    const [piece, score] = vocabulary[id] ?? ['', 0];
    let node = root;
    for (const symbol of piece) {
      let next = node.children.get(symbol);
      if (!next) {
        next = { children: new Map(), id: -1, score: 0 };
        node.children.set(symbol, next);
      }
      node = next;
    }
    node.id = id;
    node.score = score;
  }
  const pieceLength = (id: number) => (vocabulary[id]?.[0] ?? '').length;

  return {
    encode(text) {
      const normalized = text.normalize('NFKC');
      if (normalized.length === 0) return [];
      const symbols = Array.from(WORD_START + normalized.replace(/ /g, WORD_START));
      const n = symbols.length;
      // For each end position, the pieces that end there, in the order of their start.
      const starts: number[][] = Array.from({ length: n + 1 }, () => []);
      const ids: number[][] = Array.from({ length: n + 1 }, () => []);
      const scores: number[][] = Array.from({ length: n + 1 }, () => []);
      for (let i = 0; i < n; i++) {
        let node = root.children.get(symbols[i] ?? '');
        let found = false;
        for (let j = i; node; ) {
          if (node.id >= 0) {
            starts[j + 1]?.push(i);
            ids[j + 1]?.push(node.id);
            scores[j + 1]?.push(node.score);
            found = true;
          }
          j++;
          node = j < n ? node.children.get(symbols[j] ?? '') : undefined;
        }
        // A symbol no piece starts with is one unknown piece of score 0.
        if (!found) {
          starts[i + 1]?.push(i);
          ids[i + 1]?.push(UNKNOWN);
          scores[i + 1]?.push(0);
        }
      }
      // The likeliest split; as the package's tokenizer does, a best score of exactly 0
      // counts as none yet, and a later start wins a tie.
      const best = new Float64Array(n + 1);
      const chosen = new Int32Array(n + 1);
      for (let end = 0; end <= n; end++) {
        const s = starts[end] ?? [];
        for (let k = 0; k < s.length; k++) {
          const score = (scores[end]?.[k] ?? 0) + (best[s[k] ?? 0] ?? 0);
          if (best[end] === 0 || score >= (best[end] ?? 0)) {
            best[end] = score;
            chosen[end] = ids[end]?.[k] ?? UNKNOWN;
          }
        }
      }
      // Walked back by each piece's length in UTF-16 units, as the package's tokenizer
      // does; a run of unknown pieces becomes one.
      const reversed: number[] = [];
      for (let at = n; at > 0; at -= pieceLength(chosen[at] ?? UNKNOWN)) reversed.push(chosen[at] ?? UNKNOWN);
      const out: number[] = [];
      let previousUnknown = false;
      for (const id of reversed) {
        if (!(previousUnknown && id === UNKNOWN)) out.push(id);
        previousUnknown = id === UNKNOWN;
      }
      return out.reverse();
    },
  };
}
