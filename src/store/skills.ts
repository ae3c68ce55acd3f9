import { sql, type Db } from './db.ts';

/** A practice a person has evidence for (the skills inventory, seed 004). */
export interface PersonPractice {
  practice: string;
  status: string;
  stories: number;
  firstOn: string;
  lastOn: string;
  /** Active colleagues (everyone else) with evidence of the same practice. */
  colleaguesWithEvidence: number;
}

/** The practices a person shows in their stories, most evidenced first. */
export function personPractices(db: Db, personId: number): PersonPractice[] {
  return sql(
    db,
    `SELECT pr.name AS practice, pr.status, count(*) AS stories, min(s.occurred_on) AS firstOn, max(s.occurred_on) AS lastOn,
            (SELECT count(DISTINCT sp2.person_id)
               FROM evidence e2 JOIN story_people sp2 ON sp2.story_id = e2.story_id
               JOIN people q ON q.id = sp2.person_id AND q.active = 1
              WHERE e2.practice_id = pr.id AND sp2.person_id <> @person) AS colleaguesWithEvidence
       FROM story_people sp
       JOIN evidence e ON e.story_id = sp.story_id
       JOIN practices pr ON pr.id = e.practice_id
       JOIN stories s ON s.id = sp.story_id
      WHERE sp.person_id = @person
      GROUP BY pr.id
      ORDER BY stories DESC, pr.name_key`,
  ).all({ person: personId }) as PersonPractice[];
}

/** The tags on a person's stories, most used first. */
export function personTags(db: Db, personId: number): Array<{ tag: string; stories: number }> {
  return sql(
    db,
    `SELECT t.name AS tag, count(*) AS stories
       FROM story_people sp JOIN story_tags st ON st.story_id = sp.story_id JOIN tags t ON t.id = st.tag_id
      WHERE sp.person_id = ?
      GROUP BY t.id ORDER BY stories DESC, t.name`,
  ).all(personId) as Array<{ tag: string; stories: number }>;
}

/** How many active people there are. */
export function activePeopleCount(db: Db): number {
  return (sql(db, 'SELECT count(*) AS n FROM people WHERE active = 1').get() as { n: number }).n;
}
