/**
 * The aggregate queries the sqlite3 shell runs as the floor of `svc report`,
 * `svc practices` and `svc status`: the same file, the same questions, no Node.
 *
 * This is the one place the benchmark takes them from. Until those commands export
 * their own SQL, representative queries written against the schema stand in (the
 * figures of DESIGN.md over a four-week period, as a report before a meeting needs).
 * To measure the real ones, return the commands' exported SQL texts from
 * floorQueries() instead; `?` and `:name` parameters are filled in from the period.
 */

export type FloorCommand = 'report' | 'practices' | 'status';

export interface Period {
  /** First day of the period (four weeks back by default). */
  since: string;
  until: string;
  /** The period before, for the change figures. */
  previousSince: string;
  previousUntil: string;
}

export interface FloorQuery {
  name: string;
  sql: string;
  /** Positional values for `?`, in order; named ones (`:since`) come from the period. */
  params?: Array<string | number>;
}

const STORIES_IN_PERIOD = `SELECT customer_kind, trigger, count(*) AS stories
  FROM stories WHERE occurred_on >= ? AND occurred_on <= ? GROUP BY customer_kind, trigger`;

const PEOPLE_IN_PERIOD = `SELECT (SELECT count(*) FROM people WHERE active = 1) AS active,
       count(DISTINCT sp.person_id) AS with_stories
  FROM stories s JOIN story_people sp ON sp.story_id = s.id
 WHERE s.occurred_on >= ? AND s.occurred_on <= ?`;

const TAGS_IN_PERIOD = `SELECT t.name, count(*) AS stories
  FROM stories s JOIN story_tags st ON st.story_id = s.id JOIN tags t ON t.id = st.tag_id
 WHERE s.occurred_on >= ? AND s.occurred_on <= ?
 GROUP BY t.id ORDER BY stories DESC LIMIT 10`;

/** Evidence, spread and the star's count per practice within a period. */
const PRACTICE_FIGURES = `WITH ev AS (
    SELECT e.practice_id, e.story_id FROM evidence e JOIN stories s ON s.id = e.story_id
     WHERE s.occurred_on >= ? AND s.occurred_on <= ?),
  per AS (
    SELECT ev.practice_id, sp.person_id, count(*) AS n FROM ev JOIN story_people sp ON sp.story_id = ev.story_id
     GROUP BY ev.practice_id, sp.person_id)
SELECT p.id, p.name, p.status,
       (SELECT count(*) FROM ev WHERE ev.practice_id = p.id) AS stories,
       (SELECT count(*) FROM per WHERE per.practice_id = p.id) AS spread,
       (SELECT max(n) FROM per WHERE per.practice_id = p.id) AS star_stories
  FROM practices p WHERE p.status <> 'retired' ORDER BY p.name_key`;

const LAST_EVIDENCE = `SELECT e.practice_id, max(s.occurred_on) AS last_on
  FROM practices p JOIN evidence e ON e.practice_id = p.id JOIN stories s ON s.id = e.story_id
 WHERE p.status = 'standard' GROUP BY e.practice_id`;

const ADOPTION_AFTER_TRAINING = `WITH trained AS (
    SELECT t.practice_id, ta.person_id, min(t.held_on) AS trained_on
      FROM trainings t JOIN training_attendees ta ON ta.training_id = t.id GROUP BY t.practice_id, ta.person_id)
SELECT tr.practice_id, count(*) AS trained,
       sum(EXISTS (SELECT 1 FROM story_people sp CROSS JOIN stories s ON s.id = sp.story_id
                     CROSS JOIN evidence e ON e.practice_id = tr.practice_id AND e.story_id = sp.story_id
                    WHERE sp.person_id = tr.person_id AND s.occurred_on > tr.trained_on)) AS adopted
  FROM trained tr GROUP BY tr.practice_id`;

const INTERVIEWS_IN_PERIOD = `SELECT status, count(*) AS n, group_concat(liked, ' | ') AS liked, group_concat(change, ' | ') AS change
  FROM interviews WHERE planned_on >= ? AND planned_on <= ? GROUP BY status`;

const EXAMPLE_STORIES = `SELECT s.id, s.text, s.occurred_on FROM stories s
 WHERE s.occurred_on >= ? AND s.occurred_on <= ? ORDER BY s.occurred_on DESC, s.id DESC LIMIT 5`;

