import type { PracticeOutcome } from '../../../core/perception.ts';
import { trendLine, type SignalTrend } from '../../../core/signal.ts';
import type { Palette } from '../../color.ts';
import { escapeHtml as e, escapeMarkdown } from '../../escape.ts';
import { oneLine } from '../../text.ts';

export const OUTCOMES_TITLE = 'What customers confirmed, and the figures we keep';

/** Each practice's lines: its stories, the customers' words that confirm it, its signals' trends (each with its trend). */
function practiceLines(outcome: PracticeOutcome): { heading: string; lines: Array<{ text: string; trend?: SignalTrend }> } {
  const stories = outcome.stories === null ? '' : `${outcome.stories} ${outcome.stories === 1 ? 'story' : 'stories'} this period`;
  const confirmed = outcome.confirms.length ? `confirmed in ${outcome.confirms.length} call${outcome.confirms.length === 1 ? '' : 's'}` : '';
  return {
    heading: `${outcome.practice}${[stories, confirmed].some(Boolean) ? `: ${[stories, confirmed].filter(Boolean).join('; ')}` : ''}`,
    lines: [
      ...outcome.confirms.map((c) => ({ text: `customer (interview #${c.interviewId}, ${c.heldOn}): "${c.answer ?? ''}"` })),
      ...outcome.signals.map((trend) => ({ text: `signal: ${trendLine(trend)}`, trend })),
    ],
  };
}

export function outcomesText(outcomes: readonly PracticeOutcome[], c: Palette): string[] {
  const out = ['', c.bold(OUTCOMES_TITLE)];
  for (const outcome of outcomes) {
    const { heading, lines } = practiceLines(outcome);
    out.push(`  ${oneLine(heading)}`, ...lines.map((l) => `    ${oneLine(l.text)}`));
  }
  return out;
}

export function outcomesMarkdown(outcomes: readonly PracticeOutcome[]): string[] {
  const md = (text: string) => escapeMarkdown(oneLine(text));
  const out = ['', `## ${OUTCOMES_TITLE}`, ''];
  for (const outcome of outcomes) {
    const { heading, lines } = practiceLines(outcome);
    out.push(`- **${md(heading)}**`, ...lines.map((l) => `  - ${md(l.text)}`));
  }
  return out;
}

/** A measure's monthly means as a small line, lowest to highest mean filling the height; none with one month. */
function trendSvg(trend: SignalTrend): string {
  const means = trend.points.map((p) => p.mean);
  if (means.length < 2) return '';
  const [width, height, pad] = [120, 32, 4];
  const low = Math.min(...means);
  const span = Math.max(...means) - low || 1;
  const points = means.map((m, i) => `${(pad + (i * (width - 2 * pad)) / (means.length - 1)).toFixed(1)},${(height - pad - ((m - low) / span) * (height - 2 * pad)).toFixed(1)}`);
  return (
    ` <svg class="trend" role="img" aria-label="${e(trendLine(trend))}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<title>${e(trendLine(trend))}</title><polyline fill="none" stroke="#1f4e79" stroke-width="2" points="${points.join(' ')}"/></svg>`
  );
}

/** The section's body; the page gives it its heading. */
export function outcomesHtml(outcomes: readonly PracticeOutcome[]): string {
  return `<ul>${outcomes
    .map((outcome) => {
      const { heading, lines } = practiceLines(outcome);
      const items = lines.map((l) => `<li>${e(l.text)}${l.trend ? trendSvg(l.trend) : ''}</li>`);
      return `<li><strong>${e(heading)}</strong>${items.length ? `<ul>${items.join('')}</ul>` : ''}</li>`;
    })
    .join('')}</ul>`;
}
