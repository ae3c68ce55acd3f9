import { emptyReportInput } from '../../helpers/report-input.ts';
import { describe, expect, it } from 'vitest';
import { answerConcepts, groupByConcepts } from '../../../src/core/answers.ts';
import { tagText } from '../../../src/core/nlp.ts';
import { buildReport, reportPeriod, type ReportInput } from '../../../src/core/report.ts';

const read = (text: string) => ({ text, concepts: answerConcepts(text, tagText(text)) });
const keysOf = (text: string) => answerConcepts(text, tagText(text)).map((c) => c.key);

describe('answerConcepts', () => {
  it('reads the part of the week, the qualities and behaviours stories use, and the things named', () => {
    expect(keysOf('open the phone line on Saturdays')).toEqual(expect.arrayContaining(['weekend', 'phone', 'line']));
    expect(keysOf('be open at weekends')).toContain('weekend');
    expect(keysOf('they are always so quick')).toContain('responsiveness');
    expect(keysOf('Ana always calls me back')).toContain('call back');
    expect(keysOf('a friend recommended you')).toContain('friend');
    // Words too general to say what an answer is about are no concept.
    expect(keysOf('the service, everything really')).toEqual([]);
  });
});

describe('groupByConcepts', () => {
  it('puts "open the phone line on Saturdays" with the weekend answers, not with the phone answers', () => {
    const groups = groupByConcepts(['open the phone line on Saturdays', 'be open at weekends', 'more staff on Sundays', 'the phone line is always busy'].map(read));
    expect(groups[0]).toEqual({ key: 'weekend', count: 3, answers: ['open the phone line on Saturdays', 'be open at weekends', 'more staff on Sundays'] });
    expect(groups[1]).toEqual({ key: 'the phone line is always busy', count: 1, answers: ['the phone line is always busy'] });
  });

  it('counts "a friend" and "a friend recommended you" together', () => {
    const groups = groupByConcepts(['a friend', 'a friend recommended you', 'Google'].map(read));
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ['friend', 2],
      ['Google', 1],
    ]);
  });

  it('groups praise by the quality it names, in different words', () => {
    const groups = groupByConcepts(['so quick to answer', 'the prompt replies', 'Ana always calls me back'].map(read));
    expect(groups[0]).toMatchObject({ key: 'responsiveness', count: 2 });
  });
});

describe("the report's interview section", () => {
  it('groups answers by what they are about when it has their concepts, by shared words without', () => {
    const period = reportPeriod({ until: '2026-03-18', lastMeeting: null, driftWeeks: 6 });
    const answers = [
      { learned: 'a friend', change: 'open the phone line on Saturdays' },
      { learned: 'a friend recommended you', change: 'be open at weekends' },
      { learned: 'the website', change: 'shorter queues' },
    ];
    const interviews = answers.map((a, i) => ({ id: i + 1, status: 'done' as const, plannedOn: '2026-03-10', heldOn: '2026-03-12', learned: a.learned, liked: null, change: a.change, interviewer: 'Bo' }));
    const input = emptyInput(interviews);
    const concepts = new Map([...answers.flatMap((a) => [a.learned, a.change])].map((text) => [text, answerConcepts(text, tagText(text))]));

    const byConcept = buildReport(period, { ...input, answerConcepts: concepts }).interviews;
    expect(byConcept.learned).toEqual([
      { answer: 'a friend', count: 2 },
      { answer: 'the website', count: 1 },
    ]);
    expect(byConcept.change[0]).toMatchObject({ key: 'weekend', count: 2 });

    const byWords = buildReport(period, input).interviews;
    expect(byWords.learned.map((l) => l.count)).toEqual([1, 1, 1]);
    // By shared words the weekend answers meet only through "open".
    expect(byWords.change[0]).toMatchObject({ key: 'open', count: 2 });
  });
});

function emptyInput(interviews: ReportInput['interviews']): ReportInput {
  return emptyReportInput({ interviews });
}
