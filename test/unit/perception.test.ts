import { describe, expect, it } from 'vitest';
import type { AssessmentView } from '../../src/core/assess.ts';
import { attributesMentioned, buildPerception, withPerceptionAgenda } from '../../src/core/perception.ts';

/** A closed round in which the team rated listening and empathy. */
const view = (listening: number, empathy: number): AssessmentView => ({
  minAnswering: 3,
  attributed: false,
  byPerson: [],
  rounds: [
    {
      openedOn: '2026-02-01',
      closesOn: '2026-03-01',
      open: false,
      took: 4,
      questions: [
        { key: 'listening', version: 1, text: 'We listen', attribute: 'listening', retired: false, answered: 4, hidden: null, mean: listening, notes: [] },
        { key: 'empathy', version: 1, text: 'We care', attribute: 'empathy', retired: false, answered: 4, hidden: null, mean: empathy, notes: [] },
      ],
    },
  ],
});

describe('attributesMentioned', () => {
  it('reads customers\' words with the quality vocabulary, whole words only', () => {
    expect(attributesMentioned('She was so patient and she listened')).toEqual(['listening', 'empathy']);
    expect(attributesMentioned('They got back to me right away')).toEqual(['responsiveness']);
    // "unkind" is not "kind"; "fastidious" is not "fast".
    expect(attributesMentioned('an unkind, fastidious clerk')).toEqual([]);
  });
});

describe('buildPerception', () => {
  const interviews = [
    ['a friend', 'Ana is so patient', 'longer hours'],
    ['the web', 'patient and kind', null],
    ['an ad', 'quick answers', 'open on Saturdays'],
    ['a friend recommended you', 'helpful people', null],
  ];

  it('sets the team rating, the stories and the customers\' mentions side by side, and names the gaps', () => {
    const perception = buildPerception({
      assessment: view(4.6, 2.5),
      stories: [
        { attribute: 'listening', stories: 0 },
        { attribute: 'empathy', stories: 5 },
      ],
      interviews,
    });
    expect(perception.calls).toBe(4);
    const row = (a: string) => perception.attributes.find((r) => r.attribute === a);
    expect(row('listening')).toEqual({ attribute: 'listening', rating: 4.6, ratedOn: '2026-02-01', stories: 0, mentions: 0 });
    expect(row('empathy')).toMatchObject({ rating: 2.5, stories: 5, mentions: 3 });
    expect(row('positive demeanor')).toMatchObject({ rating: null, mentions: 1 });
    expect(perception.gaps).toEqual([
      'We rate listening 4.6; customers did not mention it in 4 calls.',
      'We rate empathy 2.5, yet customers mentioned it in 3 of 4 calls: we may be harder on ourselves than they are.',
    ]);
  });

  it('puts the largest gap on the agenda after the first item, making room from a generic one', () => {
    const perception = buildPerception({ assessment: view(4.6, 4), stories: [], interviews });
    const agenda = withPerceptionAgenda(
      [
        { kind: 'celebrate', text: 'Celebrate Ana' },
        { kind: 'collect', text: 'Ask for stories' },
      ],
      perception,
    );
    expect(agenda.map((a) => a.kind)).toEqual(['celebrate', 'perception']);
    expect(agenda[1]?.text).toBe('We rate listening 4.6; customers did not mention it in 4 calls. Talk about why.');
  });
});
