import type { PracticeOutcome } from '../../../core/perception.ts';
import { trendLine } from '../../../core/signal.ts';
import type { Palette } from '../../color.ts';
import { escapeHtml as e, escapeMarkdown } from '../../escape.ts';
import { oneLine } from '../../text.ts';

export const OUTCOMES_TITLE = 'What customers confirmed, and the figures we keep';

/** Each practice's lines: its stories, the customers' words that confirm it, its signals' trends. */
function practiceLines(outcome: PracticeOutcome): { heading: string; lines: string[] } {
  const stories = outcome.stories === null ? '' : `${outcome.stories} ${outcome.stories === 1 ? 'story' : 'stories'} this period`;
  const confirmed = outcome.confirms.length ? `confirmed in ${outcome.confirms.length} call${outcome.confirms.length === 1 ? '' : 's'}` : '';
  return {
    heading: `${outcome.practice}${[stories, confirmed].some(Boolean) ? `: ${[stories, confirmed].filter(Boolean).join('; ')}` : ''}`,
    lines: [
      ...outcome.confirms.map((c) => `customer (interview #${c.interviewId}, ${c.heldOn}): "${c.answer ?? ''}"`),
      ...outcome.signals.map((t) => `signal: ${trendLine(t)}`),
    ],
  };
}

export function outcomesText(outcomes: readonly PracticeOutcome[], c: Palette): string[] {
  const out = ['', c.bold(OUTCOMES_TITLE)];
  for (const outcome of outcomes) {
    const { heading, lines } = practiceLines(outcome);
    out.push(`  ${oneLine(heading)}`, ...lines.map((l) => `    ${oneLine(l)}`));
  }
  return out;
}

export function outcomesMarkdown(outcomes: readonly PracticeOutcome[]): string[] {
  const md = (text: string) => escapeMarkdown(oneLine(text));
  const out = ['', `## ${OUTCOMES_TITLE}`, ''];
  for (const outcome of outcomes) {
    const { heading, lines } = practiceLines(outcome);
    out.push(`- **${md(heading)}**`, ...lines.map((l) => `  - ${md(l)}`));
  }
  return out;
}

/** The section's body; the page gives it its heading. */
export function outcomesHtml(outcomes: readonly PracticeOutcome[]): string {
  return `<ul>${outcomes
    .map((outcome) => {
      const { heading, lines } = practiceLines(outcome);
      return `<li><strong>${e(heading)}</strong>${lines.length ? `<ul>${lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>` : ''}</li>`;
    })
    .join('')}</ul>`;
}
