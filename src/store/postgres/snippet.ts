/**
 * SQLite's search snippet (FTS5's `snippet(stories_fts, -1, start, end, '…', 16)`) built
 * from what PostgreSQL's full-text search marked: each column of a hit, every matched word
 * marked (`ts_headline` with HighlightAll). PostgreSQL decides which words match; this
 * picks the column and the window of words the way FTS5 does, so a hit reads the same on
 * both engines: the window with the most distinct matched words, centred on them, or
 * starting at a sentence when that scores as well; an ellipsis where it cuts the column.
 */

/** Marks around matched words, as src/core/search.ts has them. */
export interface Markers {
  start: string;
  end: string;
}

interface Token {
  from: number;
  to: number;
  /** What makes two matches one term of the query (FTS5 counts each term once, then 1 per repeat). */
  term: string | null;
}

/** The words as FTS5's unicode61 tokenizer cuts them: runs of letters, digits and marks. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** A column's plain text and its words, each with the matched term it is, if any. */
function tokenize(marked: string, markers: Markers): { text: string; tokens: Token[] } {
  let text = '';
  const matched: Array<[number, number]> = [];
  for (let i = 0; i < marked.length; ) {
    const open = marked.indexOf(markers.start, i);
    if (open === -1) {
      text += marked.slice(i);
      break;
    }
    text += marked.slice(i, open);
    const close = marked.indexOf(markers.end, open + markers.start.length);
    const inner = marked.slice(open + markers.start.length, close === -1 ? marked.length : close);
    matched.push([text.length, text.length + inner.length]);
    text += inner;
    i = close === -1 ? marked.length : close + markers.end.length;
  }
  const tokens = [...text.matchAll(WORD)].map((m): Token => {
    const from = m.index;
    const to = from + m[0].length;
    const hit = matched.some(([a, b]) => from < b && to > a);
    return { from, to, term: hit ? m[0].toLocaleLowerCase('en-US') : null };
  });
  return { text, tokens };
}

/** FTS5's first word of each sentence: the first word, and each after a '.' or ':' and white space. */
function sentenceStarts(text: string, tokens: Token[]): number[] {
  const starts: number[] = [];
  tokens.forEach((token, i) => {
    if (i === 0) return starts.push(0);
    let at = token.from - 1;
    while (at >= 0 && ' \t\n\r'.includes(text[at] ?? '')) at--;
    if (at !== token.from - 1 && (text[at] === '.' || text[at] === ':')) starts.push(i);
    return undefined;
  });
  return starts;
}

/** FTS5's score of the window of `size` words from `from`: 1000 per distinct term, 1 per repeat; and where to start it so its matches sit in the middle. */
function scoreWindow(tokens: Token[], from: number, size: number): { score: number; start: number } {
  const seen = new Set<string>();
  let score = 0;
  let first = -1;
  let last = 0;
  for (let i = from; i < Math.min(from + size, tokens.length); i++) {
    const term = tokens[i]?.term;
    if (term === null || term === undefined) continue;
    score += seen.has(term) ? 1 : 1000;
    seen.add(term);
    if (first < 0) first = i;
    last = i + 1;
  }
  let start = first - Math.trunc((size - (last - first)) / 2);
  if (start + size > tokens.length) start = tokens.length - size;
  return { score, start: Math.max(0, start) };
}

/**
 * The snippet of a hit from its columns (in FTS5's column order), each with its matched
 * words marked, at most `size` words long.
 */
export function snippetFromMarked(columns: readonly string[], markers: Markers, ellipsis = '…', size = 16): string {
  let best = { score: 0, column: 0, start: 0 };
  const parsed = columns.map((marked) => tokenize(marked, markers));
  parsed.forEach(({ text, tokens }, column) => {
    const starts = sentenceStarts(text, tokens);
    tokens.forEach((token, at) => {
      if (token.term === null) return;
      const centred = scoreWindow(tokens, at, size);
      if (centred.score > best.score) best = { score: centred.score, column, start: centred.start };
      if (tokens.length <= size) return;
      // A window starting at the sentence the match is in, a little better than one cut mid-sentence.
      let s = 0;
      while (s < starts.length - 1 && (starts[s + 1] ?? 0) <= at) s++;
      const sentence = starts[s] ?? 0;
      if (sentence < at) {
        const score = scoreWindow(tokens, sentence, size).score + (sentence === 0 ? 120 : 100);
        if (score > best.score) best = { score, column, start: sentence };
      }
    });
  });
  const { text, tokens } = parsed[best.column] ?? { text: '', tokens: [] };
  if (tokens.length === 0) return text;
  const last = Math.min(best.start + size, tokens.length) - 1;
  let out = best.start > 0 ? ellipsis : '';
  let at = best.start > 0 ? (tokens[best.start]?.from ?? 0) : 0;
  for (let i = best.start; i <= last; i++) {
    const token = tokens[i];
    if (!token || token.term === null) continue;
    out += `${text.slice(at, token.from)}${markers.start}${text.slice(token.from, token.to)}${markers.end}`;
    at = token.to;
  }
  const reachesEnd = last >= tokens.length - 1;
  return out + (reachesEnd ? text.slice(at) : `${text.slice(at, tokens[last]?.to ?? at)}${ellipsis}`);
}
