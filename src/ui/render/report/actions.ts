import type { Report } from '../../../core/report.ts';
import type { Palette } from '../../color.ts';
import { oneLine } from '../../text.ts';
import { escapeHtml as e, escapeMarkdown } from '../../escape.ts';

export const ACTIONS_TITLE = 'Actions we are following';

type Actions = NonNullable<Report['actions']>;

function lines(actions: Actions): string[] {
  const open = actions.open.map((a) => `#${a.id} ${a.overdue ? 'OVERDUE ' : ''}${a.text} (${a.owner ?? 'no owner'}, due ${a.dueOn})`);
  const done = actions.doneInPeriod.map((a) => `#${a.id} done on ${a.doneOn ?? ''}: ${a.text}`);
  return [...open, ...done];
}

export function actionsText(actions: Actions, c: Palette): string[] {
  const shown = lines(actions);
  return ['', c.bold(ACTIONS_TITLE), ...(shown.length ? shown.map((l) => `  ${oneLine(l)}`) : ['  None open.'])];
}

export function actionsMarkdown(actions: Actions): string[] {
  const shown = lines(actions);
  return ['', `## ${ACTIONS_TITLE}`, '', ...(shown.length ? shown.map((l) => `- ${escapeMarkdown(oneLine(l))}`) : ['None open.'])];
}

/** The section's body; the page gives it its heading. */
export function actionsHtml(actions: Actions): string {
  const shown = lines(actions);
  return shown.length ? `<ul>${shown.map((l) => `<li>${e(l)}</li>`).join('')}</ul>` : '<p>None open.</p>';
}
