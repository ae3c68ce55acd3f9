/**
 * Weekly column charts for the HTML report, drawn to be read from across a meeting room
 * and on paper: dated weeks on the x axis, counts on the y axis, every value printed on
 * its bar, and the report's own period marked against the trend. No hover is needed.
 */
import type { Day } from '../../../core/dates.ts';
import { escapeHtml as e } from '../../escape.ts';

export interface WeekValue {
  since: Day;
  until: Day;
  value: number;
  /** The week overlaps the report's period. */
  current: boolean;
}

export interface ColumnChartOptions {
  /** A stable name, in data-chart and the accessible label. */
  name: string;
  weeks: readonly WeekValue[];
  /** The top of the y axis; charts meant to be compared share one. */
  max: number;
  width: number;
  height: number;
  /** Draw the mean of the weeks before the period as a dashed line (the caption says what it is). */
  earlierMean?: boolean;
}

export const INK = '#1f4e79';
const CURRENT_INK = '#0b2a47';
const BAND = '#fde9a9';
const AXIS = '#333';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-09" → "9 Mar": short enough for an axis, unambiguous in every locale. */
export function shortDay(day: Day): string {
  const [, month, date] = day.split('-');
  return `${Number(date)} ${MONTHS[Number(month) - 1] ?? month}`;
}

/** The top of a shared y axis: at least 1, so an empty chart still has a scale. */
export function sharedMax(series: ReadonlyArray<readonly number[]>): number {
  return Math.max(1, ...series.flat());
}

/** Whole-number ticks: every count up to 5, else 0, the middle and the top. */
function ticks(max: number): number[] {
  if (max <= 5) return Array.from({ length: max + 1 }, (_, i) => i);
  return [...new Set([0, Math.round(max / 2), max])];
}

const fmt = (n: number) => n.toFixed(1);

/** The mean per week before the report's period, or null when the trend has no earlier week. */
export function earlierMean(weeks: readonly WeekValue[]): number | null {
  const earlier = weeks.filter((w) => !w.current);
  return earlier.length ? earlier.reduce((sum, w) => sum + w.value, 0) / earlier.length : null;
}

/** One SVG column chart with both axes labelled; its numbers also sit in an accessible description. */
export function columnChart(options: ColumnChartOptions): string {
  const { name, weeks, max, width, height } = options;
  const left = 36;
  const right = 8;
  const top = 44;
  const bottom = 44;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const slot = plotWidth / Math.max(1, weeks.length);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const x = (i: number) => left + i * slot;
  const parts: string[] = [];

  const current = weeks.map((w, i) => (w.current ? i : -1)).filter((i) => i >= 0);
  const first = current[0];
  const last = current[current.length - 1];
  if (first !== undefined && last !== undefined) {
    const bandX = x(first);
    const bandWidth = (last - first + 1) * slot;
    parts.push(`<rect class="period-band" x="${fmt(bandX)}" y="2" width="${fmt(bandWidth)}" height="${fmt(top + plotHeight - 2)}" fill="${BAND}"/>`);
    parts.push(
      `<text class="period-label" x="${fmt(bandX + bandWidth / 2)}" y="17" text-anchor="middle" font-size="14" font-weight="700" fill="${AXIS}">this period</text>`,
    );
  }

  for (const tick of ticks(max)) {
    const ty = y(tick);
    parts.push(`<line x1="${left}" y1="${fmt(ty)}" x2="${width - right}" y2="${fmt(ty)}" stroke="${tick === 0 ? AXIS : '#ccc'}" stroke-width="${tick === 0 ? 1.5 : 1}"/>`);
    parts.push(`<text class="y-label" x="${left - 5}" y="${fmt(ty + 4)}" text-anchor="end" font-size="14" fill="${AXIS}">${tick}</text>`);
  }
  parts.push(`<text class="y-title" x="2" y="${top - 14}" font-size="13" fill="${AXIS}">stories</text>`);

  // Every value printed when a bar is wide enough to carry its number; else the period's and the peak's.
  const roomy = slot >= 16;
  const peak = Math.max(...weeks.map((w) => w.value));
  weeks.forEach((week, i) => {
    const barWidth = Math.max(1, slot * 0.7);
    const bx = x(i) + (slot - barWidth) / 2;
    if (week.value > 0) {
      const by = y(week.value);
      parts.push(
        `<rect class="bar${week.current ? ' current' : ''}" x="${fmt(bx)}" y="${fmt(by)}" width="${fmt(barWidth)}" height="${fmt(top + plotHeight - by)}" fill="${week.current ? CURRENT_INK : INK}"/>`,
      );
    }
    if (roomy || week.current || (week.value === peak && week.value > 0)) {
      const vy = week.value > 0 ? y(week.value) - 3 : top + plotHeight - 3;
      parts.push(
        `<text class="value" x="${fmt(x(i) + slot / 2)}" y="${fmt(vy)}" text-anchor="middle" font-size="15" font-weight="700" fill="${week.value > 0 ? AXIS : '#666'}">${week.value}</text>`,
      );
    }
  });

  // Dated weeks: as many labels as fit, always the last one.
  const every = Math.max(1, Math.ceil(weeks.length / Math.max(1, Math.floor(plotWidth / 56))));
  weeks.forEach((week, i) => {
    if (i % every !== 0 && i !== weeks.length - 1) return;
    if (i !== weeks.length - 1 && weeks.length - 1 - i < every) return;
    parts.push(
      `<text class="x-label" x="${fmt(x(i) + slot / 2)}" y="${fmt(top + plotHeight + 18)}" text-anchor="middle" font-size="14" fill="${AXIS}">${e(shortDay(week.since))}</text>`,
    );
  });
  parts.push(`<text class="x-title" x="${fmt(left + plotWidth / 2)}" y="${height - 4}" text-anchor="middle" font-size="13" fill="${AXIS}">week starting</text>`);

  const mean = options.earlierMean ? earlierMean(weeks) : null;
  if (mean !== null) {
    const my = y(mean);
    parts.push(`<line class="earlier-mean" x1="${left}" y1="${fmt(my)}" x2="${fmt(first !== undefined ? x(first) : width - right)}" y2="${fmt(my)}" stroke="#b00" stroke-dasharray="6 4" stroke-width="2"/>`);
  }

  const description = weeks.map((w) => `week of ${w.since}: ${w.value}${w.current ? ' (this period)' : ''}`).join('; ');
  return (
    `<svg class="chart" data-chart="${e(name)}" role="img" aria-label="${e(`${name}, by week`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<title>${e(name)}</title><desc>${e(description)}</desc>${parts.join('')}</svg>`
  );
}
