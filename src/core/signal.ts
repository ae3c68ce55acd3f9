/**
 * Outcome signals (the "how do we know?"): figures a team already keeps, such as
 * a response time or a satisfaction score, about one practice (a periodic figure) or one
 * story (a figure of that interaction), imported from CSV and shown as a trend beside the
 * practice they concern. Optional: with no signals nothing changes anywhere. A signal
 * names a practice or a story, never a customer.
 */
import { parseIsoPastDay, type Day } from './dates.ts';
import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';
import { checkName } from './names.ts';
import { normalizeHeader, type FormRow } from './story-import.ts';

/** A measure's name is a short label ("response time"), not a place for notes. */
export const MEASURE_MAX = 60;

/** The columns a signal file has; each accepts a few spellings (normalizeHeader form). */
const SIGNAL_COLUMNS = {
  date: ['date', 'day', 'on', 'measured on', 'when'],
  practice: ['practice', 'practice id'],
  story: ['story', 'story id'],
  measure: ['measure', 'metric', 'name', 'name of measure', 'signal'],
  value: ['value', 'figure', 'score'],
} as const;
type SignalColumn = keyof typeof SIGNAL_COLUMNS;

/** One row of a signal file, checked: the practice as typed (resolved by the caller), or the story's id. */
export interface SignalRow {
  line: number;
  on: Day;
  measure: string;
  value: number;
  practice: string | null;
  storyId: number | null;
}

/** A measure's name as stored and compared: one line, lower case, single spaces. */
export function measureName(typed: string): string {
  const name = checkName(typed, 'measure').normalize('NFKC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('en-US');
  if (name === '') throw new ValidationError(messages.signalNoMeasure, messages.signalFileHint);
  if (name.length > MEASURE_MAX) throw new ValidationError(messages.signalMeasureTooLong(name.length, MEASURE_MAX), messages.signalFileHint);
  return name;
}

/** A figure as written in a sheet: "4.5", "-2", "1,234.5" (thousands commas); nothing else. */
export function signalValue(typed: string): number {
  const text = typed.trim().replace(/(?<=\d),(?=\d{3}(?:\D|$))/gu, '');
  const value = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/u.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw new ValidationError(messages.signalBadValue(typed), messages.signalFileHint);
  return value;
}

/** "line 3: …": a row's problem, keeping its kind and hint. */
function atRow<T>(line: number, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    // A date's own error carries no hint: the file's columns are the hint here.
    if (error instanceof ValidationError) throw new ValidationError(messages.signalRowProblem(line, error.message), error.hint ?? messages.signalFileHint);
    throw error;
  }
}

/**
 * The rows of a signal file: `date` (YYYY-MM-DD, not in the future), `practice` (name or
 * id) or `story` (id), `measure` and `value`. Every row is checked; the first bad one
 * is refused, naming its line. Empty cells of a column the row does not use are fine.
 */
export function signalRows(form: { headers: readonly string[]; rows: readonly FormRow[] }, now: Date): SignalRow[] {
  const headers = form.headers.map(normalizeHeader);
  const at = (column: SignalColumn) => headers.findIndex((h) => (SIGNAL_COLUMNS[column] as readonly string[]).includes(h));
  const columns = { date: at('date'), practice: at('practice'), story: at('story'), measure: at('measure'), value: at('value') };
  for (const column of ['date', 'measure', 'value'] as const) {
    if (columns[column] < 0) throw new ValidationError(messages.signalMissingColumn(column), messages.signalFileHint);
  }
  if (columns.practice < 0 && columns.story < 0) throw new ValidationError(messages.signalMissingColumn('practice or story'), messages.signalFileHint);
  if (form.rows.length === 0) throw new ValidationError(messages.signalNoRows, messages.signalFileHint);
  const cell = (row: FormRow, index: number) => (index < 0 ? '' : (row.cells[index] ?? '').trim());
  return form.rows.map((row) =>
    atRow(row.line, () => {
      const practice = cell(row, columns.practice);
      const story = cell(row, columns.story);
      if ((practice === '') === (story === '')) throw new ValidationError(messages.signalSubject, messages.signalFileHint);
      const storyId = story === '' ? null : /^#?\d+$/u.test(story) ? Number(story.replace('#', '')) : NaN;
      if (storyId !== null && !(Number.isInteger(storyId) && storyId > 0)) throw new ValidationError(messages.signalBadStory(story), messages.signalFileHint);
      return {
        line: row.line,
        on: parseIsoPastDay(cell(row, columns.date), now, 'date', messages.futureSignalHint),
        measure: measureName(cell(row, columns.measure)),
        value: signalValue(cell(row, columns.value)),
        practice: practice === '' ? null : practice,
        storyId,
      };
    }),
  );
}

/** A stored signal, as listed. */
export interface Signal {
  id: number;
  uuid: string;
  on: Day;
  measure: string;
  value: number;
  practiceId: number | null;
  practice: string | null;
  storyId: number | null;
}

/** One month's figures of a measure. */
export interface SignalPoint {
  month: string;
  mean: number;
  readings: number;
}

/** A measure's trend: its monthly means, oldest first, and the change from the month before the latest. */
export interface SignalTrend {
  measure: string;
  readings: number;
  points: SignalPoint[];
  latest: { on: Day; value: number };
  /** The latest month's mean minus the month before's; null with one month of readings. */
  change: number | null;
}

/** Months shown in a trend: half a year of team meetings. */
export const TREND_MONTHS = 6;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Each measure's trend from its readings up to a day (all of them without one), measures in alphabetical order. */
export function signalTrends(readings: ReadonlyArray<{ on: Day; measure: string; value: number }>, until?: Day): SignalTrend[] {
  const byMeasure = new Map<string, Array<{ on: Day; value: number }>>();
  for (const r of readings) {
    if (until !== undefined && r.on > until) continue;
    const list = byMeasure.get(r.measure) ?? [];
    list.push({ on: r.on, value: r.value });
    byMeasure.set(r.measure, list);
  }
  return [...byMeasure]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([measure, list]) => {
      const sorted = [...list].sort((a, b) => a.on.localeCompare(b.on));
      const months = new Map<string, number[]>();
      for (const r of sorted) months.set(r.on.slice(0, 7), [...(months.get(r.on.slice(0, 7)) ?? []), r.value]);
      const points = [...months].map(([month, values]) => ({ month, mean: round2(values.reduce((s, v) => s + v, 0) / values.length), readings: values.length })).slice(-TREND_MONTHS);
      const last = points.at(-1);
      const before = points.at(-2);
      const latest = sorted.at(-1) ?? { on: '', value: 0 };
      return { measure, readings: sorted.length, points, latest, change: last && before ? round2(last.mean - before.mean) : null };
    });
}

/** "response time 12 → 9.5 → 8 (Jan–Mar, down 1.5)": a trend in one line. */
export function trendLine(trend: SignalTrend): string {
  const values = trend.points.map((p) => String(p.mean)).join(' → ');
  const first = trend.points[0]?.month ?? '';
  const last = trend.points.at(-1)?.month ?? '';
  const span = first === last ? first : `${first} to ${last}`;
  const change = trend.change === null ? '' : trend.change === 0 ? ', no change' : `, ${trend.change > 0 ? 'up' : 'down'} ${Math.abs(trend.change)}`;
  return `${trend.measure}: ${values} (${span}${change}; ${trend.readings} reading${trend.readings === 1 ? '' : 's'})`;
}
