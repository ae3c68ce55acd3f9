/**
 * The NLP model (wink-nlp, ~200 ms to load): imported only by the code paths that parse
 * text, never at start-up. Everything rule-based lives in phrases.ts.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { extractPhrases, type Phrase, type Token } from './phrases.ts';
import { clauseAfter, qualifiersIn, type QualifierKind } from './qualifiers.ts';
import { normalizePhrase } from './text.ts';

// Part of speech only: sentences are split in phrases.ts, and wink's negation flag (to
// the end of the sentence) is replaced by a local window there. Measured here on
// 90-word stories: 0.23 ms with pos alone, 0.28 ms with sentence detection too.
const nlp = winkNLP(model, ['pos']);
const its = nlp.its;

/**
 * The model's lemma, mended where it is known to fail: "through" comes back as "thru",
 * and past tenses it does not know ("texted") come back unchanged.
 */
function lemmaOf(lower: string, lemma: string, pos: string): string {
  if (lemma === 'thru') return 'through';
  if (pos === 'VERB' && lemma === lower && /[a-z]{3}ed$/u.test(lower)) {
    const stem = lower.slice(0, -2);
    // "planned" → "plan": a doubled final consonant is one.
    return /([bdgmnprt])\1$/u.test(stem) ? stem.slice(0, -1) : stem;
  }
  return lemma;
}

/** Tags a text into tokens with lemmas and character spans in the original text. */
export function tagText(text: string): Token[] {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const words = tokens.out() as string[];
  const pos = tokens.out(its.pos) as string[];
  // The lemma reader needs the model addons, which wink types leave out of ItsFunction.
  const lemmas = tokens.out(its.lemma as Parameters<typeof tokens.out>[0]) as string[];
  const out: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const found = text.indexOf(word, cursor);
    const start = found >= 0 ? found : cursor;
    const end = found >= 0 ? found + word.length : cursor;
    cursor = end;
    const tagged = pos[i] ?? 'X';
    const tag = (tagged === 'VERB' || tagged === 'AUX') && nameInsideSentence(word, out.at(-1)) ? 'PROPN' : tagged;
    out.push({ text: word, lower: word.toLowerCase(), lemma: lemmaOf(word.toLowerCase(), (lemmas[i] ?? word).toLowerCase(), tag), pos: tag, start, end });
  }
  return out;
}

// What may stand before a verb written with a capital: a sentence's start, a quotation, a list.
const OPENS_A_SENTENCE = new Set(['.', '!', '?', ':', ';', '"', '“', "'", '‘', '(', '-', '–', '—', '\n']);

/**
 * A verb written with a capital inside a sentence is a name: in "rang Sue back", "rang
 * Will back" the tagger reads a customer called Sue or Will as a verb or an auxiliary, and
 * the call-back is lost. English writes no verb that way.
 */
function nameInsideSentence(word: string, before: Token | undefined): boolean {
  return before !== undefined && !OPENS_A_SENTENCE.has(before.text) && /^\p{Lu}\p{Ll}+$/u.test(word) && word !== 'I';
}

/** The phrases (behaviours and qualities) in a story's text. */
export function phrasesOf(text: string): Phrase[] {
  return extractPhrases(tagText(text));
}

/**
 * The key a typed phrase stands for, as the extractor would store it: "called back" and
 * "calls the customer back" both give "call back". Falls back to the normalised text
 * when the words hold no behaviour.
 */
export function phraseKey(text: string): string {
  return phraseMatcherOf(text).key;
}

/**
 * A typed phrase as a phrase matcher: its key (phraseKey), and its details, the first
 * qualifier written after the behaviour ("called back the next morning": call back,
 * timing), read as indexing reads a story's.
 */
export function phraseMatcherOf(text: string): { key: string; qualifier?: QualifierKind } {
  const found = (words: string) => {
    const behaviour = phrasesOf(words).find((p) => p.kind !== 'quality');
    if (!behaviour) return undefined;
    const [qualifier] = qualifiersIn(clauseAfter(words, behaviour.end));
    return qualifier ? { key: behaviour.key, qualifier } : { key: behaviour.key };
  };
  // A bare verb phrase reads better with a staff subject in front of it.
  return found(text) ?? found(`She ${text}.`) ?? { key: normalizePhrase(text) };
}
