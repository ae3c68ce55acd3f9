/**
 * Customers' answers grouped by what they are about, in the vocabulary stories use: the
 * behaviours and qualities svc extracts from stories (phrases.ts), the part of the week
 * they ask about, and the things they name. "open the phone line on Saturdays" joins
 * "be open at weekends" (weekend); "a friend" and "a friend recommended you" count
 * together (friend). Pure: the caller tags the text (nlp.ts, loaded only when needed).
 */
import { attributesMentioned } from './perception.ts';
import { extractPhrases, phraseLabel, type Token } from './phrases.ts';
import { normalizeTag } from './text.ts';

/** What an answer is about; a lower rank wins a tie, so a named category beats a bare noun. */
export interface AnswerConcept {
  key: string;
  rank: 0 | 1 | 2;
}

/** Words for a part of the week or day, folded into the name an answer group goes by. */
const WHEN: Readonly<Record<string, string>> = {
  saturday: 'weekend',
  sunday: 'weekend',
  weekend: 'weekend',
  evening: 'evenings',
  night: 'evenings',
  tonight: 'evenings',
  morning: 'mornings',
  lunchtime: 'lunchtime',
  lunch: 'lunchtime',
  holiday: 'holidays',
};

/** Nouns too general to say what an answer is about. */
const GENERAL_NOUNS = new Set(['thing', 'lot', 'way', 'time', 'service', 'people', 'one', 'bit', 'everything', 'anything', 'nothing', 'something', 'kind', 'sort', 'day', 'week']);

/** "saturdays" → "saturday": the model keeps the plural of a day's name. */
function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The concepts in one answer and its tokens: qualities and parts of the week first, then behaviours, then the things it names. */
export function answerConcepts(text: string, tokens: readonly Token[]): AnswerConcept[] {
  const found = new Map<string, AnswerConcept['rank']>();
  const add = (key: string, rank: AnswerConcept['rank']) => {
    if (key && (found.get(key) ?? 3) > rank) found.set(key, rank);
  };
  // The quality vocabulary as perception reads customers' words ("the prompt replies" → responsiveness).
  for (const attribute of attributesMentioned(text)) add(attribute, 0);
  for (const phrase of extractPhrases([...tokens])) {
    if (phrase.kind === 'quality') add(phrase.key, 0);
    else add(phraseLabel(phrase.key, phrase.detail), 1);
  }
  for (const token of tokens) {
    const word = singular(token.lemma.toLowerCase());
    const when = WHEN[word];
    if (when) add(when, 0);
    else if ((token.pos === 'NOUN' || token.pos === 'PROPN') && word.length > 1 && !GENERAL_NOUNS.has(word)) add(word, 2);
  }
  return [...found].map(([key, rank]) => ({ key, rank }));
}

export interface ConceptGroup {
  /** The concept the answers share ("weekend"), or the whole answer when it stands alone. */
  key: string;
  count: number;
  answers: string[];
}

/**
 * Each answer joins the group of its concept that most answers share (ties: the lower
 * rank, then alphabetical); an answer sharing none stands alone. Largest groups first.
 */
export function groupByConcepts(
  items: ReadonlyArray<{ text: string; concepts: readonly AnswerConcept[] }>,
  /** The words a group's answers all share, to name a group held together by a behaviour or a thing ("opening hour", not "hour"). */
  sharedWords: (answers: readonly string[]) => string = () => '',
): ConceptGroup[] {
  const frequency = new Map<string, number>();
  for (const item of items) for (const concept of new Set(item.concepts.map((c) => c.key))) frequency.set(concept, (frequency.get(concept) ?? 0) + 1);
  const groups = new Map<string, ConceptGroup>();
  const ranks = new Map<string, number>();
  for (const item of items) {
    const shared = item.concepts
      .filter((c) => (frequency.get(c.key) ?? 0) >= 2)
      .sort((a, b) => (frequency.get(b.key) ?? 0) - (frequency.get(a.key) ?? 0) || a.rank - b.rank || a.key.localeCompare(b.key));
    const key = shared[0]?.key ?? item.text;
    if (shared[0]) ranks.set(key, shared[0].rank);
    const group = groups.get(key) ?? { key, count: 0, answers: [] };
    group.count++;
    group.answers.push(item.text);
    groups.set(key, group);
  }
  // An answer left alone goes by its own words, not by a concept it shared with an answer that went elsewhere.
  // A quality or a part of the week names its group; a behaviour or a thing reads better in the words the answers share.
  for (const group of groups.values()) {
    if (group.count === 1) group.key = group.answers[0] ?? group.key;
    else if ((ranks.get(group.key) ?? 0) > 0) group.key = sharedWords(group.answers) || group.key;
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** What a practice's matchers are compared with in an answer: its behaviour keys, and the tags it reads as. */
export interface AnswerMatchKeys {
  /** Behaviour keys, as phrase matchers hold them ("call back"). */
  phrases: string[];
  /** Tags: each behaviour written as a tag ("call-back", "remember-name"), and the qualities it names ("listening"). */
  tags: string[];
}

/**
 * The keys an answer matches practices by, read as a story is read: a phrase matcher by
 * the same behaviour keys, a tag matcher by the behaviour or quality the tag names.
 * Unlike a story, an answer carries no tags of its own, so a tag stands for its words.
 */
export function answerMatchKeys(text: string, tokens: readonly Token[]): AnswerMatchKeys {
  const phrases = new Set<string>();
  const tags = new Set<string>();
  for (const phrase of extractPhrases([...tokens])) {
    if (phrase.kind === 'quality') {
      tags.add(normalizeTag(phrase.key));
      continue;
    }
    phrases.add(phrase.key);
    tags.add(normalizeTag(phrase.key));
    tags.add(normalizeTag(phraseLabel(phrase.key, phrase.detail)));
  }
  for (const attribute of attributesMentioned(text)) tags.add(normalizeTag(attribute));
  for (const tag of text.match(/#[\p{L}\p{N}_-]+/gu) ?? []) tags.add(normalizeTag(tag));
  return { phrases: [...phrases].sort(), tags: [...tags].filter((t) => t !== '').sort() };
}
