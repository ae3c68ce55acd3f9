import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerAssessment, assessmentView, closeAssessmentRound, importAssessment } from '../../src/app/assess.ts';
import {
  assessmentDue,
  assessQuestions,
  buildAssessmentView,
  draftResponse,
  formResponses,
  keyValues,
  openRound,
  responseFromAnswers,
  type AssessmentQuestion,
} from '../../src/core/assess.ts';
import { answerFlow } from '../../src/core/prompt.ts';
import { listQuestions } from '../../src/store/assessments.ts';
import { ensurePerson } from '../../src/store/people.ts';
import { NOW, NOW_ISO, tempStore } from '../helpers/db.ts';
import { testEngine } from '../helpers/engine.ts';

const question = (id: number, key: string, retiredAt: string | null = null): AssessmentQuestion => ({
  id,
  uuid: `u${id}`,
  key,
  version: 1,
  text: `${key}?`,
  attribute: null,
  builtIn: false,
  retiredAt,
});

describe('draftResponse', () => {
  const questions = [question(1, 'calls'), question(2, 'listening'), question(3, 'old', '2026-01-01')];

  it('checks scores and keeps notes beside them', () => {
    const response = draftResponse(questions, keyValues(['calls=4', 'listening= 5 '], '--answer'), keyValues(['listening=  we   interrupt '], '--note'));
    expect(response.answers).toEqual([
      { questionId: 1, score: 4, note: null },
      { questionId: 2, score: 5, note: 'we interrupt' },
    ]);
  });

  it.each([['0'], ['6'], ['-1'], ['4.5'], ['four'], ['']])('refuses the score "%s"', (score) => {
    expect(() => draftResponse(questions, new Map([['calls', score]]))).toThrow(/scores are whole numbers from 1 to 5/);
  });

  it('refuses a retired question (exit 2) and an unknown one (exit 3)', () => {
    expect(() => draftResponse(questions, new Map([['old', '3']]))).toThrow(expect.objectContaining({ exitCode: 2, message: 'the question old was retired; it takes no new answers' }));
    expect(() => draftResponse(questions, new Map([['new', '3']]))).toThrow(expect.objectContaining({ exitCode: 3 }));
  });
});

describe('the prompt flow', () => {
  it('asks a score and a note for each open question and reads them back', () => {
    const flow = assessQuestions([question(1, 'calls'), question(2, 'old', '2026-01-01'), question(3, 'listening')]);
    expect(flow.map((q) => q.key)).toEqual(['score:calls', 'note:calls', 'score:listening', 'note:listening']);
    const answers = answerFlow(flow, (q) => (q.key.startsWith('score:') ? '4' : q.key === 'note:calls' ? 'slow on Fridays' : ''));
    const { scores, notes } = responseFromAnswers(answers);
    expect([...scores]).toEqual([
      ['calls', '4'],
      ['listening', '4'],
    ]);
    expect([...notes]).toEqual([['calls', 'slow on Fridays']]);
  });
});

describe('formResponses', () => {
  it('reads a name column, score columns and note columns; empty cells are unanswered', () => {
    const rows = formResponses({
      headers: ['Timestamp', 'Name', 'calls', 'calls note', 'listening'],
      rows: [
        { line: 2, cells: ['x', 'Ana', '4', 'ok', ''] },
        { line: 3, cells: ['y', 'Bo', '', '', '5'] },
      ],
    });
    expect(rows.map((r) => [r.person, [...r.scores], [...r.notes]])).toEqual([
      ['Ana', [['timestamp', 'x'], ['calls', '4']], [['calls', 'ok']]],
      ['Bo', [['timestamp', 'y'], ['listening', '5']], []],
    ]);
  });
});

describe('buildAssessmentView', () => {
  const base = {
    today: '2026-03-18',
    attributed: false,
    questions: [question(1, 'calls'), question(2, 'gone', '2026-02-01')],
    byPerson: [{ openedOn: '2026-02-01', person: 'Ana', key: 'calls', score: 4, note: null }],
  };

  it('hides a question while its round is open and below three answers, and shows a mean only', () => {
    const view = buildAssessmentView({
      ...base,
      rounds: [
        { id: 1, openedOn: '2026-02-01', closesOn: '2026-03-01', took: 3 },
        { id: 2, openedOn: '2026-03-10', closesOn: '2026-04-09', took: 4 },
      ],
      tallies: [
        { roundId: 1, questionId: 1, score: 2, answers: 1 },
        { roundId: 1, questionId: 1, score: 5, answers: 2 },
        { roundId: 1, questionId: 2, score: 3, answers: 2 },
        { roundId: 2, questionId: 1, score: 4, answers: 4 },
      ],
      notes: [
        { roundId: 1, questionId: 1, note: 'zz' },
        { roundId: 1, questionId: 1, note: 'aa' },
        { roundId: 1, questionId: 2, note: 'hidden note' },
      ],
    });
    expect(view.rounds.map((r) => [r.openedOn, r.open])).toEqual([
      ['2026-03-10', true],
      ['2026-02-01', false],
    ]);
    expect(view.rounds[0]?.questions.map((q) => [q.key, q.answered, q.mean, q.hidden])).toEqual([['calls', 4, null, 'open']]);
    expect(view.rounds[1]?.questions.map((q) => [q.key, q.answered, q.mean, q.hidden, q.notes])).toEqual([
      ['calls', 3, 4, null, ['aa', 'zz']],
      ['gone', 2, null, 'few', []],
    ]);
    // Answers by name only for an attributed team.
    expect(view.byPerson).toEqual([]);
  });
});

