/**
 * Behaviour phrases and perceived qualities from tagged text (DETECTION.md): pure rules
 * over part-of-speech tokens, so they can be tested without loading the NLP model.
 */

/** Bump when the rules change: stories indexed by an older version are indexed again. */
export const EXTRACTOR_VERSION = 3;

/** One word as the tagger saw it, with its place in the text. */
export interface Token {
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  start: number;
  end: number;
}

export type PhraseKind = 'practice' | 'step' | 'quality';

/** A behaviour (practice or routine step) or a quality found in a story. */
export interface Phrase {
  kind: PhraseKind;
  /** The action ("call back"), or for a quality its attribute ("listening"). */
  key: string;
  /** The object ("customer"), or for a quality the word itself ("attentive"). */
  detail: string | null;
  start: number;
  end: number;
}

/**
 * The one vocabulary of qualities (DESIGN.md, Detection 5): seed 004's four attributes,
 * then responsiveness and knowledge, each with the words that show it. Tags, detect and
 * report use these names (as tags: positive-demeanor, clear-head …).
 */
export const QUALITY_ATTRIBUTES = {
  'positive demeanor': ['friendly', 'nice', 'warm', 'courteous', 'pleasant', 'polite', 'cheerful', 'lovely', 'welcoming', 'kind', 'sweet', 'charming', 'gracious', 'personable', 'fun', 'smiling', 'happy', 'cordial', 'hospitable', 'upbeat'],
  'clear head': ['calm', 'calmly', 'composed', 'unflappable', 'level-headed', 'clear-headed', 'unruffled', 'collected', 'methodical', 'organised', 'organized', 'focused'],
  listening: ['attentive', 'accommodating', 'listened', 'listening', 'flexible', 'responsive', 'accomodating'],
  empathy: ['helpful', 'patient', 'understanding', 'generous', 'caring', 'thoughtful', 'considerate', 'sympathetic', 'compassionate', 'apologetic'],
  responsiveness: ['prompt', 'promptly', 'quick', 'quickly', 'fast', 'efficient', 'efficiently', 'timely', 'speedy', 'swift', 'immediately', 'right away'],
  knowledge: ['knowledgeable', 'informed', 'well-informed', 'professional', 'competent', 'experienced', 'informative', 'expert', 'skilled'],
} as const;
export type QualityAttribute = keyof typeof QUALITY_ATTRIBUTES;
export const QUALITY_ORDER = Object.keys(QUALITY_ATTRIBUTES) as QualityAttribute[];
/** Each attribute as its built-in tag: "positive demeanor" → "positive-demeanor". */
export const QUALITY_TAGS = QUALITY_ORDER.map((attribute) => attribute.replace(/ /gu, '-'));

const QUALITY_OF = new Map<string, QualityAttribute>();
for (const attribute of QUALITY_ORDER) for (const word of QUALITY_ATTRIBUTES[attribute]) QUALITY_OF.set(word, attribute);

// Verbs that never name a behaviour worth spreading (DETECTION.md 3).
const STOP_VERBS = new Set(
  (
    'be have seem feel want know like love enjoy see say try eat order arrive leave sit pay decide look sound think hope need ' +
    'let become start begin continue happen use find include mean expect return dine drink taste spend plan tend turn ' +
    'appear mind understand believe guess wish prefer hear watch live die work add can could will would shall should may might must'
  ).split(' '),
);

// Verbs that count only with an object, or with a particle and a staff subject.
const LIGHT_VERBS = new Set(['take', 'make', 'give', 'bring', 'put', 'keep', 'come', 'go', 'get', 'do', 'set', 'run']);

// Never practices, whoever does them (DETECTION.md 8).
const ANTI_VERBS = new Set(['forget', 'ignore', 'rush', 'neglect', 'spill', 'overcharge', 'refuse', 'argue', 'yell', 'disappear', 'drop', 'lose', 'miss', 'mess', 'screw', 'scream', 'hover', 'complain', 'mix', 'run out', 'sell']);

