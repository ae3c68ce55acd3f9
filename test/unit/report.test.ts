import { emptyReportInput } from '../helpers/report-input.ts';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.ts';
import {
  buildReport,
  rankStoriesToRead,
  storiesToReadOf,
  countAnswers,
  groupAnswers,
  perWeek,
  reportPeriod,
  trendWindows,
  type EvidenceRow,
  type Period,
  type PracticeRecord,
  type ReportInput,
  type StoryCandidateRow,
} from '../../src/core/report.ts';
import { buildStatus } from '../../src/core/status.ts';

const PERIOD = reportPeriod({ since: '2026-03-01', until: '2026-03-14', lastMeeting: null, driftWeeks: 4 });

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return emptyReportInput(overrides);
}

const people = [
  { id: 1, name: 'Ana', active: true },
  { id: 2, name: 'Bo', active: true },
  { id: 3, name: 'Cy', active: true },
  { id: 4, name: 'Dee', active: false },
];

describe('reportPeriod', () => {
  it('defaults to the last 30 days, with a previous period of the same length', () => {
    const p = reportPeriod({ until: '2026-03-18', lastMeeting: null, driftWeeks: 4 });
    expect(p).toMatchObject({ since: '2026-02-17', until: '2026-03-18', days: 30, basis: 'default' });
    expect(p.previous).toEqual({ since: '2026-01-18', until: '2026-02-16' });
    expect(p.drift).toEqual({ since: '2026-02-19', until: '2026-03-18' });
  });

  it('starts on the day of the last meeting when there is one, or when asked, so stories told after it that day are kept', () => {
    expect(reportPeriod({ until: '2026-03-18', lastMeeting: '2026-03-04', driftWeeks: 4 })).toMatchObject({
      since: '2026-03-04',
      days: 15,
      basis: 'last-meeting',
      previous: { since: '2026-02-17', until: '2026-03-03' },
    });
    // On the meeting's own day the report covers that day.
    expect(reportPeriod({ since: 'last-meeting', until: '2026-03-18', lastMeeting: '2026-03-18', driftWeeks: 4 })).toMatchObject({ since: '2026-03-18', days: 1 });
  });

  it('refuses last-meeting without a meeting, and a period that ends before it starts', () => {
    expect(() => reportPeriod({ since: 'last-meeting', until: '2026-03-18', lastMeeting: null, driftWeeks: 4 })).toThrow(ValidationError);
    expect(() => reportPeriod({ since: '2026-03-19', until: '2026-03-18', lastMeeting: null, driftWeeks: 4 })).toThrow(/starts .* after it ends/);
  });

  it('trends cover at least eight whole weeks ending on the last day', () => {
    expect(PERIOD.weeks).toHaveLength(8);
    expect(PERIOD.weeks.at(-1)).toEqual({ since: '2026-03-08', until: '2026-03-14' });
    expect(PERIOD.trend).toEqual({ since: '2026-01-18', until: '2026-03-14' });
    const long = reportPeriod({ since: '2025-12-01', until: '2026-03-14', lastMeeting: null, driftWeeks: 4 });
    expect(long.weeks.length).toBe(Math.ceil(long.days / 7));
  });

  it('cuts the weeks where the period starts, so the period\'s weeks hold its days and no others', () => {
    // A 30-day period: four whole weeks back from its end, then two days from its start, then whole weeks before.
    const weeks = trendWindows({ since: '2026-02-13', until: '2026-03-14' }, 8);
    expect(weeks.slice(2)).toEqual([
      { since: '2026-02-06', until: '2026-02-12' },
      { since: '2026-02-13', until: '2026-02-14' },
      { since: '2026-02-15', until: '2026-02-21' },
      { since: '2026-02-22', until: '2026-02-28' },
      { since: '2026-03-01', until: '2026-03-07' },
      { since: '2026-03-08', until: '2026-03-14' },
    ]);
    expect(weeks[0]).toEqual({ since: '2026-01-23', until: '2026-01-29' });
    const period = reportPeriod({ until: '2026-03-14', lastMeeting: null, driftWeeks: 4 });
    expect(period.weeks.filter((w) => w.since >= period.since).map((w) => w.since)[0]).toBe(period.since);
  });

  it('buckets days into weeks, ignoring days outside them', () => {
    const weeks = trendWindows({ since: '2026-03-01', until: '2026-03-14' }, 2);
    expect(perWeek(weeks, [{ day: '2026-03-01', count: 2 }, { day: '2026-03-07', count: 1 }, { day: '2026-03-08', count: 5 }, { day: '2026-02-01', count: 9 }])).toEqual([3, 5]);
  });
});

