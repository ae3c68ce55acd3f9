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

/** Answers as sentences: each ends with a full stop unless it already ends a sentence. */
export function joinSentences(parts: string[]): string {
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/[.!?…]["')\]]*$/u.test(part) ? part : `${part}.`))
    .join(' ');
}
