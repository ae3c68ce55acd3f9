import { describe, expect, it } from 'vitest';
import { clauseAfter, qualifiersIn, sharedQualifier } from '../../../src/core/qualifiers.ts';

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
    expect(sharedQualifier([' within the hour', ' the same day', ' the bill'])).toEqual({ kind: 'timing', stories: 2 });
    expect(sharedQualifier([' within the hour', ' the bill', ' the menu'])).toBeNull();
    expect(sharedQualifier([' within the hour'])).toBeNull();
  });
});