describe('buildReport', () => {
  it('an empty database gives zeros everywhere, no division by zero, and still an agenda', () => {
    const report = buildReport(PERIOD, input());
    expect(report.headline.stories).toEqual({ current: 0, previous: 0, delta: 0, ratio: null });
    expect(report.headline.consistency).toEqual({ current: 0, previous: 0 });
    expect(report.triggers.every((t) => t.share === 0)).toBe(true);
    expect(report.storiesToRead).toEqual([]);
    expect(report.storiesPerWeek).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(report.agenda.length).toBeGreaterThanOrEqual(3);
    expect(report.agenda.length).toBeLessThanOrEqual(5);
    expect(report.interviews).toMatchObject({ done: 0, learned: [], liked: [], change: [], interviewers: [] });
  });

  it('counts the headline against the previous period, internal apart from external', () => {
    const report = buildReport(
      PERIOD,
      input({
        people,
        mix: [
          { channel: 'phone', customerKind: 'external', trigger: 'recovery', stories: 3 },
          { channel: 'email', customerKind: 'internal', trigger: 'request', stories: 1 },
          { channel: null, customerKind: 'external', trigger: null, stories: 1 },
        ],
        previousMix: [{ channel: 'phone', customerKind: 'external', trigger: 'request', stories: 2 }],
        perPerson: new Map([[1, 4], [2, 1], [4, 1]]),
        previousPerPerson: new Map([[1, 2]]),
      }),
    );
    expect(report.headline.stories).toEqual({ current: 5, previous: 2, delta: 3, ratio: 1.5 });
    expect(report.headline.internal).toMatchObject({ current: 1, previous: 0, ratio: null });
    expect(report.headline.external).toMatchObject({ current: 4, previous: 2, ratio: 1 });
    expect(report.headline.activePeople).toBe(3);
    expect(report.headline.consistency.current).toBeCloseTo(2 / 3);
    expect(report.headline.consistency.previous).toBeCloseTo(1 / 3);
    expect(report.headline.channels.map((c) => [c.channel, c.current, c.previous])).toEqual([
      ['phone', 3, 2],
      ['email', 1, 0],
      ['unknown', 1, 0],
    ]);
    const recovery = report.triggers.find((t) => t.trigger === 'recovery');
    expect(recovery).toMatchObject({ current: 3, previous: 0, share: 0.6, previousShare: 0 });
    expect(report.peopleWithoutStories).toEqual(['Cy']);
    // Inactive people appear only when they have stories; sorted by name, not by count.
    expect(report.storiesPerPerson).toEqual([
      { person: 'Ana', stories: 4 },
      { person: 'Bo', stories: 1 },
      { person: 'Cy', stories: 0 },
      { person: 'Dee', stories: 1 },
    ]);
  });

  it('figures each practice in the period, with its trend, drift and star dependency', () => {
    const practices: PracticeRecord[] = [
      { id: 10, name: 'Call back', status: 'standard', statusChangedAt: '2025-12-01T09:00:00.000Z', lastTrainedOn: '2026-01-20' },
      { id: 11, name: 'Walk along', status: 'adopted', statusChangedAt: '2026-01-01T09:00:00.000Z', lastTrainedOn: null },
      { id: 12, name: 'Old habit', status: 'standard', statusChangedAt: '2025-11-01T09:00:00.000Z', lastTrainedOn: null },
      { id: 13, name: 'Explain options', status: 'candidate', statusChangedAt: '2026-03-01T09:00:00.000Z', lastTrainedOn: null },
    ];
    const evidence: EvidenceRow[] = [
      { practiceId: 10, storyId: 1, occurredOn: '2026-03-02', personId: 1 },
      { practiceId: 10, storyId: 2, occurredOn: '2026-03-09', personId: 2 },
      { practiceId: 10, storyId: 2, occurredOn: '2026-03-09', personId: 3 },
      { practiceId: 10, storyId: 5, occurredOn: '2026-02-01', personId: 1 },
      { practiceId: 11, storyId: 3, occurredOn: '2026-03-03', personId: 1 },
      { practiceId: 11, storyId: 4, occurredOn: '2026-03-12', personId: 1 },
      { practiceId: 12, storyId: 6, occurredOn: '2026-01-25', personId: 2 },
    ];
    const report = buildReport(
      PERIOD,
      input({
        people,
        practices,
        evidence,
        latestEvidence: new Map([[10, '2026-03-09']]),
        candidateStories: new Map([[13, 4]]),
        trained: [
          { practiceId: 10, personId: 1, trainedOn: '2026-01-20' },
          { practiceId: 10, personId: 2, trainedOn: '2026-03-10' },
        ],
      }),
    );
    const byName = Object.fromEntries(report.practices.map((p) => [p.name, p]));
    expect(Object.keys(byName)).toEqual(['Call back', 'Walk along', 'Old habit']);
    expect(byName['Call back']).toMatchObject({ evidence: 2, spread: 3, starShare: 0.5, starDependent: false, drifting: false });
    expect(byName['Call back']?.weekly).toEqual([0, 0, 1, 0, 0, 0, 1, 1]);
    expect(byName['Walk along']).toMatchObject({ evidence: 2, spread: 1, starShare: 1, star: { person: 'Ana', share: 1 }, starDependent: true });
    expect(byName['Old habit']).toMatchObject({ evidence: 0, drifting: true });
    expect(report.drifting).toEqual(['Old habit']);
    expect(report.starDependent).toEqual([{ practice: 'Walk along', star: 'Ana', share: 1, spread: 1 }]);
    expect(report.training.adoption).toEqual([{ practice: 'Call back', trained: 2, adopted: 1, rate: 0.5 }]);
    expect(report.training.untrainedWithEvidence).toEqual([
      { practice: 'Call back', people: ['Cy'] },
      { practice: 'Walk along', people: ['Ana'] },
    ]);
    expect(report.candidates).toEqual([{ id: 13, name: 'Explain options', stories: 4 }]);
    expect(report.agenda.map((a) => a.kind)).toEqual(expect.arrayContaining(['retrain', 'spread', 'decide']));
    expect(report.agenda.find((a) => a.kind === 'retrain')?.text).toContain('Old habit');
  });

  it('sums up interviews: learned counted, liked and change grouped, completion per interviewer', () => {
    const iv = (id: number, status: 'done' | 'declined' | 'planned', interviewer: string | null, answers: Partial<Record<'learned' | 'liked' | 'change', string>> = {}) => ({
      id,
      status,
      plannedOn: '2026-03-01',
      heldOn: status === 'planned' ? null : '2026-03-05',
      learned: answers.learned ?? null,
      liked: answers.liked ?? null,
      change: answers.change ?? null,
      interviewer,
    });
    const report = buildReport(
      PERIOD,
      input({
        interviews: [
          iv(1, 'done', 'Sam', { learned: 'A friend', liked: 'Quick call backs', change: 'Longer opening hours' }),
          iv(2, 'done', 'Sam', { learned: 'a friend.', liked: 'They call back fast', change: 'Opening hours on Saturday' }),
          iv(3, 'done', 'Dara', { learned: 'Google', change: 'Parking' }),
          iv(4, 'declined', 'Dara'),
          iv(5, 'planned', null),
        ],
      }),
    );
    expect(report.interviews).toMatchObject({ done: 3, declined: 1, planned: 1 });
    expect(report.interviews.learned).toEqual([
      { answer: 'A friend', count: 2 },
      { answer: 'Google', count: 1 },
    ]);
    expect(report.interviews.change[0]).toEqual({ key: 'opening hour', count: 2, answers: ['Longer opening hours', 'Opening hours on Saturday'] });
    expect(report.interviews.liked).toHaveLength(1);
    expect(report.interviews.liked[0]?.key).toBe('call back');
    expect(report.interviews.interviewers).toEqual([
      { interviewer: '(no interviewer)', done: 0, declined: 0, planned: 1, completion: 0 },
      { interviewer: 'Dara', done: 1, declined: 1, planned: 0, completion: 0.5 },
      { interviewer: 'Sam', done: 2, declined: 0, planned: 0, completion: 1 },
    ]);
    expect(report.agenda.some((a) => a.kind === 'listen')).toBe(true);
  });
});

