import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';
import { unique } from './text.ts';

// Bounds on a search, so that no query runs for minutes: each term is one more lookup
// and join in the full-text index, each prefix term a scan of every word it starts.
export const MAX_QUERY_LENGTH = 1_000;
export const MAX_QUERY_TERMS = 16;
export const MAX_QUERY_PREFIXES = 4;

/** Marks around matched words in snippets; renderers turn them into colour or bold. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/**
 * Turns what a person typed into an FTS5 query: every word must appear, in any
 * order; quotes and operators are taken as plain words, so no input is a syntax error.
 * A trailing "*" on a word keeps its prefix meaning ("call*").
 */
export function toFtsQuery(query: string): string {
  if (query.length > MAX_QUERY_LENGTH) throw new ValidationError(messages.queryTooLong(query.length, MAX_QUERY_LENGTH), messages.queryTooBigHint);
  // A word given twice asks nothing more: "the the the" is one term, not three joins.
  const words = unique([...query.normalize('NFC').matchAll(/[\p{L}\p{N}\p{M}]+(\*)?/gu)].map((m) => m[0].toLocaleLowerCase('en-US')));
  if (words.length === 0) throw new ValidationError(messages.emptyQuery, messages.emptyQueryHint);
  if (words.length > MAX_QUERY_TERMS) throw new ValidationError(messages.queryTooManyTerms(words.length, MAX_QUERY_TERMS), messages.queryTooBigHint);
  const prefixes = words.filter((word) => word.endsWith('*')).length;
  if (prefixes > MAX_QUERY_PREFIXES) throw new ValidationError(messages.queryTooManyPrefixes(prefixes, MAX_QUERY_PREFIXES), messages.queryTooBigHint);
  return words
    .map((word) => (word.endsWith('*') ? `"${word.slice(0, -1)}"*` : `"${word}"`))
    .join(' ');
}

/** Splits a highlighted snippet into plain and matched parts, for any renderer. */
export function highlightParts(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  const pattern = new RegExp(`${HIGHLIGHT_START}([^${HIGHLIGHT_END}]*)${HIGHLIGHT_END}`, 'gu');
  let last = 0;
  for (const m of snippet.matchAll(pattern)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), match: false });
    parts.push({ text: m[1] ?? '', match: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), match: false });
  return parts;
}