// The routine of service: real, but not best practices (DETECTION.md 9). ask, tell, get
// and take order are also the keys whose log-odds against the negative sentences in
// the shared data fall below -0.5: people mention them as much when service fails.
const STEP_KEYS = new Set(['seat', 'take order', 'serve', 'bring', 'ask', 'tell', 'deliver', 'clear', 'pour', 'hand', 'show', 'place', 'get', 'take', 'clean', 'set', 'lead', 'open', 'answer', 'fill']);

// Passive subjects that make a behaviour: the writer, the customer, their glass.
const WRITER_PEOPLE = new Set(['i', 'we', 'me', 'us', 'you']);
const PASSIVE_OBJECTS = new Set(['customer', 'water', 'drink', 'order', 'request', 'question', 'problem', 'complaint', 'call', 'issue', 'need']);

// Objects that say nothing about the behaviour ("took 30 minutes", "gave us").
const NOT_OBJECTS = new Set(['customer', 'staff', 'time', 'minute', 'hour', 'while', 'second', 'forever', 'age', 'long', 'thing', 'everything', 'lot', 'bit']);
// Nouns of time after a verb say when, not what: "emailed her the morning after" has no object "morning".
const TIME_NOUNS = new Set(['morning', 'afternoon', 'evening', 'night', 'day', 'week', 'weekend', 'month', 'today', 'tomorrow', 'yesterday', 'tonight', 'minute', 'hour', 'time']);
// Pronouns that are only ever objects: "fixed it and then explained" — "it" there is no subject.
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'me', 'us', 'it', 'whom']);

// Words the tagger reads as verbs in praise that are not ("the service", "DJ").
const NOT_VERBS = new Set(['service', 'everything', 'reason', 'price', 'dj', 'prompt', 'staff', 'food', 'treats', 'accomodating', 'accommodating', 'wait', 'star', 'love']);

const PARTICLES = new Set(['back', 'up', 'out', 'over', 'by', 'on', 'in', 'down', 'around', 'through', 'off']);
// After an object only these read as particles ("called her back"); "greeted us by name" is not "greet by".
const LATE_PARTICLES = new Set(['back', 'up', 'out', 'over', 'down', 'around', 'off']);
const NEGATORS = new Set(['not', 'never', 'no', "n't", 'nobody', 'nothing', 'without', 'hardly', 'barely', 'nor', 'unable']);
const RELATIVES = new Set(['who', 'that', 'which']);
// Staff are named by first name; a name after a title is a customer ("Mrs Cohen mentioned").
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'madam']);
// "didn't hang up until it worked" is persistence, not negation.
const UNTIL = new Set(['until', 'till', "'til"]);
const FAIL_VERBS = new Set(['forget', 'fail', 'neglect', 'refuse']);
// Subjects whose verbs are not staff behaviour: customers writing, things. "I" is not
// among them: in a staff tool the writer is usually the staff member ("I rang her back").
const WRITER = new Set(['we', 'you', 'me', 'us', 'ourselves', 'u', 'everyone', 'everybody', 'nobody', 'one', 'it', 'this', 'that', 'which', 'food', 'meal', 'place', 'restaurant', 'dish', 'price', 'atmosphere', 'wine', 'menu']);
const POSSESSIVES = new Set(['my', 'our', 'your', 'his', 'her', 'their', 'its']);

