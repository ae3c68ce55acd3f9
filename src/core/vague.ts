/**
 * A cheap check, without the NLP model, for whether a story names a behaviour at all
 * ("Ana called the customer back") or is only praise ("the staff were lovely"). Used
 * by `svc story add` off a terminal, where loading the model would cost more than the
 * whole command (DESIGN.md, start-up budget). It errs towards "names a behaviour":
 * a nudge that fires on a good story would teach people to ignore it.
 */

// Things service people do, as base forms; inflections are generated below.
const ACTIONS = (
  'accommodate adapt adjust advise answer anticipate apologize apologise arrange ask assist book bring call calm carry ' +
  'chase check clarify clean coach comfort comp confirm contact cook cover credit customize deliver demonstrate describe ' +
  'drive email escalate exchange explain fetch find fix follow greet guide handle help hold inform install introduce ' +
  'invite lend lift listen locate mail make manage message move note notice notify offer open order organize pack phone ' +
  'pick point pour prepare print promise reassure recognize recommend refill refund remember remind repair replace reply ' +
  'reserve resolve respond return ring run save schedule seat send serve set share ship show solve sort spot stay stop ' +
  'suggest swap switch take teach text thank track train translate treat try unlock update upgrade visit waive walk warn ' +
  'welcome wrap write'
).split(' ');

const IRREGULAR = (
  'brought caught drove driven found gave given got gotten held kept lent made ran rang sent set showed shown sat sought ' +
  'spoke spoken stood taught told took taken went wrote written came left paid'
).split(' ');

// Ways of saying a behaviour without one of the verbs above.
const IDIOMS = [/\bon the house\b/u, /\bextra mile\b/u, /\babove and beyond\b/u, /\bout of (?:her|his|their|my|our|the) way\b/u, /\bby name\b/u];

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

/** Whether the text names something a person did, by a small lexicon (no NLP model). */
export function namesBehaviour(text: string): boolean {
  const lower = text.toLocaleLowerCase('en-US');
  if (IDIOMS.some((pattern) => pattern.test(lower))) return true;
  for (const word of lower.match(/[a-z]+(?:-[a-z]+)*/gu) ?? []) if (BEHAVIOUR_WORDS.has(word)) return true;
  return false;
}

/** Whether svc should ask what exactly they did: the one vague-praise check of every way in. */
export function isVaguePraise(text: string): boolean {
  return !namesBehaviour(text);
}
