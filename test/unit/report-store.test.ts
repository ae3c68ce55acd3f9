import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport, reportPeriod } from '../../src/core/report.ts';
import type { StoryDraft } from '../../src/core/story.ts';
import { ensureCustomer } from '../../src/store/customers.ts';
import { recordInterview, recordProcedure, recordTraining } from '../helpers/records.ts';
import { linkMatchesForStory } from '../../src/store/matching.ts';
import { addMeeting, listMeetings } from '../../src/store/meetings.ts';
import { ensurePerson } from '../../src/store/people.ts';
import { createPractice } from '../../src/store/practices.ts';
import { hasStories, lastMeetingOn, loadReportInput, proceduresDue, REPORT_SQL } from '../../src/store/report.ts';
import { insertStory } from '../../src/store/stories.ts';
import { NOW_ISO, tempStore } from '../helpers/db.ts';
import { testEngine } from '../helpers/engine.ts';
import { storyDraft } from '../helpers/stories.ts';

const T = '2026-01-01T09:00:00.000Z';
let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

function story(occurredOn: string, staff: string[], tags: string[], extra: Partial<StoryDraft> = {}): number {
  const draft = storyDraft({ text: `${staff.join(' and ')} helped on ${occurredOn}`, occurredOn, staff, channel: 'phone', trigger: 'request', tags, ...extra });
  const id = insertStory(store.db, draft, NOW_ISO);
  linkMatchesForStory(store.db, id, NOW_ISO);
  return id;
}

