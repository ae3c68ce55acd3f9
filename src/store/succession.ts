import { randomUUID } from 'node:crypto';
import type { Day } from '../core/dates.ts';
import { sql, type Db } from './db.ts';

/** Records that a colleague pairs with the star to learn a practice (again is a no-op). Call inside store.write(). Returns whether it is new. */
export function insertPair(db: Db, practiceId: number, starId: number, learnerId: number, pairedOn: Day, now: string): boolean {
  return (
    sql(
      db,
      'INSERT INTO succession_pairs (uuid, practice_id, star_id, learner_id, paired_on, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(randomUUID(), practiceId, starId, learnerId, pairedOn, now).changes > 0
  );
}

/** The pairings a star has, by practice. */
export function pairsOfStar(db: Db, starId: number): Array<{ practice: string; learner: string; pairedOn: Day }> {
  return sql(
    db,
    `SELECT pr.name AS practice, l.name AS learner, sp.paired_on AS pairedOn
       FROM succession_pairs sp JOIN practices pr ON pr.id = sp.practice_id JOIN people l ON l.id = sp.learner_id
      WHERE sp.star_id = ? ORDER BY pr.name_key, sp.paired_on`,
  ).all(starId) as Array<{ practice: string; learner: string; pairedOn: Day }>;
}

/** The pairings on a practice: who learns it from whom, since when. */
export function pairsOfPractice(db: Db, practiceId: number): Array<{ star: string; learner: string; pairedOn: Day }> {
  return sql(
    db,
    `SELECT s.name AS star, l.name AS learner, sp.paired_on AS pairedOn
       FROM succession_pairs sp JOIN people s ON s.id = sp.star_id JOIN people l ON l.id = sp.learner_id
      WHERE sp.practice_id = ? ORDER BY sp.paired_on, s.name_key, l.name_key`,
  ).all(practiceId) as Array<{ star: string; learner: string; pairedOn: Day }>;
}
