import { PRACTICE_SUMMARY_SQL } from '../../src/store/practices.ts';
import { REPORT_SQL } from '../../src/store/report.ts';

/**
 * The aggregate queries the sqlite3 shell runs as the floor of `svc report`,
 * `svc practices` and `svc status`: the same file, the same questions, no Node.
 *
 * This is the one place the benchmark takes them from, and it takes the commands'
 * own exported SQL texts; `?` and `:name` parameters are filled in from the period.
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
  /** Named values for this query only (a window other than the period). */
  named?: Record<string, string>;
}

/** The windows a report reads, as `svc report` derives them from the period. */
function windows(period: Period): Record<string, { since: string; until: string }> {
  return {
    now: { since: period.since, until: period.until },
    before: { since: period.previousSince, until: period.previousUntil },
    // The weekly trend and drift look back further than the period itself.
    trend: { since: period.previousSince, until: period.until },
  };
}

/**
 * The queries one command runs, with the period's values: the very SQL texts the
 * commands run (REPORT_SQL, PRACTICE_SUMMARY_SQL), in the order they run them.
 */
export function floorQueries(command: FloorCommand, period: Period): FloorQuery[] {
  const w = windows(period);
  const q = (name: keyof typeof REPORT_SQL, window?: { since: string; until: string }): FloorQuery => ({
    name,
    sql: REPORT_SQL[name],
    ...(window ? { named: window } : {}),
  });
  switch (command) {
    case 'report':
      return [
        q('lastMeeting', w.now),
        q('people'),
        q('storyMix', w.now),
        q('storyMix', w.before),
        q('storiesPerDay', w.trend),
        q('storiesPerPerson', w.now),
        q('storiesPerPerson', w.before),
        q('storyCandidates', w.now),
        // The texts of the three stories read aloud; which three does not change the cost.
        { name: 'storyTexts', sql: REPORT_SQL.storyTexts, named: { ids: '[1,2,3]' } },
        q('practices', w.now),
        q('evidence', w.trend),
        q('latestEvidence', w.trend),
        q('candidateStories'),
        q('trainings', w.now),
        q('trained', w.now),
        q('qualities', w.now),
        q('interviews', w.now),
      ];
    case 'practices':
      return [{ name: 'practice summary', sql: PRACTICE_SUMMARY_SQL }];
    case 'status':
      return [
        q('anyStory'),
        q('lastMeeting', w.now),
        q('storiesPerPerson', w.now),
        q('people'),
        q('storyCount', w.now),
        q('practices', w.now),
        q('latestEvidence', w.trend),
        q('proceduresDue', w.now),
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
    .map((q) => `${inlineParams(q.sql, q.params ?? [], { ...named, ...q.named }).trim().replace(/;$/, '')};`)
    .join('\n');
}
