import { describe, expect, it } from 'vitest';
import { clauseAfter, qualifierLabel, qualifiersIn, sharedQualifier, withQualifiers } from '../../../src/core/qualifiers.ts';

describe('qualifiers', () => {
  it('reads when, how long, how, why, meanwhile and before being asked', () => {
    expect(qualifiersIn(' mrs adeyemi back that evening')).toEqual(['timing']);
    expect(qualifiersIn(' on the line until it worked')).toEqual(['persistence']);
    expect(qualifiersIn(' her through the form step by step')).toEqual(['manner']);
    expect(qualifiersIn(" her the case number so she wouldn't have to repeat herself")).toEqual(['purpose']);
    expect(qualifiersIn(' him a laptop in the meantime')).toEqual(['interim']);
    expect(qualifiersIn(' a blanket before she asked')).toEqual(['anticipation']);
    expect(qualifiersIn(' the bill')).toEqual([]);
  });

  it('looks only at the rest of the sentence', () => {
    const text = 'Ana called her back. The next morning it rained.';
    expect(clauseAfter(text, 'Ana called her back'.length)).toBe('');
    expect(clauseAfter('Bo rang Mr Lee within the hour; all good.', 'Bo rang'.length)).toBe(' mr lee within the hour');
  });

  it('names the qualifier only when at least half the stories, and two, share it', () => {
    expect(sharedQualifier([' within the hour', ' the same day', ' the bill'])).toEqual({ kind: 'timing', stories: 2, words: ['same day', 'within the hour'], more: false });
    // Timing reads in the stories' own words, the most written first.
    const nextDay = sharedQualifier([' the next day with the fix', ' the next day', ' first thing', ' that evening', ' a week later']);
    expect(nextDay).toEqual({ kind: 'timing', stories: 4, words: ['next day', 'first thing'], more: true });
    expect(qualifierLabel(nextDay!)).toBe('next day / first thing …');
    expect(qualifierLabel({ kind: 'persistence', stories: 2, words: ['until'], more: false })).toBe('until done');
    expect(sharedQualifier([' within the hour', ' the bill', ' the menu'])).toBeNull();
    expect(sharedQualifier([' within the hour'])).toBeNull();
  });
});

describe('a phrase with its details', () => {
  const phrase = (key: string, text: string, after: string) => {
    const end = text.indexOf(after) + after.length;
    return { kind: 'practice' as const, key, detail: null, start: 0, end };
  };

  it('reads the qualifiers of each behaviour phrase in its own clause, and none for a quality', () => {
    const text = 'Ana called him back the next morning. She stayed on the line until it worked, calm as ever.';
    const phrases = [phrase('call back', text, 'called him back'), phrase('stay on', text, 'stayed on'), { kind: 'quality' as const, key: 'clear head', detail: 'calm', start: 80, end: 84 }];
    expect(withQualifiers(text, phrases).map((p) => p.qualifiers)).toEqual([['timing'], ['persistence'], []]);
  });

  it('reads the same as clause by clause where lowering a letter changes the length of the text', () => {
    const text = 'İpek RANG him back the same day; then she explained it step by step.';
    const phrases = [phrase('call back', text, 'RANG him back'), phrase('explain', text, 'explained it')];
    expect(withQualifiers(text, phrases).map((p) => p.qualifiers)).toEqual(phrases.map((p) => qualifiersIn(clauseAfter(text, p.end))));
    expect(withQualifiers(text, phrases).map((p) => p.qualifiers)).toEqual([['timing'], ['manner']]);
  });
});
