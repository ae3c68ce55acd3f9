import { randomUUID } from 'node:crypto';
import type { AssessmentQuestion, AssessmentResponse, AssessmentRound, AssessmentView, Tally } from '../core/assess.ts';
import type { Day } from '../core/dates.ts';
import type { QualityAttribute } from '../core/phrases.ts';
import { isPostgres, sql, type Db } from './db.ts';

interface QuestionRow {
  id: number;
  uuid: string;
  key: string;
  version: number;
  text: string;
  attribute: string | null;
  built_in: number;
  retired_at: string | null;
}

const toQuestion = (row: QuestionRow): AssessmentQuestion => ({
  id: row.id,
  uuid: row.uuid,
  key: row.key,
  version: row.version,
  text: row.text,
  attribute: row.attribute as QualityAttribute | null,
  builtIn: row.built_in === 1,
  retiredAt: row.retired_at,
});

/** Every question, every version: open ones in the order they were added, then retired ones. */
export function listQuestions(db: Db): AssessmentQuestion[] {
  const rows = sql(
    db,
    'SELECT id, uuid, key, version, text, attribute, built_in, retired_at FROM assessment_questions ORDER BY retired_at IS NOT NULL, id',
  ).all() as QuestionRow[];
  return rows.map(toQuestion);
}

