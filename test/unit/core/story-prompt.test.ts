import { describe, expect, it } from 'vitest';
import { answerFlow, type Question } from '../../../src/core/prompt.ts';
import { storyInputFromAnswers, storyQuestions } from '../../../src/core/story-prompt.ts';

const given = { staff: true, customer: true, channel: true, trigger: true, tags: false };

describe('the guided story questions', () => {
  it('ask for tags once: the known ones to pick, and new ones typed at the same list', () => {
    const questions = storyQuestions({ given, people: [], tags: ['call-back', 'empathy'] });
    const tags = questions.filter((q) => q.key.startsWith('tags'));
    expect(tags).toHaveLength(1);
    expect(tags[0]).toMatchObject({ kind: 'checkbox', typed: 'new:' });
    const answers = answerFlow(questions, (q: Question) =>
      q.key === 'action' ? 'Ana rang back the same afternoon' : q.key === 'more' ? true : q.key === 'tags' ? ['empathy', 'refund', 'same day'] : '',
    );
    expect(storyInputFromAnswers(answers).tags).toEqual(['empathy', 'refund', 'same day']);
  });

  it('ask for tags as text when there is no tag to pick', () => {
    const questions = storyQuestions({ given, people: [], tags: [] });
    expect(questions.filter((q) => q.key.startsWith('tags'))).toMatchObject([{ kind: 'input', message: 'Tags? (comma-separated; enter to skip)' }]);
    const answers = answerFlow(questions, (q: Question) => (q.key === 'action' ? 'Ana rang back' : q.key === 'more' ? true : q.key === 'tags' ? 'refund, same day' : ''));
    expect(storyInputFromAnswers(answers).tags).toEqual(['refund', 'same day']);
  });

  it('ask no tags and leave them unset when Enter at "More detail?" saves the story', () => {
    const answers = answerFlow(storyQuestions({ given, people: [], tags: ['empathy'] }), (q: Question) => (q.key === 'action' ? 'Ana rang back' : q.key === 'more' ? false : ''));
    expect(answers).toEqual({ action: 'Ana rang back', more: false });
    expect(storyInputFromAnswers(answers).tags).toBeUndefined();
  });
});