// Folds (DETECTION.md 5): synonyms become one key or one detail.
const NOUN_FOLDS = new Map<string, string>(Object.entries({
  guest: 'customer', client: 'customer', diner: 'customer', patron: 'customer', us: 'customer', me: 'customer', him: 'customer',
  them: 'customer', party: 'customer', regular: 'customer', family: 'customer', friend: 'customer', wife: 'customer', husband: 'customer', table: 'table', customer: 'customer', caller: 'customer', visitor: 'customer', people: 'customer',
  patient: 'customer', passenger: 'customer', member: 'customer', resident: 'customer', tenant: 'customer', homeowner: 'customer',
  student: 'customer', parent: 'customer', shopper: 'customer', buyer: 'customer', user: 'customer',
  waiter: 'staff', waitress: 'staff', server: 'staff', employee: 'staff', staff: 'staff', hostess: 'staff', host: 'staff', bartender: 'staff',
  glass: 'water', water: 'water', drink: 'drink', cup: 'water', recommendation: 'recommendation', suggestion: 'recommendation',
}));
const VERB_FOLDS = new Map<string, string>(Object.entries({
  suggest: 'recommend', 'ring back': 'call back', 'phone back': 'call back', 'get back': 'call back', 'follow through': 'follow up',
  'give ring': 'call', 'give call': 'call',
  'check up': 'check on', 'check in': 'check on', 'stop by': 'visit table', 'come by': 'visit table', 'come over': 'visit table',
  'top off': 'refill water', 'top up': 'refill water', refill: 'refill water', comp: 'comp item', 'explain': 'explain',
  'walk through': 'explain', 'break down': 'explain', describe: 'explain',
}));

// Idioms are matched first, on the lemma string (DETECTION.md 4).
const IDIOMS: Array<{ pattern: RegExp; key: string; detail?: string }> = [
  { pattern: /\bgo (?:out of|out|outside of) (?:\w+ ){0,2}way\b/u, key: 'go out of the way' },
  { pattern: /\bgo above and beyond\b/u, key: 'go above and beyond' },
  { pattern: /\bgo (?:the|an) extra mile\b/u, key: 'go above and beyond' },
  { pattern: /\bmake (?:\w+ ){1,2}feel (?:very |so |right |really )?(?:welcome|at home|special|comfortable|like family|valued)\b/u, key: 'make customer feel welcome' },
  { pattern: /\btake (?:\w+ )?care of\b/u, key: 'take care of customer' },
  { pattern: /\bpay (?:\w+ )?attention\b/u, key: 'pay attention' },
  { pattern: /\bmake sure\b/u, key: 'make sure' },
  { pattern: /\bgive (?:\w+ ){0,2}recommendation\b/u, key: 'recommend' },
  { pattern: /\b(?:come|stop) (?:over )?(?:by|to|at) (?:\w+ )?table\b/u, key: 'visit table' },
  { pattern: /\b(?:keep|have) (?:\w+ ){0,2}(?:water|glass|drink|cup)s? (?:fill|full|refill|topped)\b/u, key: 'refill water' },
  { pattern: /\bon the house\b|\bcomplimentary\b|\btake (?:\w+ )?off (?:\w+ )?(?:bill|check|tab)\b/u, key: 'comp item' },
  { pattern: /\bremember (?:\w+ )?name\b/u, key: 'remember', detail: 'name' },
  { pattern: /\b(?:greet|call|address|welcome|know) (?:\w+ ){0,2}by (?:\w+ )?name\b/u, key: 'greet by name' },
  { pattern: /\b(?:walk|talk) (?:\w+ ){0,2}through\b/u, key: 'explain' },
  { pattern: /\bcall (?:\w+ ){0,2}back\b/u, key: 'call back' },
  { pattern: /\bfollow (?:\w+ ){0,2}up\b/u, key: 'follow up' },
  { pattern: /\bstay (?:late|after|behind)\b/u, key: 'stay late' },
  { pattern: /\btake (?:the |extra |a |some )?(?:time|minute|moment) to\b/u, key: 'take time' },
];

interface Sentence {
  tokens: Token[];
}

function foldNoun(lemma: string): string {
  return NOUN_FOLDS.get(lemma) ?? lemma;
}

/** Locally negated: not/never within ~4 words before, stopping at punctuation, a conjunction or a verb. */
function negated(tokens: Token[], at: number): boolean {
  if (untilFollows(tokens, at)) return false;
  for (let i = at - 1; i >= 0 && i >= at - 4; i--) {
    const t = tokens[i];
    if (!t) break;
    if (t.pos === 'PUNCT' || t.pos === 'CCONJ' || t.pos === 'SCONJ') break;
    if (NEGATORS.has(t.lower) || NEGATORS.has(t.lemma)) return true;
    if (t.pos === 'VERB') {
      if (FAIL_VERBS.has(t.lemma)) return true;
      // "didn't bother to refill", "never tried to help": the negation reaches through "to".
      if (tokens[i + 1]?.lower === 'to') return negated(tokens, i);
      return false;
    }
  }
  return false;
}