describe('groupAnswers', () => {
  it('groups answers that share a meaningful word; others stand alone, largest first', () => {
    expect(groupAnswers(['The parking is hard', 'Parking!', 'Website is slow', '  '])).toEqual([
      { key: 'parking', count: 2, answers: ['The parking is hard', 'Parking!'] },
      { key: 'Website is slow', count: 1, answers: ['Website is slow'] },
    ]);
    expect(groupAnswers([])).toEqual([]);
  });

  it('counts identical answers regardless of case, punctuation and filler words', () => {
    expect(countAnswers(['A friend', 'a friend!', 'the friend', 'Radio'])).toEqual([
      { answer: 'A friend', count: 3 },
      { answer: 'Radio', count: 1 },
    ]);
  });
});

describe('rankStoriesToRead', () => {
  const story = (id: number, personIds: number[], practices: number, hasImpact: boolean, occurredOn = '2026-03-10'): StoryCandidateRow => ({
    id,
    occurredOn,
    hasImpact,
    practices,
    personIds,
  });

  it('prefers people not featured last period, and never the same person twice', () => {
    const chosen = rankStoriesToRead({
      storyCandidates: [story(1, [1], 2, true), story(2, [1], 2, true), story(3, [2], 1, false), story(4, [3], 0, false)],
      perPerson: new Map([[1, 9], [2, 1], [3, 1]]),
      previousPerPerson: new Map([[1, 5]]),
    });
    // Stories 1 and 2 tie; the newer one (higher id on the same day) wins.
    expect(chosen.map((s) => [s.id, s.fresh])).toEqual([[3, true], [2, false], [4, true]]);
  });

  it('lifts a fresh person above any number of stories richer in impact and practices by people heard last period', () => {
    const regulars = Array.from({ length: 500 }, (_, i) => story(i + 1, [1 + (i % 2)], 3, true, '2026-03-12'));
    const chosen = rankStoriesToRead({
      storyCandidates: [...regulars, story(999, [7], 2, true, '2026-03-01')],
      perPerson: new Map([[1, 250], [2, 250], [7, 1]]),
      previousPerPerson: new Map([[1, 40], [2, 40]]),
    });
    expect(chosen[0]?.id).toBe(999);
    expect(chosen.map((s) => s.personIds[0])).toEqual([7, 2, 1]);
  });

  it('reads nothing from an empty period', () => {
    expect(rankStoriesToRead({ storyCandidates: [], perPerson: new Map(), previousPerPerson: new Map() })).toEqual([]);
  });
});