describe('rounds and what status says', () => {
  const rounds = [
    { id: 1, openedOn: '2026-02-01', closesOn: '2026-03-03' },
    { id: 2, openedOn: '2026-03-10', closesOn: '2026-03-12' },
  ];
  it('finds the open round, and the next due date from the interval even after an early close', () => {
    expect(openRound(rounds, '2026-03-11')?.id).toBe(2);
    expect(openRound(rounds, '2026-03-12')).toBeUndefined();
    expect(assessmentDue(rounds, 0, 5, '2026-03-20', 30)).toBeNull();
    expect(assessmentDue(rounds, 0, 5, '2026-04-09', 30)?.text).toBe('the self-assessment is due (the last round opened on 2026-03-10)');
    expect(assessmentDue(rounds, 2, 5, '2026-03-11', 30)?.text).toBe('self-assessment open until 2026-03-12: 2 of 5 answered');
  });
});

describe('the store keeps answers without their author', () => {
  let store: ReturnType<typeof tempStore>;
  beforeEach(() => {
    store = tempStore();
    store.write(() => ['Ana', 'Bo', 'Cy'].forEach((name) => ensurePerson(store.db, name, NOW_ISO)));
  });
  afterEach(() => store.dispose());
  const settings = { intervalDays: 30, attributed: false };

  it('records counts per score, and the figures from them once the round is closed', () => {
    answerAssessment(store, { person: 'Ana', scores: new Map([['returns-calls', '2']]), notes: new Map(), settings }, NOW);
    importAssessment(
      store,
      { form: { headers: ['name', 'returns-calls'], rows: [{ line: 2, cells: ['Bo', '5'] }, { line: 3, cells: ['Cy', '5'] }] }, settings },
      NOW,
    );
    expect(store.db.prepare('SELECT score, answers FROM assessment_tallies ORDER BY score').all()).toEqual([
      { score: 2, answers: 1 },
      { score: 5, answers: 2 },
    ]);
    expect(store.db.prepare('SELECT count(*) AS n FROM assessment_answers').get()).toEqual({ n: 0 });
    expect(closeAssessmentRound(store, NOW)).toEqual({ openedOn: '2026-03-18', took: 3 });
    const calls = assessmentView(store, { attributed: false }, NOW).rounds[0]?.questions.find((q) => q.key === 'returns-calls');
    expect(calls).toMatchObject({ answered: 3, mean: 4 });
  });

  // A heap keeps rows about in the order written, each version with its writer's transaction id.
  // Skipped on SQLite: it reads PostgreSQL's row stamps (xmin), which SQLite has not.
  it.skipIf(testEngine !== 'postgres')('on PostgreSQL, no count, note or taker row tells which check-in wrote it', () => {
    const answer = (person: string, score: string, note: string) =>
      answerAssessment(store, { person, scores: new Map([['returns-calls', score]]), notes: new Map([['returns-calls', note]]), settings }, NOW);
    answer('Cy', '5', 'fine');
    answer('Ana', '2', 'slow on Fridays');
    const rows = (table: string, key: string) => store.db.prepare(`SELECT xmin::text AS writer, ${key} AS key FROM ${table} ORDER BY ctid`).all() as Array<{ writer: string; key: unknown }>;
    const takers = rows('assessment_takers', 'person_id');
    const tallies = rows('assessment_tallies', 'score');
    const notes = rows('assessment_notes', 'key');
    // The last check-in wrote every row of the round, and each table lies in key order, not in the order people answered.
    expect(new Set([...takers, ...tallies, ...notes].map((row) => row.writer)).size).toBe(1);
    expect(takers.map((row) => row.key)).toEqual([1, 3]);
    expect(tallies.map((row) => row.key)).toEqual([2, 5]);
    expect(notes.map((row) => row.key)).toEqual(notes.map((row) => String(row.key)).sort());
    expect(store.db.prepare('SELECT score, answers FROM assessment_tallies ORDER BY score').all()).toEqual([
      { score: 2, answers: 1 },
      { score: 5, answers: 1 },
    ]);
  });

  it('ships the built-in questions with fixed ids, so two databases agree on them', () => {
    const other = tempStore();
    try {
      expect(listQuestions(other.db).map((q) => q.uuid)).toEqual(listQuestions(store.db).map((q) => q.uuid));
      expect(listQuestions(store.db).every((q) => q.builtIn)).toBe(true);
    } finally {
      other.dispose();
    }
  });
});