/** Whether the name ending at `at` follows a title: "Mrs Cohen", "Mr D". */
function titled(tokens: Token[], at: number): boolean {
  let i = at;
  while (i > 0 && tokens[i - 1]?.pos === 'PROPN' && !TITLES.has(tokens[i - 1]?.lower.replace('.', '') ?? '')) i--;
  return TITLES.has(tokens[i - 1]?.lower.replace('.', '') ?? '');
}

/** "until"/"till" within a few words after the verb, in its clause: "didn't leave until it worked". */
function untilFollows(tokens: Token[], at: number): boolean {
  for (let i = at + 1; i < tokens.length && i <= at + 5; i++) {
    const t = tokens[i];
    if (!t || (t.pos === 'PUNCT' && t.text !== "'")) return false;
    if (UNTIL.has(t.lower)) return true;
  }
  return false;
}

/** The nearest subject before a verb in its clause: a lower-cased word, or undefined. */
function subjectOf(tokens: Token[], at: number): Token | undefined {
  for (let i = at - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!t) break;
    if (t.pos === 'PUNCT' && t.text !== '-' && t.text !== "'") return undefined;
    if (t.pos === 'SCONJ' || (t.pos === 'ADP' && i === at - 1)) return undefined;
    // The object of an earlier verb ("fixed it and then explained") is not this verb's subject.
    if (t.pos === 'PRON' && (OBJECT_PRONOUNS.has(t.lower) && tokens[i - 1]?.pos === 'VERB')) continue;
    if (t.pos === 'PRON' && !POSSESSIVES.has(t.lower)) return t;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') return t;
  }
  return undefined;
}

/** Passive: a form of "be" (or "get") just before, perhaps with an adverb between. */
function isPassive(tokens: Token[], at: number): boolean {
  const verb = tokens[at];
  if (!verb || verb.lower.endsWith('ing')) return false;
  for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
    const t = tokens[i];
    if (!t) return false;
    if (t.pos === 'ADV' || t.pos === 'PART') continue;
    return (t.pos === 'AUX' || t.pos === 'VERB') && (t.lemma === 'be' || t.lemma === 'get');
  }
  return false;
}

/** A particle after the object ("called the customer back"), ending the clause. */
function lateParticle(tokens: Token[], at: number): boolean {
  const t = tokens[at];
  if (!t || !LATE_PARTICLES.has(t.lower) || !(t.pos === 'ADP' || t.pos === 'ADV')) return false;
  const after = tokens[at + 1];
  if (after && TIME_NOUNS.has(after.lemma)) return true;
  // "rang her back that evening", "back the next day": a time follows, not an object.
  if (after?.pos === 'DET' && TIME_NOUNS.has(tokens[at + 2]?.lemma ?? '')) return true;
  if (after?.pos === 'DET' && tokens[at + 2]?.pos === 'ADJ' && TIME_NOUNS.has(tokens[at + 3]?.lemma ?? '')) return true;
  return !after || after.pos === 'PUNCT' || after.pos === 'CCONJ' || after.pos === 'ADP' || after.pos === 'SCONJ' || after.pos === 'PART';
}

/**
 * When a person (a name, or him/her/them…) at `at` is followed by a noun phrase, the index
 * of that phrase's head noun: the second object of a two-object verb. Else null.
 */
