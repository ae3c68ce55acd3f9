/**
 * Qualifiers: where a practice often lives when the verb is ordinary (DESIGN.md,
 * Detection): when ("within the hour", "the next morning"), persistence ("until it
 * worked"), manner ("step by step"), purpose ("so she wouldn't have to repeat it"), the
 * meantime ("lent him a laptop in the meantime") and anticipation ("before she asked").
 * Read from the words after a behaviour, up to the end of its sentence, without the model.
 */

import type { Phrase } from './phrases.ts';

export const QUALIFIER_KINDS = ['timing', 'persistence', 'manner', 'purpose', 'interim', 'anticipation'] as const;
export type QualifierKind = (typeof QUALIFIER_KINDS)[number];

const WHO = '(?:she|he|they|we|i|you|it|anyone|anybody|the \\w+)';
const PATTERNS: Record<QualifierKind, RegExp> = {
  timing: new RegExp(
    '\\b(?:within (?:the|an|a|one|two|three|\\d+) (?:hour|minute|day)s?|(?:the )?same (?:day|morning|afternoon|evening)|(?:the )?next (?:day|morning|afternoon|week)|' +
      'that (?:morning|afternoon|evening|night)|straight away|right away|immediately|first thing|by (?:noon|close|the end of)|in (?:minutes|seconds))\\b',
    'u',
  ),
  persistence: /\b(?:until|till|kept (?:at it|going|trying)|didn'?t (?:leave|stop|give up|hang up))\b/u,
  manner: /\b(?:step by step|one by one|line by line|screen by screen|in plain (?:words|english|language)|in (?:his|her|their|your|my) own words|slowly|patiently)\b/u,
  purpose: new RegExp(`\\b(?:so (?:that )?${WHO} (?:wouldn'?t|didn'?t|won'?t|could|can|would|knew|had|did)|so there(?:'d| would)|in case|so as (?:not )?to)\\b`, 'u'),
  interim: /\b(?:in the meantime|meanwhile|for now|while (?:she|he|they) waited)\b/u,
  anticipation: new RegExp(`\\b(?:before ${WHO} (?:even )?(?:asked|had to ask|could ask)|without being asked|ahead of time|in advance|beforehand)\\b`, 'u'),
};

/** How each kind reads in a candidate's label: "call back · until done". Timing is said in the stories' own words (qualifierLabel). */
export const QUALIFIER_LABELS: Record<QualifierKind, string> = {
  timing: 'at a time said',
  persistence: 'until done',
  manner: 'step by step',
  purpose: 'to spare the customer',
  interim: 'in the meantime',
  anticipation: 'before being asked',
};

/** The words after position `from` up to the end of their sentence (at most 160 characters), lower-cased. */
export function clauseAfter(text: string, from: number): string {
  return lowered(sentenceRest(text.slice(from, from + CLAUSE_LENGTH)));
}

const CLAUSE_LENGTH = 160;

function sentenceRest(rest: string): string {
  const end = rest.search(/[.!?;](?:\s|$)/u);
  return end < 0 ? rest : rest.slice(0, end);
}

function lowered(text: string): string {
  return text.toLocaleLowerCase('en-US').replace(/[’‘]/gu, "'");
}

/** The qualifier kinds in a clause. */
export function qualifiersIn(clause: string): QualifierKind[] {
  return QUALIFIER_KINDS.filter((kind) => PATTERNS[kind].test(clause));
}

/** A qualifier most of a candidate's stories share: its kind, in how many, and the words most of those wrote for it. */
export interface SharedQualifier {
  kind: QualifierKind;
  stories: number;
  /** The words the stories wrote for it ("next day", "first thing"), most written first; at most two. */
  words: string[];
  /** Whether the stories wrote it in more ways than those. */
  more: boolean;
}

/** The qualifier at least half the clauses (and two or more) share, if any: the most shared first. */
export function sharedQualifier(clauses: string[]): SharedQualifier | null {
  const counts = new Map<QualifierKind, number>();
  for (const clause of clauses) for (const kind of qualifiersIn(clause)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const [best] = [...counts].sort((a, b) => b[1] - a[1] || QUALIFIER_KINDS.indexOf(a[0]) - QUALIFIER_KINDS.indexOf(b[0]));
  if (!best || best[1] < 2 || best[1] * 2 < clauses.length) return null;
  const written = new Map<string, number>();
  for (const clause of clauses) {
    const found = PATTERNS[best[0]].exec(clause)?.[0].replace(/^the /u, '');
    if (found) written.set(found, (written.get(found) ?? 0) + 1);
  }
  const words = [...written].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  return { kind: best[0], stories: best[1], words: words.slice(0, 2), more: words.length > 2 };
}

/**
 * How a shared qualifier reads in a label: timing in the stories' own words ("next day /
 * within the hour …": "promptly" would be false of "a week later"), the others by their name.
 */
export function qualifierLabel(qualifier: SharedQualifier): string {
  if (qualifier.kind !== 'timing' || qualifier.words.length === 0) return QUALIFIER_LABELS[qualifier.kind];
  return `${qualifier.words.join(' / ')}${qualifier.more ? ' …' : ''}`;
}

/** A phrase with the qualifiers read after it in its story: its details (migrations/0018). */
export interface IndexedPhrase extends Phrase {
  qualifiers: readonly QualifierKind[];
}

/** Each behaviour phrase with the qualifiers its clause holds after it; qualities have none. */
export function withQualifiers(text: string, phrases: readonly Phrase[]): IndexedPhrase[] {
  // The text lowered once rather than each phrase's clause (lowering was half the cost of
  // this at 2,000 stories); where lowering changes a length (rare letters), clause by clause.
  const lower = lowered(text);
  const clause = lower.length === text.length ? (from: number) => sentenceRest(lower.slice(from, from + CLAUSE_LENGTH)) : (from: number) => clauseAfter(text, from);
  return phrases.map((p) => ({ ...p, qualifiers: p.kind === 'quality' ? [] : qualifiersIn(clause(p.end)) }));
}