describe('report queries', () => {
  it('read a crafted database into the figures it should give', () => {
    store.write(() => {
      createPractice(store.db, { name: 'Call back', status: 'standard', matchers: [{ kind: 'tag', value: 'call-back' }] }, '2026-01-01T09:00:00.000Z');
      createPractice(store.db, { name: 'Walk along', status: 'adopted', matchers: [{ kind: 'tag', value: 'walk' }] }, '2026-01-01T09:00:00.000Z');
      createPractice(store.db, { name: 'Explain', status: 'candidate', matchers: [{ kind: 'tag', value: 'explain' }] }, '2026-01-01T09:00:00.000Z');
      story('2026-03-02', ['Ana'], ['call-back', 'empathy'], { impact: 'kept the booking' });
      story('2026-03-05', ['Bo'], ['call-back'], { customerKind: 'internal', trigger: 'recovery' });
      story('2026-03-10', ['Ana'], ['walk'], { channel: 'in-person' });
      story('2026-03-12', ['Ana'], ['walk', 'explain']);
      story('2026-02-20', ['Cy'], ['call-back']); // previous period
      story('2026-01-02', ['Bo'], ['explain']); // outside both periods
      ensurePerson(store.db, 'Dee', NOW_ISO);
      const practiceId = 1;
      recordTraining(store.db, { practiceId, heldOn: '2026-02-25', facilitatorId: ensurePerson(store.db, 'Cy', NOW_ISO), notes: null, attendeeIds: [1, 2] }, NOW_ISO);
      const customerId = ensureCustomer(store.db, 'Grace', 'external', NOW_ISO);
      recordInterview(store.db, { customerId, interviewerId: 1, status: 'done', plannedOn: '2026-03-01', heldOn: '2026-03-03', learned: 'A friend', liked: 'Fast call back', change: 'Parking' }, NOW_ISO);
      recordInterview(store.db, { customerId, interviewerId: 2, status: 'done', plannedOn: '2025-12-01', heldOn: '2025-12-03', learned: 'Radio' }, NOW_ISO);
      // The period's first day: a report starts on the day of the last meeting.
      addMeeting(store.db, '2026-03-01', null, NOW_ISO);
    });
    expect(lastMeetingOn(store.db, '2026-03-14')).toBe('2026-03-01');
    expect(lastMeetingOn(store.db, '2026-02-27')).toBeNull();
    const period = reportPeriod({ until: '2026-03-14', lastMeeting: lastMeetingOn(store.db, '2026-03-14'), driftWeeks: 4 });
    expect(period).toMatchObject({ since: '2026-03-01', days: 14, previous: { since: '2026-02-15', until: '2026-02-28' } });
    const report = buildReport(period, loadReportInput(store.db, period));

    expect(report.headline.stories).toMatchObject({ current: 4, previous: 1 });
    expect(report.headline.internal.current).toBe(1);
    expect(report.headline.external.current).toBe(3);
    expect(report.headline.peopleWithStories).toMatchObject({ current: 2, previous: 1 });
    expect(report.headline.activePeople).toBe(4);
    expect(report.headline.consistency.current).toBe(0.5);
    expect(report.peopleWithoutStories).toEqual(['Cy', 'Dee']);
    expect(report.triggers.find((t) => t.trigger === 'recovery')?.current).toBe(1);
    const practices = Object.fromEntries(report.practices.map((p) => [p.name, p]));
    expect(practices['Call back']).toMatchObject({ evidence: 2, spread: 2, starShare: 0.5, starDependent: false, lastTrainedOn: '2026-02-25' });
    expect(practices['Walk along']).toMatchObject({ evidence: 2, spread: 1, starDependent: true, star: { person: 'Ana', share: 1 } });
    expect(report.training.sessions).toEqual([]);
    expect(report.training.adoption).toEqual([{ practice: 'Call back', trained: 2, adopted: 2, rate: 1 }]);
    expect(report.training.untrainedWithEvidence).toEqual([{ practice: 'Walk along', people: ['Ana'] }]);
    expect(report.candidates).toEqual([{ id: 3, name: 'Explain', stories: 2 }]);
    expect(report.qualities.find((q) => q.attribute === 'empathy')?.stories).toBe(1);
    expect(report.interviews).toMatchObject({ done: 1, learned: [{ answer: 'A friend', count: 1 }] });
    // Ana's newest story ties with her first (impact) and wins on date; Bo's is the second voice.
    expect(report.storiesToRead.map((s) => [s.id, s.people])).toEqual([
      [4, ['Ana']],
      [2, ['Bo']],
    ]);
  });

  it('reads aloud a fresh voice however many richer stories the period holds: every story is a candidate, core ranks them', () => {
    store.write(() => {
      for (const [name, tag] of [['Call back', 'call-back'], ['Walk along', 'walk'], ['Explain', 'explain']]) {
        createPractice(store.db, { name: name ?? '', status: 'adopted', matchers: [{ kind: 'tag', value: tag ?? '' }] }, T);
      }
      story('2026-02-20', ['Ana'], []); // Ana was heard last period
      for (let i = 0; i < 250; i++) story('2026-03-10', ['Ana'], ['call-back', 'walk', 'explain'], { impact: 'kept the booking' });
      story('2026-03-02', ['Bo'], ['walk']); // no impact, one practice, an older day: last by impact and practices alone
    });
    const period = reportPeriod({ until: '2026-03-14', lastMeeting: null, driftWeeks: 4 });
    const report = buildReport(period, loadReportInput(store.db, period));
    expect(report.storiesToRead.map((s) => s.people)).toEqual([['Bo'], ['Ana']]);
    expect(report.storiesToRead[0]?.why).toBe('shows 1 practice, not featured last period');
  });

  it('meetings are listed latest first', () => {
    store.write(() => {
      addMeeting(store.db, '2026-02-01', 'first', NOW_ISO);
      addMeeting(store.db, '2026-03-01', null, NOW_ISO);
    });
    expect(listMeetings(store.db).map((m) => [m.heldOn, m.notes])).toEqual([
      ['2026-03-01', null],
      ['2026-02-01', 'first'],
    ]);
  });

  it('finds standard practices whose current procedure is due for review', () => {
    store.write(() => {
      const due = createPractice(store.db, { name: 'Call back', status: 'standard' }, T);
      const fresh = createPractice(store.db, { name: 'Summary', status: 'standard' }, T);
      recordProcedure(store.db, due, 'v1', '2025-10-01T09:00:00.000Z');
      recordProcedure(store.db, fresh, 'v1', '2025-10-01T09:00:00.000Z');
      recordProcedure(store.db, fresh, 'v2', '2026-03-01T09:00:00.000Z');
    });
    expect(proceduresDue(store.db, '2025-12-29')).toEqual([]);
    expect(proceduresDue(store.db, '2025-12-30')).toEqual(['Call back']);
    expect(proceduresDue(store.db, '2026-05-30')).toEqual(['Call back', 'Summary']);
  });

  it('knows whether there is any story', () => {
    expect(hasStories(store.db)).toBe(false);
    store.write(() => story('2026-03-01', ['Ana'], []));
    expect(hasStories(store.db)).toBe(true);
  });

  it('every query over stories searches the date index instead of scanning the table', () => {
    for (const [name, text] of Object.entries(REPORT_SQL)) {
      if (!/\b(FROM|JOIN) stories\b/.test(text) || name === 'anyStory') continue;
      const params = Object.fromEntries(['since', 'until', 'ids'].filter((k) => text.includes(`:${k}`)).map((k) => [k, k === 'ids' ? '[1]' : '2026-03-01']));
      if (testEngine === 'postgres') {
        // A planner with a table scan priced out still scans when no index serves the query.
        const plan = store.read(() => {
          store.db.exec('SET LOCAL enable_seqscan = off');
          return (store.db.prepare(`EXPLAIN ${text}`).all(params) as Array<Record<string, string>>).map((r) => Object.values(r)[0] ?? '');
        });
        expect(plan.some((line) => /\bon stories\b/.test(line)), `${name}: ${plan.join(' | ')}`).toBe(true);
        expect(plan.filter((line) => /Seq Scan on stories\b/.test(line)), `${name}: ${plan.join(' | ')}`).toEqual([]);
        continue;
      }
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
      const storySteps = plan.filter((d) => /\b(stories|s)\b/.test(d) && !/\b(sp|st|e)\b USING/.test(d) && /^(SCAN|SEARCH) (stories|s)\b/.test(d));
      expect(storySteps, `${name}: ${plan.join(' | ')}`).not.toHaveLength(0);
      for (const step of storySteps) expect(step, name).toMatch(/^SEARCH .*USING (COVERING )?INDEX stories_occurred|INTEGER PRIMARY KEY/);
    }
  });
});