function secondObject(tokens: Token[], at: number): number | null {
  let i = at;
  const first = tokens[i];
  if (!first) return null;
  if (first.pos === 'PROPN') {
    while (tokens[i + 1]?.pos === 'PROPN') i++;
  } else if (!(first.pos === 'PRON' && OBJECT_PRONOUNS.has(first.lower) && first.lower !== 'it')) return null;
  const det = tokens[i + 1];
  if (!det || !(det.pos === 'DET' || det.pos === 'NUM' || det.pos === 'ADJ')) return null;
  for (let j = i + 1; j < tokens.length && j <= i + 5; j++) {
    const t = tokens[j];
    if (!t) return null;
    if (t.pos === 'DET' || t.pos === 'NUM' || t.pos === 'ADJ' || t.pos === 'ADV') continue;
    if (t.pos !== 'NOUN' || TIME_NOUNS.has(t.lemma)) return null;
    while (tokens[j + 1]?.pos === 'NOUN') j++; // compound: the last noun is the head
    return j;
  }
  return null;
}

/** The object after a verb: its head noun (folded), and where the phrase ends. */
function objectAfter(tokens: Token[], at: number): { noun: string | null; particle: string | null; end: number } {
  let particle: string | null = null;
  let noun: string | null = null;
  let end = at;
  for (let i = at + 1; i < tokens.length && i <= at + 6; i++) {
    const t = tokens[i];
    if (!t) break;
    if (particle === null && noun === null && (t.pos === 'ADP' || t.pos === 'ADV' || t.pos === 'PART') && PARTICLES.has(t.lower)) {
      particle = t.lower;
      end = i;
      continue;
    }
    if (t.pos === 'DET' || t.pos === 'NUM' || (t.pos === 'PRON' && POSSESSIVES.has(t.lower)) || t.pos === 'ADJ') continue;
    if (t.pos === 'ADV' && noun === null) continue;
    if (t.pos === 'NOUN') {
      // "emailed her the morning after": a time, not the thing done.
      if (TIME_NOUNS.has(t.lemma) && tokens[i + 1]?.pos !== 'NOUN') break;
      noun = foldNoun(t.lemma);
      end = i;
      const next = tokens[i + 1];
      if (next?.pos === 'NOUN') continue; // compound: the last noun is the head
      if (particle === null && lateParticle(tokens, i + 1)) {
        particle = tokens[i + 1]?.lower ?? null;
        end = i + 1;
      }
      break;
    }
    // Two objects ("handed Mrs Ito the reference number", "gave them a quick ring"): the
    // person comes first, and the thing given is the behaviour's object.
    const second = secondObject(tokens, i);
    if (noun === null && second !== null) {
      noun = foldNoun(tokens[second]?.lemma ?? '');
      end = second;
      break;
    }
    // A person named as the object ("rang Mrs Adeyemi back"): the customer.
    if (t.pos === 'PROPN' && noun === null) {
      let last = i;
      while (tokens[last + 1]?.pos === 'PROPN') last++;
      noun = 'customer';
      end = last;
      if (particle === null && lateParticle(tokens, last + 1)) {
        particle = tokens[last + 1]?.lower ?? null;
        end = last + 1;
      }
      break;
    }
    if (t.pos === 'PRON' && noun === null) {
      const folded = NOUN_FOLDS.get(t.lower);
      if (folded) {
        noun = folded;
        end = i;
        if (particle === null && lateParticle(tokens, i + 1)) {
          particle = tokens[i + 1]?.lower ?? null;
          end = i + 1;
        }
      }
      break;
    }
    break;
  }
  return { noun, particle, end };
}

function classify(key: string, detail: string | null): PhraseKind {
  const verb = key.split(' ')[0] ?? key;
  if (STEP_KEYS.has(key) || STEP_KEYS.has(`${key} ${detail ?? ''}`.trim()) || (STEP_KEYS.has(verb) && key !== 'take time')) return 'step';
  return 'practice';
}

// All idioms at once: most sentences hold none, and one test rules them all out.
const ANY_IDIOM = new RegExp(IDIOMS.map((idiom) => `(?:${idiom.pattern.source})`).join('|'), 'u');
const IDIOM_SCANS = IDIOMS.map((idiom) => ({ ...idiom, scan: new RegExp(idiom.pattern.source, 'gu') }));

