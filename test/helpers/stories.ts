import type { Story, StoryDraft } from '../../src/core/story.ts';

/** A valid story draft: the given fields, everything else empty. */
export function storyDraft(fields: Pick<StoryDraft, 'text' | 'occurredOn'> & Partial<StoryDraft>): StoryDraft {
  return {
    title: null,
    staff: [],
    customer: null,
    customerKind: 'external',
    channel: null,
    source: null,
    trigger: null,
    impact: null,
    reportedBy: null,
    tags: [],
    ...fields,
  };
}

/** A stored story as core sees it, for pure tests that need no database. */
export function storyRecord(id: number, fields: Pick<StoryDraft, 'text' | 'occurredOn'> & Partial<Story>): Story {
  return { id, uuid: `u${id}`, createdAt: '', updatedAt: '', ...storyDraft(fields), ...fields };
}
