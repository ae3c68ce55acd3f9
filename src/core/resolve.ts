/** The kinds of thing a user names on the command line. */
export type NamedKind = 'practice' | 'person' | 'tag' | 'customer';

/** Something a user names on the command line: a practice, person, tag or customer. */
export interface Named {
  id: number;
  name: string;
}

/** What a typed name stands for: one thing, several that it fits equally, or none (with the closest). */
export type Resolution<T extends Named> =
  | { kind: 'found'; item: T }
  | { kind: 'ambiguous'; candidates: T[] }
  /** A bare number that is one thing's name and another's id, typed to a destructive command. */
  | { kind: 'nameOrId'; named: T; byId: T }
  | { kind: 'unknown'; closest: T[] };

/** How loosely a name may be typed: `exact` (destructive commands) accepts no prefix. */
export interface ResolveOptions {
  exact?: boolean;
}

const ID = /^#?(\d{1,15})$/u;
const MAX_SUGGESTIONS = 3;

/**
 * The key loosely typed names are compared on: case, accents, hyphens, underscores and
 * runs of white space do not count ("Zoë" is zoe, "call-back" is "Call Back").
 */
export function looseKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en-US')
    .replace(/^#+/u, '')
    .replace(/[\s_-]+/gu, ' ')
    .trim();
}

/**
 * Resolves a typed name the way gh resolves a repository: the exact name (loosely
 * compared), then an id ("12" or "#12"), then a unique prefix; several fits are ambiguous,
 * none gives the closest names by edit distance and shared words. "#12" is always the
 * id; a bare "12" that is one thing's name and another's id is refused by a destructive
 * command (`exact`), which must not guess which of the two to erase.
 */
export function resolveName<T extends Named>(typed: string, items: readonly T[], options: ResolveOptions = {}): Resolution<T> {
  const id = ID.exec(typed.trim());
  const byId = id ? items.find((item) => item.id === Number(id[1])) : undefined;
  if (id && typed.trim().startsWith('#')) return byId ? { kind: 'found', item: byId } : { kind: 'unknown', closest: [] };
  const key = looseKey(typed);
  const exact = items.filter((item) => looseKey(item.name) === key);
  if (exact.length === 1) {
    const named = exact[0] as T;
    return options.exact && byId && byId !== named ? { kind: 'nameOrId', named, byId } : { kind: 'found', item: named };
  }
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };
  if (id) {
    return byId ? { kind: 'found', item: byId } : { kind: 'unknown', closest: [] };
  }
  if (key !== '' && !options.exact) {
    const prefixed = items.filter((item) => looseKey(item.name).startsWith(key));
    if (prefixed.length === 1) return { kind: 'found', item: prefixed[0] as T };
    if (prefixed.length > 1) return { kind: 'ambiguous', candidates: prefixed };
  }
  return { kind: 'unknown', closest: closestNames(typed, items) };
}

/** Up to three names close to what was typed: a few letters off, or sharing a word; closest first. */
export function closestNames<T extends Named>(typed: string, items: readonly T[]): T[] {
  const key = looseKey(typed);
  if (key === '') return [];
  const words = key.split(' ').filter((word) => word.length > 2);
  const squeezed = key.replace(/ /gu, '');
  const scored = items.flatMap((item) => {
    const name = looseKey(item.name);
    if (name === '') return [];
    const distance = editDistance(squeezed, name.replace(/ /gu, ''));
    const shared = name.split(' ').filter((word) => words.some((typedWord) => nearWord(typedWord, word))).length;
    const near = distance <= allowedTypos(squeezed);
    if (!near && shared === 0) return [];
    return [{ item, score: near ? distance : 100 - shared }];
  });
  return scored
    .sort((a, b) => a.score - b.score || a.item.name.localeCompare(b.item.name))
    .slice(0, MAX_SUGGESTIONS)
    .map((entry) => entry.item);
}

// A third of the letters may be wrong ("Anna" for "Ana", "callback" for "call-back").
function allowedTypos(text: string): number {
  return Math.max(1, Math.floor(Math.max(text.length, 3) / 3));
}

// Words too common to say two names are alike.
const COMMON = new Set(['the', 'and', 'for', 'with', 'from', 'that', 'this', 'them', 'they', 'their']);

// A word shared despite a typo or two ("remmeber" for "remember"), or typed in part ("cust").
function nearWord(typed: string, word: string): boolean {
  if (COMMON.has(typed) || COMMON.has(word)) return false;
  if (word.startsWith(typed)) return true;
  return typed.length >= 5 && word.length >= 5 && editDistance(typed, word) <= 2;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
