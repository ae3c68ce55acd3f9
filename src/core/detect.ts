/**
 * Detection (DESIGN.md, Detection): ranking, merging and naming the candidates that the
 * store's aggregate queries found. Plain data in, plain data out.
 */
import type { Day } from './dates.ts';
import { isStarDependentFigures, spread, star, type EvidenceItem } from './figures.ts';
import { QUALITY_ORDER, phraseLabel, type QualityAttribute } from './phrases.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from './search.ts';

export { DEFAULT_LIMIT, DEFAULT_MIN_STAFF, DEFAULT_MIN_STORIES } from './detect-defaults.ts';
/** Candidates whose story sets overlap this much (Jaccard) are one candidate. */
export const MERGE_OVERLAP = 0.5;

export type CandidateSource = 'phrase' | 'tag';

/** What the store found for one phrase key or one tag, before merging. */
export interface RawCandidate {
  source: CandidateSource;
  /** The phrase key ("call back") or the tag name ("refund"). */
  value: string;
  /** Routine service steps are shown apart from practices. */
  step: boolean;
  /** Its stories, with the people each credits (person names); empty for steps, which only need counts. */
  evidence: EvidenceItem[];
  /** Counts from the aggregate query, used when evidence is not fetched (steps). */
  counts: { stories: number; people: number; lastOn: Day };
  /** How many of its stories carry each detail (phrases only): "wine" 4, "special" 3. */
  details: Array<{ detail: string; stories: number }>;
}

/** The key a candidate is remembered by once rejected: "phrase:call back", "tag:refund". */
export function candidateKey(source: CandidateSource, value: string): string {
  return `${source}:${value}`;
}

export interface Candidate {
  /** The key of its leading member; keys lists every member's. */
  key: string;
  keys: string[];
  name: string;
  phrases: string[];
  tags: string[];
  step: boolean;
  stories: number;
  people: number;
  lastOn: Day;
  starShare: number;
  star: { person: string; share: number } | null;
  starDependent: boolean;
  evidence: EvidenceItem[];
}

/** "recommend wine" when one detail covers half the stories, else "recommend (special, wine, fish)". */
export function phraseName(value: string, stories: number, details: RawCandidate['details']): string {
  const useful = details.filter((d) => d.detail !== 'customer').sort((a, b) => b.stories - a.stories || a.detail.localeCompare(b.detail));
  const top = useful[0];
  if (top && top.stories * 2 >= stories && top.stories >= 2) return phraseLabel(value, top.detail);
  const shown = useful.filter((d) => d.stories >= 2).slice(0, 3);
  return shown.length ? `${value} (${shown.map((d) => d.detail).join(', ')})` : value;
}

function nameOf(raw: RawCandidate): string {
  if (raw.source === 'tag') return raw.value.replace(/-/gu, ' ');
  return phraseName(raw.value, raw.counts.stories, raw.details);
}

/** Whether two story sets overlap by MERGE_OVERLAP or more (Jaccard), counting only when sizes allow it. */
function overlapsHeavily(a: Set<number>, b: Set<number>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  // |A∩B| / |A∪B| ≤ |small| / |large|: most pairs are ruled out without counting.
  if (large.size === 0 || small.size / large.size < MERGE_OVERLAP) return false;
  let both = 0;
  for (const id of small) if (large.has(id)) both++;
  return both / (a.size + b.size - both) >= MERGE_OVERLAP;
}

function figures(evidence: EvidenceItem[]): Pick<Candidate, 'stories' | 'people' | 'lastOn' | 'starShare' | 'star' | 'starDependent'> {
  const people = spread(evidence);
  const top = star(evidence) ?? null;
  const share = top?.share ?? 0;
  return {
    stories: evidence.length,
    people,
    lastOn: evidence.reduce((last, item) => (item.occurredOn > last ? item.occurredOn : last), ''),
    starShare: share,
    star: top,
    starDependent: isStarDependentFigures(people, share),
  };
}

function countsOnly(counts: RawCandidate['counts']): ReturnType<typeof figures> {
  return { ...counts, starShare: 0, star: null, starDependent: isStarDependentFigures(counts.people, 0) };
}