/** The index of the token whose lemma starts at or before char (offsets ascending). */
function tokenAt(offsets: number[], char: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((offsets[mid] ?? 0) <= char) low = mid;
    else high = mid - 1;
  }
  return low;
}

function idiomsIn(sentence: Sentence, taken: Set<number>, found: Phrase[]): void {
  const { tokens } = sentence;
  // The lemma string, with each token's character offset in it.
  let text = '';
  const offsets: number[] = [];
  for (const t of tokens) {
    offsets.push(text.length);
    text += `${t.lemma} `;
  }
  if (!ANY_IDIOM.test(text)) return;
  for (const idiom of IDIOM_SCANS) {
    idiom.scan.lastIndex = 0;
    for (const m of text.matchAll(idiom.scan)) {
      const first = tokenAt(offsets, m.index);
      const last = tokenAt(offsets, m.index + m[0].length - 1);
      if (taken.has(first) || negated(tokens, first)) continue;
      const subject = subjectOf(tokens, first);
      if (subject && WRITER.has(subject.lower) && !isPassive(tokens, first)) continue;
      for (let i = first; i <= last; i++) taken.add(i);
      const start = tokens[first]?.start ?? 0;
      const end = tokens[last]?.end ?? start;
      found.push({ kind: classify(idiom.key, null), key: idiom.key, detail: idiom.detail ?? null, start, end });
    }
  }
}

function qualitiesIn(sentence: Sentence, found: Phrase[]): void {
  const { tokens } = sentence;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || !(t.pos === 'ADJ' || t.pos === 'ADV' || t.pos === 'VERB' || t.pos === 'NOUN')) continue;
    const attribute = QUALITY_OF.get(t.lower) ?? (t.pos === 'ADJ' ? QUALITY_OF.get(t.lemma) : undefined);
    if (!attribute || negated(tokens, i)) continue;
    // "the patient", "a professional": after a determiner the word names someone, not a quality.
    const before = tokens[i - 1];
    if (t.pos === 'NOUN' && before && (before.pos === 'DET' || (before.pos === 'PRON' && POSSESSIVES.has(before.lower)))) continue;
    // "friendly" describes people here only when it is not a noun phrase about food ("nice food").
    const next = tokens[i + 1];
    if (t.pos === 'ADJ' && next?.pos === 'NOUN' && !NOUN_FOLDS.has(next.lemma) && next.lemma !== 'service') continue;
    found.push({ kind: 'quality', key: attribute, detail: t.lower, start: t.start, end: t.end });
  }
}

