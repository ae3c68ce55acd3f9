import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.ts';
import { applyStoryEdit, draftStory, MAX_STORY_LENGTH, type Story } from '../../../src/core/story.ts';
import { NOW } from '../../helpers/db.ts';

describe('draftStory', () => {
  it('normalises names, tags and closed values', () => {
    const draft = draftStory(
      { text: '  Ana called back #Call-Back ', staff: ['ana ', 'Ana', 'Bo'], tags: ['Follow Up'], channel: 'Phone', trigger: 'RECOVERY' },
      NOW,
    );
    expect(draft).toMatchObject({
      text: 'Ana called back #Call-Back',
      staff: ['ana', 'Bo'],
      tags: ['follow-up', 'call-back'],
      channel: 'phone',
      trigger: 'recovery',
      occurredOn: '2026-03-18',
      customerKind: 'external',
    });
  });

  it.each([
    [{ text: '' }, /empty/],
    [{ text: ' \n\t ' }, /empty/],
    [{ text: 'x'.repeat(MAX_STORY_LENGTH + 1) }, /limit is 20000/],
    [{ text: 'ok', when: 'soon' }, /--when "soon"/],
    [{ text: 'ok', when: '2026-03-19' }, /future/],
    [{ text: 'ok', channel: 'fax' }, /--channel "fax" is not one of phone, email, in-person, chat, social, other/],
    [{ text: 'ok', source: 'rumour' }, /--source/],
    [{ text: 'ok', trigger: 'luck' }, /--trigger/],
  ])('refuses %j', (input, message) => {
    expect(() => draftStory(input, NOW)).toThrow(ValidationError);
    expect(() => draftStory(input, NOW)).toThrow(message);
  });

  it('refuses a NUL in the text, the title or the impact, naming which', () => {
    expect(() => draftStory({ text: 'Ana\u0000 called back', staff: ['Ana'] }, NOW)).toThrow(/^the story text holds a NUL character/);
    expect(() => draftStory({ text: 'Ana called back', title: 'Call\u0000', staff: ['Ana'] }, NOW)).toThrow(/^--title holds a NUL character/);
    expect(() => draftStory({ text: 'Ana called back', impact: '\u0000', staff: ['Ana'] }, NOW)).toThrow(ValidationError);
    expect(draftStory({ text: 'Ana called back \u0001', staff: ['Ana'] }, NOW).text).toBe('Ana called back \u0001');
  });

  it('accepts exactly the maximum length', () => {
    expect(draftStory({ text: 'y'.repeat(MAX_STORY_LENGTH) }, NOW).text).toHaveLength(MAX_STORY_LENGTH);
  });
});

describe('applyStoryEdit', () => {
  const story: Story = {
    id: 1, uuid: 'u', title: null, text: 'Ana called back', occurredOn: '2026-03-10', staff: ['Ana'], customer: 'Mr Lee',
    customerKind: 'external', channel: 'phone', source: null, trigger: null, impact: null, reportedBy: null,
    tags: ['call-back'], createdAt: 'c', updatedAt: 'u',
  };

  it('changes only the fields given', () => {
    const draft = applyStoryEdit(story, { staff: ['Bo'] }, NOW);
    expect(draft).toMatchObject({ text: 'Ana called back', staff: ['Bo'], tags: ['call-back'], channel: 'phone', customer: 'Mr Lee' });
  });

  it('adds inline tags of new text to the existing ones', () => {
    expect(applyStoryEdit(story, { text: 'Ana called back #same-day' }, NOW).tags).toEqual(['call-back', 'same-day']);
  });

  it('validates like add', () => {
    expect(() => applyStoryEdit(story, { text: '   ' }, NOW)).toThrow(/empty/);
  });
});
