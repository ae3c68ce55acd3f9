/**
 * The one vague-praise check of `svc story add`, for flags, stdin and the guided prompt
 * alike, without the NLP model (loading it would cost more than the whole command;
 * DESIGN.md, start-up budget): does the story name something a person did ("Ana called
 * the customer back"), or only praise them ("the staff were lovely", "Great service,
 * thanks!", "went above and beyond")? It errs towards "names a behaviour": a nudge that
 * fires on a good story would teach people to ignore it.
 */

// Things service people do, as base forms; inflections are generated below.
const ACTIONS = (
  'accommodate adapt adjust advise answer anticipate apologize apologise arrange ask assist book bring call calm carry ' +
  'chase check clarify clean coach comfort comp confirm contact cook cover credit customize deliver demonstrate describe ' +
  'drive email escalate exchange explain fetch find fix follow greet guide handle help hold inform install introduce ' +
  'invite lend lift listen locate mail make manage message move note notice notify offer open order organize pack phone ' +
  'pick point pour prepare print promise reassure recognize recommend refill refund remember remind repair replace reply ' +
  'reserve resolve respond return ring run save schedule seat send serve set share ship show solve sort spot stay stop ' +
  'suggest swap switch take teach text track train translate treat try unlock update upgrade visit waive walk warn ' +
  'welcome wrap write tell give keep put read spell quote wait go hang remain leave build buy cut lead pay sell ' +
  'shut split stick throw shadow'
).split(' ');

const IRREGULAR = (
  'brought caught drove driven found gave given got gotten held kept lent made ran rang sent set showed shown sat sought ' +
  'spoke spoken stood taught told took taken went wrote written came left paid put read spelt spelled hung drew drawn ' +
  'knelt swept dug laid lit fed built bought cut led sold shut split stuck threw thrown'
).split(' ');

// -ed words that describe a feeling or a quality, not something done ("so pleased", "very experienced").
const NOT_DEEDS = new Set(
  (
    'pleased impressed amazed surprised delighted thrilled relieved excited interested worried stressed tired dedicated ' +
    'talented experienced skilled organised organized detailed blessed satisfied overwhelmed touched moved appreciated ' +
    'hundred sacred naked wicked beloved rugged indeed needed'
  ).split(' '),
);

// Words after which an action word is a noun or a quality: "the phone", "a real credit", "lovely email".
const DETERMINERS = new Set('the a an my your his her their our its this that these those some any every each no what such'.split(' '));
const PRAISE = new Set(
  (
    'great good lovely nice amazing brilliant fantastic excellent wonderful super awesome real quick friendly kind helpful ' +
    'patient professional polite warm welcoming best perfect outstanding incredible fab fabulous top'
  ).split(' '),
);
// Before an -ing form, these make it a quality: "always smiling", "so welcoming", "kind and reassuring".
const QUALITY_LEAD = new Set('is was were are be been so very always really too more most and ever'.split(' '));
// Before a verb, these make it negated or hypothetical: "couldn't have asked for better".
const NEGATORS = new Set(['not', 'never', 'couldnt', 'wouldnt', 'didnt', 'dont', "couldn't", "wouldn't", "didn't", "don't", 'could', 'would', 'should']);
const HAVE = new Set(['have', 'had', "'ve"]);
// "didn't leave until it worked" is persistence, not negation.
const UNTIL = /^(?:\S+ ){0,4}?(?:until|till)\b/u;
// After these an -ing form is something done: "before handing the bag over", "by explaining".
const DEED_LEAD = new Set(['before', 'after', 'while', 'by', 'than', 'of']);
// A customer, or their words, acting: "the guest asked us to pass on thanks".
const CUSTOMERS = new Set(
  'customer customers client clients guest guests patient patients caller visitor resident tenant family mum dad review feedback'.split(' '),
);

// Ways of saying a behaviour without one of the verbs above.
const DEED_IDIOMS = [/\bon the house\b/u, /\bby name\b/u];
// Praise that sounds like a deed but names none: what was done is the question.
const PRAISE_IDIOMS = [
  /\b(?:(?:go|goes|went|gone|going) )?(?:the |an )?extra mile\b/gu,
  /\b(?:(?:go|goes|went|gone|going) )?above and beyond\b/gu,
  /\b(?:(?:go|goes|went|gone|going) )?over and above\b/gu,
  /\b(?:(?:go|goes|went|gone|going) )?out of (?:her|his|their|my|our|the) way\b/gu,
];
// A deed done to nothing in particular ("fixed it", "sorted everything out", "helped us"): the what is missing.
const NOTHING_IN_PARTICULAR = /^(?:it|everything|things|all|us|me|them|him|her)(?: (?:out|up|again|today|for us|as always))*(?:$|[,.!;?]| and\b| so\b)/u;
// A result without the deed: "made a stressful day so much easier", "made our day".
const RESULT_ONLY = /^(?:\S+ ){0,6}?(?:easier|better|special|happy|happier|our day|my day|the day)\b/u;
// "had him repeat the schedule back": the word after a causative and its person is the deed.
const CAUSATIVES = new Set(['had', 'have', 'has', 'got', 'get', 'let', 'lets']);
const PEOPLE_OBJECTS = new Set(['him', 'her', 'them', 'me', 'us', 'everyone', 'everybody']);

