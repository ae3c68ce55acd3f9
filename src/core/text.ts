/** Collapse runs of white space and trim; NFC so that "é" typed two ways is one name. */
export function cleanName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The key names are matched on: case-insensitive and trimmed ("alice " is Alice). */
export function nameKey(name: string): string {
  return cleanName(name).toLocaleLowerCase('en-US');
}

/** Tags are lower-case, hyphenated, without '#': "#Follow Up" → "follow-up". */
export function normalizeTag(tag: string): string {
  return tag
    .normalize('NFC')
    .trim()
    .replace(/^#+/u, '')
    .toLocaleLowerCase('en-US')
    .replace(/[\s_]+/gu, '-')
    .replace(/-{2,}/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

const INLINE_TAG = /(?:^|[^\p{L}\p{N}_&#/])#([\p{L}\p{N}][\p{L}\p{N}_-]*)/gu;

/** The #tags written inline in a text, normalised, in order of first appearance. */
export function inlineTags(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(INLINE_TAG)) {
    const tag = normalizeTag(match[1] ?? '');
    if (tag && !found.includes(tag)) found.push(tag);
  }
  return found;
}

/** Unique values, first occurrence kept. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** A phrase as typed, for matching: lower-case, single spaces, no surrounding punctuation. */
export function normalizePhrase(phrase: string): string {
  return phrase
    .normalize('NFC')
    .toLocaleLowerCase('en-US')
    .replace(/[^\p{L}\p{N}\s'-]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two words. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate closest to a mistyped word, if any is within a couple of edits. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name);
    if (distance <= Math.max(1, Math.floor(name.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Why bytes are not UTF-8 text: UTF-16 (by its byte-order mark or its zero bytes), or the first bad byte. */
export type EncodingProblem = { kind: 'utf16' } | { kind: 'invalid'; offset: number };

/** ASCII text in UTF-16 without a byte-order mark: a zero byte beside every character. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 256) & ~1;
  if (n < 4) return false;
  for (const parity of [0, 1]) {
    let zeros = true;
    let letters = true;
    for (let i = 0; i < n; i += 2) {
      zeros &&= bytes[i + parity] === 0;
      letters &&= bytes[i + 1 - parity] !== 0;
    }
    if (zeros && letters) return true;
  }
  return false;
}

/** Checks bytes are UTF-8 (no overlong forms, no surrogates); null when they are. */
export function utf8Problem(bytes: Uint8Array): EncodingProblem | null {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return { kind: 'utf16' };
  if (looksLikeUtf16(bytes)) return { kind: 'utf16' };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [length, low, high] = b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
    if (length === 0) return { kind: 'invalid', offset: i };
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return { kind: 'invalid', offset: i };
    }
    i += length;
  }
  return null;
}

/** Answers as sentences: each ends with a full stop unless it already ends a sentence. */
export function joinSentences(parts: string[]): string {
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/[.!?…]["')\]]*$/u.test(part) ? part : `${part}.`))
    .join(' ');
}

/** "1 story", "3 stories": a count with the noun that agrees with it. */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A share as a whole percent, the one form svc prints: 0.42 → "42%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