/** All-time figures per practice, as `svc practices` lists them. */
const PRACTICES_LIST = `WITH per AS (
    SELECT e.practice_id, sp.person_id, count(*) AS n FROM evidence e JOIN story_people sp ON sp.story_id = e.story_id
     GROUP BY e.practice_id, sp.person_id)
SELECT p.id, p.name, p.status,
       (SELECT count(*) FROM evidence e WHERE e.practice_id = p.id) AS stories,
       (SELECT count(*) FROM per WHERE per.practice_id = p.id) AS spread,
       (SELECT max(n) FROM per WHERE per.practice_id = p.id) AS star_stories,
       (SELECT max(s.occurred_on) FROM evidence e JOIN stories s ON s.id = e.story_id WHERE e.practice_id = p.id) AS last_on
  FROM practices p ORDER BY p.name_key`;

const STATUS_COUNTS = `SELECT (SELECT count(*) FROM stories) AS stories,
       (SELECT count(*) FROM stories WHERE occurred_on >= ?) AS this_period,
       (SELECT count(*) FROM people WHERE active = 1) AS people,
       (SELECT max(held_on) FROM meetings) AS last_meeting,
       (SELECT count(*) FROM interviews WHERE status = 'planned') AS planned_interviews`;

const PRACTICES_BY_STATUS = 'SELECT status, count(*) FROM practices GROUP BY status';

/** The queries one command runs, with the period's values. */
export function floorQueries(command: FloorCommand, period: Period): FloorQuery[] {
  const now = [period.since, period.until];
  const before = [period.previousSince, period.previousUntil];
  switch (command) {
    case 'report':
      return [
        { name: 'stories in period', sql: STORIES_IN_PERIOD, params: now },
        { name: 'stories before', sql: STORIES_IN_PERIOD, params: before },
        { name: 'people in period', sql: PEOPLE_IN_PERIOD, params: now },
        { name: 'people before', sql: PEOPLE_IN_PERIOD, params: before },
        { name: 'tags in period', sql: TAGS_IN_PERIOD, params: now },
        { name: 'practice figures', sql: PRACTICE_FIGURES, params: now },
        { name: 'practice figures before', sql: PRACTICE_FIGURES, params: before },
        { name: 'last evidence (drift)', sql: LAST_EVIDENCE },
        { name: 'adoption after training', sql: ADOPTION_AFTER_TRAINING },
        { name: 'interviews', sql: INTERVIEWS_IN_PERIOD, params: now },
        { name: 'example stories', sql: EXAMPLE_STORIES, params: now },
      ];
    case 'practices':
      return [{ name: 'practices with figures', sql: PRACTICES_LIST }];
    case 'status':
      return [
        { name: 'counts', sql: STATUS_COUNTS, params: [period.since] },
        { name: 'practices by status', sql: PRACTICES_BY_STATUS },
        { name: 'last evidence (drift)', sql: LAST_EVIDENCE },
      ];
  }
}

function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
}

/**
 * The query as the sqlite3 shell gets it: `?`, `?NNN` and `:name`/`@name`/`$name`
 * parameters replaced by quoted literals (the shell cannot bind positional ones).
 * Quoted strings, quoted identifiers and comments are left alone.
 */
export function inlineParams(sql: string, params: ReadonlyArray<string | number>, named: Record<string, string | number>): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < sql.length; ) {
    const c = sql[i] ?? '';
    if (c === "'" || c === '"' || c === '`') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      const digits = /^\d+/.exec(sql.slice(i + 1))?.[0] ?? '';
      const index = digits ? Number(digits) - 1 : next++;
      const value = params[index];
      if (value === undefined) throw new Error(`no value for parameter ${index + 1} in: ${sql.slice(0, 60)}…`);
      out += literal(value);
      i += 1 + digits.length;
    } else if ((c === ':' || c === '@' || c === '$') && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))?.[0] ?? '';
      const value = named[name];
      if (value === undefined) throw new Error(`no value for parameter ${c}${name}`);
      out += literal(value);
      i += 1 + name.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** One script for the sqlite3 shell: every query of the command, in order. */
export function floorScript(command: FloorCommand, period: Period): string {
  const named = { ...period, previous_since: period.previousSince, previous_until: period.previousUntil };
  return floorQueries(command, period)
    .map((q) => `${inlineParams(q.sql, q.params ?? [], named).trim().replace(/;$/, '')};`)
    .join('\n');
}