/** Adds a question, as the next version of its key if it was asked before. Call inside store.write(). */
export function insertQuestion(db: Db, question: { key: string; text: string; attribute: QualityAttribute | null }, now: string): number {
  const { version } = sql(db, 'SELECT coalesce(max(version), 0) + 1 AS version FROM assessment_questions WHERE key = ?').get(question.key) as { version: number };
  sql(
    db,
    `INSERT INTO assessment_questions (uuid, key, version, text, attribute, built_in, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(randomUUID(), question.key, version, question.text, question.attribute, now, now);
  return version;
}

/** Retires the open version of a question; false when none is open. Call inside store.write(). */
export function retireQuestion(db: Db, key: string, now: string): boolean {
  return sql(db, 'UPDATE assessment_questions SET retired_at = ?, updated_at = ? WHERE key = ? AND retired_at IS NULL').run(now, now, key).changes > 0;
}

/** Every round, with how many people took part. */
export function listRounds(db: Db): Array<AssessmentRound & { took: number }> {
  return sql(
    db,
    `SELECT r.id, r.opened_on AS openedOn, r.closes_on AS closesOn, (SELECT count(*) FROM assessment_takers t WHERE t.round_id = r.id) AS took
       FROM assessment_rounds r ORDER BY r.opened_on`,
  ).all() as Array<AssessmentRound & { took: number }>;
}

/** Opens a round. Call inside store.write(). */
export function insertRound(db: Db, round: { openedOn: Day; closesOn: Day }, now: string): AssessmentRound {
  const id = Number(
    sql(db, 'INSERT INTO assessment_rounds (uuid, opened_on, closes_on, created_at) VALUES (?, ?, ?, ?)').run(randomUUID(), round.openedOn, round.closesOn, now)
      .lastInsertRowid,
  );
  return { id, ...round };
}

/** Whether a person already took part in a round. */
export function hasTaken(db: Db, roundId: number, personId: number): boolean {
  return sql(db, 'SELECT 1 FROM assessment_takers WHERE round_id = ? AND person_id = ?').get(roundId, personId) !== undefined;
}

/**
 * Records one person's check-in: that they took part, and their answers as counts and
 * notes with no tie to them; under their name too only when the team chose attributed
 * answers. Call inside store.write().
 */
export function recordResponse(db: Db, roundId: number, personId: number, response: AssessmentResponse, attributed: boolean): void {
  if (isPostgres(db)) recordAnonymouslyOnPostgres(db, roundId, personId, response);
  else {
    sql(db, 'INSERT INTO assessment_takers (round_id, person_id) VALUES (?, ?)').run(roundId, personId);
    for (const answer of response.answers) {
      sql(
        db,
        `INSERT INTO assessment_tallies (round_id, question_id, score, answers) VALUES (?, ?, ?, 1)
         ON CONFLICT (round_id, question_id, score) DO UPDATE SET answers = assessment_tallies.answers + 1`,
      ).run(roundId, answer.questionId, answer.score);
      if (answer.note !== null) {
        sql(db, 'INSERT INTO assessment_notes (round_id, question_id, key, note) VALUES (?, ?, ?, ?)').run(roundId, answer.questionId, randomUUID(), answer.note);
      }
    }
  }
  if (!attributed) return;
  for (const answer of response.answers) {
    sql(db, 'INSERT INTO assessment_answers (round_id, question_id, person_id, score, note) VALUES (?, ?, ?, ?, ?)').run(
      roundId,
      answer.questionId,
      personId,
      answer.score,
      answer.note,
    );
  }
}

/**
 * The same on PostgreSQL, where a heap keeps rows in about the order they were written
 * and each row version carries the id of the transaction that wrote it (xmin): changing
 * only this taker's counts and notes would tie them to the taker row written with them.
 * So the round's takers, counts and notes are all written again, in key order, in this
 * transaction: every row then has the same writer, and its place says only its key.
 */
function recordAnonymouslyOnPostgres(db: Db, roundId: number, personId: number, response: AssessmentResponse): void {
  const takers = sql(db, 'SELECT person_id AS id FROM assessment_takers WHERE round_id = ?').pluck().all(roundId) as number[];
  const tallies = sql(db, 'SELECT question_id AS questionId, score, answers FROM assessment_tallies WHERE round_id = ?').all(roundId) as Array<{
    questionId: number;
    score: number;
    answers: number;
  }>;
  const notes = sql(db, 'SELECT question_id AS questionId, key, note FROM assessment_notes WHERE round_id = ?').all(roundId) as Array<{
    questionId: number;
    key: string;
    note: string;
  }>;
  takers.push(personId);
  for (const answer of response.answers) {
    const tally = tallies.find((t) => t.questionId === answer.questionId && t.score === answer.score);
    if (tally) tally.answers += 1;
    else tallies.push({ questionId: answer.questionId, score: answer.score, answers: 1 });
    if (answer.note !== null) notes.push({ questionId: answer.questionId, key: randomUUID(), note: answer.note });
  }
  for (const table of ['assessment_takers', 'assessment_tallies', 'assessment_notes']) sql(db, `DELETE FROM ${table} WHERE round_id = ?`).run(roundId);
  for (const id of takers.sort((a, b) => a - b)) sql(db, 'INSERT INTO assessment_takers (round_id, person_id) VALUES (?, ?)').run(roundId, id);
  for (const t of tallies.sort((a, b) => a.questionId - b.questionId || a.score - b.score)) {
    sql(db, 'INSERT INTO assessment_tallies (round_id, question_id, score, answers) VALUES (?, ?, ?, ?)').run(roundId, t.questionId, t.score, t.answers);
  }
  for (const n of notes.sort((a, b) => a.questionId - b.questionId || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    sql(db, 'INSERT INTO assessment_notes (round_id, question_id, key, note) VALUES (?, ?, ?, ?)').run(roundId, n.questionId, n.key, n.note);
  }
}

/** What the team view of the self-assessment is built from. */
export interface AssessmentInput {
  rounds: Array<AssessmentRound & { took: number }>;
  questions: AssessmentQuestion[];
  tallies: Tally[];
  notes: Array<{ roundId: number; questionId: number; note: string }>;
  byPerson: AssessmentView['byPerson'];
}

/** What the team view is built from: counts, notes, and (for attributed teams) answers by name. */
export function loadAssessmentInput(db: Db): AssessmentInput {
  return {
    rounds: listRounds(db),
    questions: listQuestions(db),
    tallies: sql(db, 'SELECT round_id AS roundId, question_id AS questionId, score, answers FROM assessment_tallies').all() as Tally[],
    notes: sql(db, 'SELECT round_id AS roundId, question_id AS questionId, note FROM assessment_notes').all() as Array<{ roundId: number; questionId: number; note: string }>,
    byPerson: sql(
      db,
      `SELECT r.opened_on AS openedOn, p.name AS person, q.key, a.score, a.note
         FROM assessment_answers a
         JOIN assessment_rounds r ON r.id = a.round_id
         JOIN assessment_questions q ON q.id = a.question_id
         JOIN people p ON p.id = a.person_id
        ORDER BY r.opened_on DESC, p.name_key, q.id`,
    ).all() as AssessmentView['byPerson'],
  };
}

/** Closes a round on a day, so its figures can be shown and it takes no more answers. Call inside store.write(). */
export function closeRound(db: Db, roundId: number, on: Day): void {
  sql(db, 'UPDATE assessment_rounds SET closes_on = ? WHERE id = ?').run(on, roundId);
}
