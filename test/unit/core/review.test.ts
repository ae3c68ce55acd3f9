import { describe, expect, it } from 'vitest';
import { procedureSteps, reviewStories, revisionDraft } from '../../../src/core/review.ts';

const BODY = 'Steps:\n1. Note the promised time.\n- Call back the same day, even without news.\n\n';
const story = (id: number, text: string, people = ['Ana']) => ({ id, occurredOn: '2026-03-18', people, text });

describe('reviewing a procedure with its new stories', () => {
  it('takes the steps under the heading without list markers, as the playbook numbers them', () => {
    expect(procedureSteps(BODY)).toEqual(['Note the promised time.', 'Call back the same day, even without news.']);
    expect(procedureSteps('Let them finish.\nThen summarise.')).toEqual(['Let them finish.', 'Then summarise.']);
    expect(procedureSteps('Let them finish. Then summarise and ask.')).toEqual(['Let them finish. Then summarise and ask.']);
  });

  it('counts a new word only when two stories show it, and never a person\'s name', () => {
    const read = reviewStories(BODY, [story(1, 'Ana called back and sent a summary'), story(2, 'Bo called back with a summary, Ana helped', ['Bo']), story(3, 'Cy kept the promised time')], ['Ana', 'Bo', 'Cy']);
    expect(read.adds).toEqual([{ word: 'summary', stories: 2 }]);
    expect(read.stories.map((s) => [s.id, s.verdict, s.adds])).toEqual([
      [1, 'goes-beyond', ['summary']],
      [2, 'goes-beyond', ['summary']],
      [3, 'follows', []],
    ]);
    expect(read.stories[2]?.steps).toEqual([1]);
  });

  it('drafts the next version with the stories that go beyond it as instructions', () => {
    const read = reviewStories(BODY, [story(1, 'sent a summary'), story(2, 'a summary too')], []);
    const draft = revisionDraft('Call back', 1, 'Note the time.', read.stories);
    expect(draft.split('\n').filter((line) => line.startsWith('# Story'))).toHaveLength(2);
    expect(draft.endsWith('\n\nNote the time.\n')).toBe(true);
  });
});
