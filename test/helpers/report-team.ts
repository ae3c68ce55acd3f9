import type { StoryDraft } from '../../src/core/story.ts';
import { ensureCustomer } from '../../src/store/customers.ts';
import { recordInterview, recordTraining } from './records.ts';
import { linkMatchesForStory } from '../../src/store/matching.ts';
import { addMeeting } from '../../src/store/meetings.ts';
import { ensurePerson } from '../../src/store/people.ts';
import { createPractice } from '../../src/store/practices.ts';
import { insertStory } from '../../src/store/stories.ts';
import { openSandboxStore } from './db.ts';
import { storyDraft } from './stories.ts';

const T = '2026-01-01T09:00:00.000Z';
export const EVIL = '<script>alert(1)</script> & "quotes" | pipes #hash';

/**
 * A crafted team (the clock is pinned to 2026-03-18): a last meeting on 2026-03-04, so the
 * report covers it and the days after, 2026-03-04..18 (15 days), against 2026-02-17..03-03.
 */
export function seedCrafted(path: string): void {
  const store = openSandboxStore(path);
  const story = (occurredOn: string, staff: string[], tags: string[], extra: Partial<StoryDraft> = {}) => {
    const draft = storyDraft({
      text: `${staff.join(' and ')} called the customer back on ${occurredOn}`,
      occurredOn,
      staff,
      channel: 'phone',
      source: 'observed',
      trigger: 'request',
      tags,
      ...extra,
    });
    linkMatchesForStory(store.db, insertStory(store.db, draft, T), T);
  };
  store.write(() => {
    createPractice(store.db, { name: 'Call back', status: 'standard', matchers: [{ kind: 'tag', value: 'call-back' }] }, T);
    createPractice(store.db, { name: 'Walk along', status: 'adopted', matchers: [{ kind: 'tag', value: 'walk' }] }, T);
    createPractice(store.db, { name: 'Written summary', status: 'standard', matchers: [{ kind: 'tag', value: 'summary' }] }, T);
    createPractice(store.db, { name: 'Explain options', status: 'candidate', matchers: [{ kind: 'tag', value: 'explain' }] }, T);
    story('2026-03-05', ['Ana'], ['call-back', 'empathy'], { impact: 'She kept her booking' });
    story('2026-03-10', ['Bo'], ['call-back'], { customerKind: 'internal', trigger: 'recovery', channel: 'email' });
    story('2026-03-12', ['Marta'], ['walk'], { channel: 'in-person', text: EVIL });
    story('2026-03-16', ['Marta'], ['walk', 'explain'], { channel: 'in-person', trigger: 'spontaneous' });
    story('2026-02-20', ['Ana'], ['call-back']);
    story('2026-01-10', ['Bo'], ['summary', 'explain']);
    ensurePerson(store.db, 'Ivo', T);
    recordTraining(store.db, { practiceId: 1, heldOn: '2026-03-06', facilitatorId: ensurePerson(store.db, 'Ana', T), notes: null, attendeeIds: [2, ensurePerson(store.db, 'Ivo', T)] }, T);
    const grace = ensureCustomer(store.db, 'Grace Okafor', 'external', T);
    recordInterview(store.db, { customerId: grace, interviewerId: 1, status: 'done', plannedOn: '2026-03-05', heldOn: '2026-03-08', learned: 'A friend', liked: 'Quick call back', change: 'Longer opening hours' }, T);
    recordInterview(store.db, { customerId: grace, interviewerId: 1, status: 'done', plannedOn: '2026-03-05', heldOn: '2026-03-09', learned: 'a friend', liked: EVIL, change: 'Opening hours on Saturday' }, T);
    recordInterview(store.db, { customerId: grace, interviewerId: 2, status: 'declined', plannedOn: '2026-03-05', heldOn: '2026-03-07' }, T);
    addMeeting(store.db, '2026-02-01', null, T);
    addMeeting(store.db, '2026-03-04', 'agreed to train call-backs', T);
  });
  store.close();
}