/** Spreadable beats frequent: more people first, then more stories, then the most recent. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return b.people - a.people || b.stories - a.stories || b.lastOn.localeCompare(a.lastOn) || a.name.localeCompare(b.name);
}

function toCandidate(raw: RawCandidate): Candidate {
  return {
    key: candidateKey(raw.source, raw.value),
    keys: [candidateKey(raw.source, raw.value)],
    name: nameOf(raw),
    phrases: raw.source === 'phrase' ? [raw.value] : [],
    tags: raw.source === 'tag' ? [raw.value] : [],
    step: raw.step,
    evidence: raw.evidence,
    ...(raw.evidence.length ? figures(raw.evidence) : countsOnly(raw.counts)),
  };
}

function merge(into: Candidate, other: Candidate): Candidate {
  const byStory = new Map(into.evidence.map((item) => [item.storyId, item]));
  for (const item of other.evidence) if (!byStory.has(item.storyId)) byStory.set(item.storyId, item);
  const evidence = [...byStory.values()];
  return {
    ...into,
    keys: [...into.keys, ...other.keys],
    phrases: [...into.phrases, ...other.phrases],
    tags: [...into.tags, ...other.tags],
    step: into.step && other.step,
    evidence,
    ...figures(evidence),
  };
}

/**
 * Ranks the raw candidates that pass the thresholds, merging those that are one
 * behaviour: a tag and a phrase with the same words ("call-back", "call back"), or two
 * candidates whose story sets overlap heavily. Steps come back apart from practices.
 */
export function rankCandidates(
  raws: RawCandidate[],
  options: { minStories: number; minStaff: number },
): { practices: Candidate[]; steps: Candidate[] } {
  let pool = raws.map(toCandidate).sort(compareCandidates);
  const storySets = new Map(pool.map((c) => [c, new Set(c.evidence.map((e) => e.storyId))]));
  const storiesOf = (c: Candidate) => storySets.get(c) ?? new Set(c.evidence.map((e) => e.storyId));
  const merged: Candidate[] = [];
  while (pool.length) {
    let [lead, ...rest] = pool as [Candidate, ...Candidate[]];
    const leadWords = new Set([...lead.phrases, ...lead.tags.map((t) => t.replace(/-/gu, ' '))]);
    const remaining: Candidate[] = [];
    for (const other of rest) {
      const sameWords = [...other.phrases, ...other.tags.map((t) => t.replace(/-/gu, ' '))].some((w) => leadWords.has(w));
      // A routine step never swallows a practice, however often the two go together.
      if (sameWords || (other.step === lead.step && overlapsHeavily(storiesOf(lead), storiesOf(other)))) {
        lead = merge(lead, other);
        storySets.set(lead, new Set(lead.evidence.map((e) => e.storyId)));
      } else remaining.push(other);
    }
    merged.push(lead);
    pool = remaining;
  }
  const kept = merged
    .filter((c) => c.stories >= options.minStories && c.people >= options.minStaff)
    .sort(compareCandidates);
  return { practices: kept.filter((c) => !c.step), steps: kept.filter((c) => c.step) };
}

/** The newest stories of a candidate, for its examples. */
export function exampleStoryIds(candidate: Candidate, count = 3): number[] {
  return [...candidate.evidence]
    .sort((a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.storyId - a.storyId)
    .slice(0, count)
    .map((item) => item.storyId);
}

/**
 * A window of text around a span, with the span marked for highlighting (the markers
 * of core/search.ts): "…and Ana \u0002called the customer back\u0003 within…".
 */
export function snippetAround(text: string, start: number, end: number, width = 60): string {
  const from = Math.max(0, start - width);
  const to = Math.min(text.length, end + width);
  // Cut on word boundaries so the snippet does not begin or end mid-word.
  const head = from === 0 ? 0 : Math.max(from, text.indexOf(' ', from) + 1);
  const tailSpace = to === text.length ? -1 : text.lastIndexOf(' ', to);
  const tail = tailSpace > end ? tailSpace : to;
  return (
    (head > 0 ? '…' : '') +
    text.slice(head, start) +
    HIGHLIGHT_START +
    text.slice(start, end) +
    HIGHLIGHT_END +
    text.slice(end, tail) +
    (tail < text.length ? '…' : '')
  );
}

/** What people perceive, per attribute (seed 004): how many stories, and the words. */
export interface QualityCount {
  attribute: QualityAttribute;
  stories: number;
  people: number;
  words: Array<{ word: string; stories: number }>;
}

/** Orders quality rows by the attribute taxonomy; words by frequency. */
export function qualityCounts(
  attributes: Array<{ attribute: string; stories: number; people: number }>,
  words: Array<{ attribute: string; word: string; stories: number }>,
): QualityCount[] {
  return QUALITY_ORDER.map((attribute) => {
    const row = attributes.find((a) => a.attribute === attribute);
    return {
      attribute,
      stories: row?.stories ?? 0,
      people: row?.people ?? 0,
      words: words
        .filter((w) => w.attribute === attribute)
        .sort((a, b) => b.stories - a.stories || a.word.localeCompare(b.word))
        .map(({ word, stories }) => ({ word, stories })),
    };
  }).filter((q) => q.stories > 0);
}
