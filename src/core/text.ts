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