function verbsIn(sentence: Sentence, taken: Set<number>, found: Phrase[]): void {
  const { tokens } = sentence;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.pos !== 'VERB' || taken.has(i)) continue;
    const lemma = t.lemma.toLowerCase();
    if (!/^[a-z][a-z-]+$/u.test(lemma) || NOT_VERBS.has(t.lower) || STOP_VERBS.has(lemma) || ANTI_VERBS.has(lemma)) continue;
    if (QUALITY_OF.has(t.lower)) continue;
    if (negated(tokens, i)) continue;
    const passive = isPassive(tokens, i);
    const subject = subjectOf(tokens, i);
    const writerActs = subject !== undefined && WRITER.has(subject.lower);
    if (writerActs && !passive) continue;
    // A passive counts when it happened to the writer or the customer ("we were greeted",
    // "my glass was refilled"), not to things ("the place was packed").
    if (passive && !(subject && (WRITER_PEOPLE.has(subject.lower) || PASSIVE_OBJECTS.has(foldNoun(subject.lemma))))) continue;
    // Customers acting ("regulars greet the owner") are not staff behaviour.
    if (!passive && subject && subject.pos === 'NOUN' && foldNoun(subject.lemma) === 'customer') continue;
    if (!passive && subject && subject.pos === 'PROPN' && titled(tokens, tokens.indexOf(subject))) continue;
    // … nor are they in a relative clause ("every customer who waited").
    if (!passive && subject && RELATIVES.has(subject.lower) && foldNoun(tokens[tokens.indexOf(subject) - 1]?.lemma ?? '') === 'customer') continue;
    // A copula with an -ing form and no object ("staff was accommodating") is a quality, not a behaviour.
    if (t.lower.endsWith('ing') && !passive) {
      const before = tokens[i - 1];
      if (before && (before.lemma === 'be' || before.pos === 'AUX')) continue;
    }
    const object = objectAfter(tokens, i);
    const { noun, end } = object;
    // "greeted by the manager": in a passive, "by" introduces the actor, not a particle.
    const particle = passive && object.particle === 'by' ? null : object.particle;
    let detail = passive ? foldNoun(subject?.lemma.toLowerCase() ?? 'customer') : noun;
    if (passive && subject && WRITER.has(subject.lower)) detail = 'customer';
    // A light verb means something only with a real object ("take the coats"), which joins its key.
    const lightObject = noun && !NOT_OBJECTS.has(noun) ? noun : null;
    if (LIGHT_VERBS.has(lemma) && !lightObject && !(particle && subject && !writerActs)) continue;
    // Subjectless "Highly recommend!" is the writer talking.
    if (!subject && !passive && lemma === 'recommend' && (!noun || noun === 'place' || noun === 'restaurant')) continue;
    let key = particle ? `${lemma} ${particle}` : lemma;
    key = VERB_FOLDS.get(key) ?? (particle ? (VERB_FOLDS.get(lemma) ?? key) : key);
    if (ANTI_VERBS.has(key)) continue;
    if (LIGHT_VERBS.has(lemma) && lightObject && !particle) {
      key = VERB_FOLDS.get(`${lemma} ${lightObject}`) ?? `${lemma} ${lightObject}`;
      detail = null;
    }
    if (key === 'take' && detail === 'order') key = 'take order';
    if (key === 'refill water' || key === 'comp item' || key === 'visit table') detail = null;
    if (detail && (detail === 'customer' || detail === 'staff' || detail === 'time' || detail === 'everything' || detail === 'thing')) {
      detail = detail === 'customer' ? 'customer' : null;
    }
    const last = tokens[Math.max(end, i)];
    for (let j = i; j <= Math.max(end, i); j++) taken.add(j);
    found.push({ kind: classify(key, detail), key, detail, start: t.start, end: last?.end ?? t.end });
  }
}

function sentencesOf(tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    current.push(t);
    if (t.pos === 'PUNCT' && /^[.!?;]+$/u.test(t.text)) {
      sentences.push({ tokens: current });
      current = [];
    }
  }
  if (current.length) sentences.push({ tokens: current });
  return sentences;
}

/** Behaviours (practices and routine steps) and qualities in one tagged text. */
export function extractPhrases(tokens: Token[]): Phrase[] {
  const found: Phrase[] = [];
  for (const sentence of sentencesOf(tokens)) {
    const taken = new Set<number>();
    idiomsIn(sentence, taken, found);
    verbsIn(sentence, taken, found);
    qualitiesIn(sentence, found);
  }
  return found;
}

// The keys the extractor composes on purpose: an idiom, a fold, a light verb with its object.
const COMPOSED_KEYS = new Set([...IDIOMS.map((idiom) => idiom.key), ...VERB_FOLDS.values()].filter((key) => key.includes(' ')));

/**
 * Whether a key names a concrete behaviour by itself ("call back", "refill water", "take
 * coat") rather than a bare action whose object varies ("fix", "send", "go out").
 */
export function isComposedKey(key: string): boolean {
  if (COMPOSED_KEYS.has(key)) return true;
  const [verb, second] = key.split(' ');
  return second !== undefined && LIGHT_VERBS.has(verb ?? '') && !PARTICLES.has(second);
}

/** A phrase's key and detail as one label: "recommend wine", "call back". */
export function phraseLabel(key: string, detail: string | null): string {
  return detail && detail !== 'customer' ? `${key} ${detail}` : key;
}
