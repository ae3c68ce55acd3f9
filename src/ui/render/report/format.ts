import type { Compared, Report } from '../../../core/report.ts';
import { countOf, percent } from '../../format.ts';

/** "+3 (+25%)", "−2 (−50%)", "+4 (none before)", "±0". */
export function delta(figure: Compared): string {
  if (figure.delta === 0) return '±0';
  const sign = figure.delta > 0 ? '+' : '−';
  const relative = figure.ratio === null ? 'none before' : `${sign}${percent(Math.abs(figure.ratio))}`;
  return `${sign}${Math.abs(figure.delta)} (${relative})`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A unicode sparkline: one bar per value, scaled to the largest. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? BARS[0] : BARS[Math.round((v / max) * (BARS.length - 1))])).join('');
}

/** "2026-02-16 to 2026-03-18 (31 days, since the meeting of 2026-02-16)". */
export function periodLine(report: Report): string {
  const { since, until, days, basis, lastMeeting } = report.period;
  const why =
    basis === 'last-meeting' ? `since the meeting of ${lastMeeting}` : basis === 'default' ? `the last ${days} days` : 'as asked';
  return `${report.team ? `team ${report.team}, ` : ''}${since} to ${until} (${countOf(days, 'day', 'days')}, ${why}); compared with ${report.period.previous.since} to ${report.period.previous.until}`;
}

/** Figures in words: "5 stories · 3 people · star share 40%". */
function figuresLine(f: { evidence: number; spread: number; starShare: number }): string {
  const parts = [`${f.evidence} stor${f.evidence === 1 ? 'y' : 'ies'}`, `${f.spread} ${f.spread === 1 ? 'person' : 'people'}`];
  if (f.evidence > 0) parts.push(`star share ${percent(f.starShare)}`);
  return parts.join(' · ');
}

/** A practice's figures of the period in words: "this period: 5 stories · 3 people · star share 40%". */
export function practiceLine(p: Report['practices'][number]): string {
  return `this period: ${figuresLine(p)}`;
}

/** Its all-time figures, where the report read them: "all time: 9 stories · 7 people · star share 22% (Sam)". */
export function allTimeLine(p: Report['practices'][number]): string {
  if (!p.allTime) return '';
  return `all time: ${figuresLine(p.allTime)}${p.allTime.star ? ` (${p.allTime.star.person})` : ''}`;
}

/** A practice's figures: the period's, then the all-time ones where they were read. */
export function practiceFiguresLine(p: Report['practices'][number]): string {
  return [practiceLine(p), allTimeLine(p)].filter(Boolean).join('; ');
}

/** The flags a practice earns: drifting, star-dependent (named by its all-time star, as every command names it). */
export function practiceFlags(p: Report['practices'][number]): string[] {
  const flags: string[] = [];
  if (p.drifting) flags.push('drifting');
  const star = (p.allTime ?? p).star;
  if (p.starDependent && p.evidence > 0) flags.push(`star-dependent${star ? ` (${star.person})` : ''}`);
  return flags;
}

/** Attribute tag → words: "positive-demeanor" → "positive demeanor"; SERVQUAL's assurance is knowledge. */
export function attributeLabel(attribute: string): string {
  return attribute === 'assurance' ? 'assurance (knowledge)' : attribute.replace(/-/g, ' ');
}

/** The title of every format. */
export const REPORT_TITLE = 'Service report';

/** Section titles, shared by every format so they stay the same. */
export const SECTION = {
  headline: 'Headline',
  stories: 'Stories to read aloud',
  triggers: 'What the stories responded to',
  practices: 'Practices',
  qualities: 'Qualities perceived',
  training: 'Training',
  candidates: 'Practices not yet agreed',
  interviews: 'What customers told us',
  agenda: 'Suggested agenda',
} as const;

/** Interview completion of one interviewer in words. */
export function completionLine(row: Report['interviews']['interviewers'][number]): string {
  return `${row.done} done, ${row.declined} declined, ${row.planned} planned (${percent(row.completion)})`;
}

/** A drift alert in words. */
export function driftLine(name: string, report: Report): string {
  return `"${name}" is a standard but has had no evidence for ${report.period.driftWeeks} weeks`;
}

/** A star-dependency risk in words (seed 001: a culture, or one star's random acts?). */
export function riskLine(risk: Report['starDependent'][number]): string {
  return `"${risk.practice}" depends on ${risk.star ?? 'one person'} (over all time: spread ${risk.spread}, star share ${percent(risk.share)})`;
}

/** The triggers worth a row: the three kinds always, "unknown" only when it happened. */
export function shownTriggers(report: Report): Report['triggers'] {
  return report.triggers.filter((t) => t.trigger !== 'unknown' || t.current > 0 || t.previous > 0);
}

/** "3 interviews done, 1 declined, 2 planned". */
export function interviewsLine(iv: Report['interviews']): string {
  return `${iv.done} interviews done, ${iv.declined} declined, ${iv.planned} planned`;
}

/**
 * A first report: nothing was recorded in the period before, so every comparison would
 * read "was 0 %" or "+N (none before)". Such a report shows figures without changes.
 */
export function isFirstReport(report: Report): boolean {
  return report.headline.stories.previous === 0 && report.headline.peopleWithStories.previous === 0;
}

/** A change in words a reader can say aloud: "up 3", "down 2", "no change", or "new" when there was none before. */
export function changeWords(
  figure: Pick<Compared, 'current' | 'previous'>,
  unit = '',
): { words: string; direction: 'up' | 'down' | 'same' | 'new' } {
  const delta = figure.current - figure.previous;
  // A share of people or stories rises from 0 %; only a count can be new.
  if (figure.previous === 0 && figure.current > 0 && unit === '') return { words: 'new', direction: 'new' };
  if (delta === 0) return { words: 'no change', direction: 'same' };
  return { words: `${delta > 0 ? 'up' : 'down'} ${Math.abs(delta)}${unit}`, direction: delta > 0 ? 'up' : 'down' };
}

/** "was 42 %" for a share in the previous period; nothing on a first report, where every share "was 0 %". */
export function previousShare(report: Report, share: number): string {
  return isFirstReport(report) ? '' : `was ${percent(share)}`;
}