describe('storiesToReadOf', () => {
  it('names the people and says why each story was chosen', () => {
    const names = (id: number) => ['', 'Ana', 'Bo'][id] ?? '?';
    const [read] = storiesToReadOf(
      {
        storiesToRead: [
          { id: 3, occurredOn: '2026-03-10', hasImpact: false, practices: 1, personIds: [2, 1], fresh: true, title: null, text: 'story 3', impact: null, customerKind: 'external' },
        ],
      },
      names,
    );
    expect(read).toMatchObject({ id: 3, people: ['Ana', 'Bo'], text: 'story 3', why: 'shows 1 practice, not featured last period' });
  });
});

describe('buildStatus', () => {
  const period: Period = PERIOD;
  it('says for each stage its figure and the next command', () => {
    const lines = buildStatus({
      period: { ...period, lastMeeting: '2026-03-01' },
      stories: 7,
      activePeople: 5,
      peopleWithStories: 3,
      practices: [
        { id: 1, name: 'Call back', status: 'standard', statusChangedAt: '2026-01-01T00:00:00Z', lastTrainedOn: '2026-01-05' },
        { id: 2, name: "Walk 'em there", status: 'adopted', statusChangedAt: '2026-01-01T00:00:00Z', lastTrainedOn: null },
        { id: 3, name: 'Explain', status: 'candidate', statusChangedAt: '2026-01-01T00:00:00Z', lastTrainedOn: null },
      ],
      latestEvidence: new Map(),
      driftWeeks: 4,
      proceduresDue: [],
    });
    expect(lines.map((l) => l.stage)).toEqual(['collect', 'detect', 'train', 'incorporate', 'monitor']);
    expect(lines[0]?.figure).toBe('7 stories since the meeting of 2026-03-01, from 3 of 5 people');
    expect(lines[1]).toMatchObject({ figure: '1 practice not yet agreed', next: 'svc practices --status candidate' });
    expect(lines[2]).toMatchObject({ figure: '1 of 2 agreed practices not trained yet', next: `svc train plan 'Walk '\\''em there'` });
    expect(lines[3]?.next).toBe(`svc practice adopt 'Walk '\\''em there'`);
    expect(lines[4]).toMatchObject({ figure: 'last meeting 2026-03-01; drifting: Call back', next: 'svc report' });
  });

  it('counts standard procedures, drifting ones and those due for review once all are written', () => {
    const lines = buildStatus({
      period: { ...period, lastMeeting: null },
      stories: 3,
      activePeople: 2,
      peopleWithStories: 2,
      practices: [
        { id: 1, name: 'Call back', status: 'standard', statusChangedAt: '2026-01-01T00:00:00Z', lastTrainedOn: '2026-01-05' },
        { id: 2, name: 'Summary', status: 'standard', statusChangedAt: '2026-01-01T00:00:00Z', lastTrainedOn: '2026-01-05' },
      ],
      latestEvidence: new Map([[1, '2026-03-10']]),
      driftWeeks: 4,
      proceduresDue: ['Summary'],
    });
    expect(lines[2]).toMatchObject({ figure: 'all 2 agreed practices trained', next: 'svc train status' });
    expect(lines[3]).toMatchObject({ figure: '2 standard procedures, 1 drifting, 1 due for review', next: 'svc playbook' });
  });

  it('on a team with stories only, points at detection and the first meeting', () => {
    const lines = buildStatus({ period: { ...period, lastMeeting: null }, stories: 1, activePeople: 1, peopleWithStories: 1, practices: [], latestEvidence: new Map(), driftWeeks: 4, proceduresDue: [] });
    expect(lines.map((l) => l.next)).toEqual([
      'svc story add "what happened" --staff NAME',
      'svc detect',
      'svc practices',
      'svc practices',
      'svc report, then svc meeting held',
    ]);
  });
});
