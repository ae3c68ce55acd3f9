import { describe, expect, it } from 'vitest';
import { phraseKey, phrasesOf } from '../../src/core/nlp.ts';
import type { PhraseKind } from '../../src/core/phrases.ts';

const keys = (text: string, kind: PhraseKind = 'practice') =>
  phrasesOf(text)
    .filter((p) => p.kind === kind)
    .map((p) => p.key);

describe('phrase extraction', () => {
  it('folds inflections of one behaviour into one key', () => {
    expect(keys('Ana called the customer back within the hour.')).toEqual(['call back']);
    expect(keys('Bo calls back every customer who waited.')).toEqual(['call back']);
    expect(keys('Cy will call back tomorrow.')).toEqual(['call back']);
  });

  it('maps what a person types to the key the extractor stores', () => {
    expect(phraseKey('called back')).toBe('call back');
    expect(phraseKey('calls back')).toBe('call back');
    expect(phraseKey('call back')).toBe('call back');
    expect(phraseKey('suggested the special')).toBe('recommend');
  });

  it('keeps the span of the words in the original text', () => {
    const text = 'On Monday Ana remembered the name of every guest.';
    const [phrase] = phrasesOf(text).filter((p) => p.kind === 'practice');
    expect(phrase && text.slice(phrase.start, phrase.end)).toBe('remembered the name');
    expect(phrase?.detail).toBe('name');
  });

  it('ignores what the customers writing did, but reads "I" as the staff member writing', () => {
    expect(keys('We got a table and we ordered the fish.')).toEqual([]);
    expect(keys('I called back the next day.')).toEqual(['call back']);
    expect(keys('I rang Mrs Adeyemi back that evening.')).toEqual(['call back']);
  });

  it('reads a titled name or a patient, guest or tenant acting as the customer, not as staff', () => {
    expect(keys('When Mrs Cohen mentioned a nut allergy, Zainab checked the pesto with the chef.')).toEqual(['check']);
    expect(keys('The patient rescheduled twice.')).toEqual([]);
  });

  it('reads "through" for the "thru" of the tagger, so walking someone through is explaining', () => {
    expect(keys('Ana walked her through the form step by step.')).toEqual(['explain']);
  });

  it('does not take the object "it" for the subject of the next verb', () => {
    expect(keys('Ana fixed it and then explained why.')).toEqual(['fix', 'explain']);
  });

  it('takes the thing given as the object of a two-object verb', () => {
    const [handed] = phrasesOf('Ana handed Mrs Ito the reference number.').filter((p) => p.kind !== 'quality');
    expect([handed?.key, handed?.detail]).toEqual(['hand', 'number']);
    expect(keys('Bo gave them a quick ring.')).toEqual(['call']);
  });

  it('reads a time after the verb as when, not what', () => {
    const [emailed] = phrasesOf('Cy emailed her the morning after.').filter((p) => p.kind === 'practice');
    expect(emailed?.key).toBe('email');
    expect(emailed?.detail).not.toBe('morning');
  });

  it('reads a customer whose name is also an English verb as a name', () => {
    for (const name of ['Sue', 'Will', 'Rob', 'Gwen']) expect(keys(`Bo rang ${name} back the next morning.`), name).toEqual(['call back']);
    // A verb at the start of a sentence or a quotation stays a verb.
    expect(keys('Sue her? No. Call the customer back, Ana said.')).toContain('call back');
  });

  it('lemmatises past tenses the model leaves as they are', () => {
    expect(keys('Dee texted him the code.')).toEqual(['text']);
  });

  it('reads staying, waiting and not hanging up until something is done as behaviours', () => {
    expect(keys('Eli stayed on the line until it worked.')).toEqual(['stay on']);
    expect(keys("Fay didn't hang up until the router was back online.")).toEqual(['hang up']);
    expect(keys('Gus waited with her until the taxi came.')).toEqual(['wait']);
    expect(keys('Hana remained with the patient.')).toEqual(['remain']);
  });

  it('does not read a person named by a noun as a quality', () => {
    expect(phrasesOf('Hana remained with the patient.').filter((p) => p.kind === 'quality')).toEqual([]);
    expect(phrasesOf('Ivo was patient with her.').filter((p) => p.kind === 'quality').map((p) => p.key)).toEqual(['empathy']);
  });

  it('reads passives as something done to the customer', () => {
    expect(keys('We were greeted warmly at the door.')).toEqual(['greet']);
    expect(keys('The place was packed.')).toEqual([]);
  });

  it('drops locally negated behaviours and anti-practices', () => {
    expect(keys("The waiter didn't recommend anything.")).toEqual([]);
    expect(keys('She forgot to call back.')).toEqual([]);
    expect(keys("The staff didn't bother to refill my water.")).toEqual([]);
    expect(keys('He ignored us and spilled the wine.')).toEqual([]);
    // Negation is local: a later clause is not negated.
    expect(keys('It was not busy, and the server recommended the fish.')).toEqual(['recommend']);
  });

  it('reads idioms before single verbs', () => {
    expect(keys('The manager went out of her way to find a table.')).toContain('go out of the way');
    expect(keys('Dessert was on the house.')).toEqual(['comp item']);
    expect(keys('The manager came over to our table.')).toEqual(['visit table']);
    expect(keys('Ana greeted us by name.')).toEqual(['greet by name']);
  });

  it('keeps light verbs only with a real object', () => {
    expect(keys('The waiter made us laugh.')).toEqual([]);
    expect(keys('The staff took the time to explain the menu.')).toEqual(['take time', 'explain']);
  });

  it('shows routine service apart from practices', () => {
    expect(keys('The waitress took our order and seated us.', 'step')).toEqual(['take order', 'seat']);
    expect(keys('The waitress took our order and seated us.')).toEqual([]);
  });

  it('reports quality words per attribute, never as practices', () => {
    const phrases = phrasesOf('The staff was attentive and very friendly.');
    expect(phrases.filter((p) => p.kind !== 'quality')).toEqual([]);
    expect(phrases.filter((p) => p.kind === 'quality').map((p) => [p.key, p.detail])).toEqual([
      ['listening', 'attentive'],
      ['positive demeanor', 'friendly'],
    ]);
    expect(phrasesOf('The staff was not friendly.').filter((p) => p.kind === 'quality')).toEqual([]);
  });
});