function inflections(verb: string): string[] {
  const forms = [verb, `${verb}s`, `${verb}es`, `${verb}ed`, `${verb}d`, `${verb}ing`];
  if (verb.endsWith('e')) forms.push(`${verb.slice(0, -1)}ing`);
  if (/[^aeiou]y$/u.test(verb)) forms.push(`${verb.slice(0, -1)}ied`, `${verb.slice(0, -1)}ies`);
  const last = verb.at(-1) ?? '';
  // stop → stopped, plan → planned: one vowel before a final consonant.
  if (/[^aeiou][aeiou][bdgklmnprt]$/u.test(verb)) forms.push(`${verb}${last}ed`, `${verb}${last}ing`);
  return forms;
}

const BEHAVIOUR_WORDS = new Set([...ACTIONS.flatMap(inflections), ...IRREGULAR]);

/**
 * A word that can name a deed: a known action in any form, or a regular past tense; a
 * compound by its last part ("price-matched") and a redone action by its verb ("rewrote").
 */
function deedForm(word: string): boolean {
  if (BEHAVIOUR_WORDS.has(word)) return true;
  const last = word.slice(word.lastIndexOf('-') + 1);
  if (last !== word) return deedForm(last);
  // "reset", "rebuilt", "rewrote": the action done again.
  if (/^re[a-z]{3,}$/u.test(word) && BEHAVIOUR_WORDS.has(word.slice(2))) return true;
  return /^[a-z]{3,}ed$/u.test(word) && !word.endsWith('eed') && !NOT_DEEDS.has(word);
}

// "the towel animals … that's Teresa's doing": a particular thing credited to someone is a
// deed named as a noun; "great service, that's Teresa's doing" credits only praise.
const CREDIT = /\b\p{L}+'s (?:doing|handiwork)\b/u;
const PARTICULAR_THING = /\b(?:the|a|an|those|these) (\p{L}+)/gu;
const NOT_PARTICULAR = new Set('service team staff stay experience day visit time way welcome help care'.split(' '));

function creditsParticularThing(lower: string): boolean {
  const credit = CREDIT.exec(lower);
  if (!credit) return false;
  for (const match of lower.slice(0, credit.index).matchAll(PARTICULAR_THING)) {
    const noun = match[1] ?? '';
    if (!PRAISE.has(noun) && !NOT_PARTICULAR.has(noun) && !DETERMINERS.has(noun)) return true;
  }
  return false;
}

/** Whether the text names something a person did, by a small lexicon and word order (no model). */
export function namesBehaviour(text: string): boolean {
  let lower = text.toLocaleLowerCase('en-US').replace(/[’‘]/gu, "'");
  if (DEED_IDIOMS.some((pattern) => pattern.test(lower)) || creditsParticularThing(lower)) return true;
  for (const pattern of PRAISE_IDIOMS) lower = lower.replace(pattern, ' ');
  // Letters of any script: "Lucía" is one word, not "luc" and "a".
  const words = [...lower.matchAll(/\p{L}+(?:['-]\p{L}+)*/gu)];
  // The words before, within the same clause: "any more. Told her" does not make "told" a noun.
  const joined = (i: number) => {
    const prev = words[i - 1];
    const at = words[i];
    return prev !== undefined && at !== undefined && !/[.!?;:,]/u.test(lower.slice((prev.index ?? 0) + prev[0].length, at.index));
  };
  for (const [i, match] of words.entries()) {
    const word = match[0];
    const before = joined(i) ? (words[i - 1]?.[0] ?? '') : '';
    const twoBefore = before && joined(i - 1) ? (words[i - 2]?.[0] ?? '') : '';
    const after = lower.slice((match.index ?? 0) + word.length).trimStart();
    // "didn't leave until it worked", "wouldn't give up till": persistence, whatever the verb.
    if (NEGATORS.has(before) && /^[a-z]{3,}$/u.test(word) && UNTIL.test(after)) return true;
    if (CAUSATIVES.has(twoBefore) && PEOPLE_OBJECTS.has(before) && /^[a-z]{3,}$/u.test(word)) return true;
    if (word.endsWith('ing') && word.length > 5 && DEED_LEAD.has(before)) return true;
    if (!deedForm(word)) continue;
    if (DETERMINERS.has(before) || PRAISE.has(before) || (DETERMINERS.has(twoBefore) && PRAISE.has(before))) continue;
    if (DETERMINERS.has(twoBefore) && !/(?:ed|ing)$/u.test(word) && !BEHAVIOUR_WORDS.has(before)) continue;
    if (word.endsWith('ing') && QUALITY_LEAD.has(before)) continue;
    const rest = after;
    const negated = NEGATORS.has(before) || NEGATORS.has(twoBefore) || (HAVE.has(before) && NEGATORS.has(twoBefore));
    if (negated && !UNTIL.test(rest)) continue;
    if ([before, twoBefore, words[i - 3]?.[0] ?? ''].some((w) => CUSTOMERS.has(w))) continue;
    if (NOTHING_IN_PARTICULAR.test(rest)) continue;
    if ((word === 'made' || word === 'make' || word === 'makes') && RESULT_ONLY.test(rest)) continue;
    return true;
  }
  return false;
}

/** Whether svc should ask what exactly they did: the one vague-praise check of every way in. */
export function isVaguePraise(text: string): boolean {
  return !namesBehaviour(text);
}
