import type { SelfAssessmentSection } from '../../../core/perception.ts';
import type { Palette } from '../../color.ts';
import { escapeHtml as e, escapeMarkdown } from '../../escape.ts';
import { oneLine } from '../../text.ts';

export const SELF_ASSESSMENT_TITLE = 'How we see ourselves, beside stories and customers';

/** The rows of the three views: attribute, our rating, stories, customers' mentions. */
function perceptionRows(section: SelfAssessmentSection): string[][] {
  const calls = section.perception.calls;
  return section.perception.attributes.map((row) => [
    row.attribute,
    row.rating === null ? '—' : `${row.rating.toFixed(1)} of 5`,
    String(row.stories),
    `${row.mentions} of ${calls} call${calls === 1 ? '' : 's'}`,
  ]);
}

const HEADERS = ['attribute', 'we rate it', 'stories show it', 'customers mentioned it'];

/** The round line: team figures only, and only where enough answered. */
function roundLine(section: SelfAssessmentSection): string {
  if (!section.round) return `No closed self-assessment round with ${section.minAnswering} or more answers yet (svc assess).`;
  return `Self-assessment of ${section.round.openedOn}: ${section.round.took} people answered; team means only, shown where ${section.minAnswering} or more answered.`;
}

function questionLines(section: SelfAssessmentSection): string[] {
  return (section.round?.questions ?? []).filter((q) => q.mean !== null).map((q) => `${q.mean?.toFixed(1)}  ${q.text}`);
}

export function selfAssessmentText(section: SelfAssessmentSection, c: Palette): string[] {
  const out = ['', c.bold(SELF_ASSESSMENT_TITLE), `  ${roundLine(section)}`];
  for (const line of questionLines(section)) out.push(`  ${oneLine(line)}`);
  const width = Math.max(...HEADERS.map((h) => h.length));
  out.push(`  ${HEADERS.map((h) => h.padEnd(width)).join('  ')}`.trimEnd());
  for (const row of perceptionRows(section)) out.push(`  ${row.map((cell) => cell.padEnd(width)).join('  ')}`.trimEnd());
  for (const gap of section.perception.gaps) out.push(`  ${c.yellow(`gap: ${gap}`)}`);
  return out;
}

export function selfAssessmentMarkdown(section: SelfAssessmentSection): string[] {
  const md = (text: string) => escapeMarkdown(oneLine(text));
  const out = ['', `## ${SELF_ASSESSMENT_TITLE}`, '', md(roundLine(section))];
  const questions = questionLines(section);
  if (questions.length) out.push('', ...questions.map((line) => `- ${md(line)}`));
  out.push('', `| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`, ...perceptionRows(section).map((r) => `| ${r.map(md).join(' | ')} |`));
  if (section.perception.gaps.length) out.push('', ...section.perception.gaps.map((gap) => `- **Gap:** ${md(gap)}`));
  return out;
}

/** The section's body; the page gives it its heading. */
export function selfAssessmentHtml(section: SelfAssessmentSection): string {
  const questions = questionLines(section);
  return (
    `<p>${e(roundLine(section))}</p>` +
    (questions.length ? `<ul>${questions.map((q) => `<li>${e(q)}</li>`).join('')}</ul>` : '') +
    `<table><thead><tr>${HEADERS.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>` +
    perceptionRows(section)
      .map((r) => `<tr>${r.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`)
      .join('') +
    `</tbody></table>` +
    (section.perception.gaps.length ? `<ul class="gaps">${section.perception.gaps.map((g) => `<li>${e(g)}</li>`).join('')}</ul>` : '')
  );
}
