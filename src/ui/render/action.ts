import type { ActionView } from '../../core/action.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { oneLine } from '../text.ts';

/** The documented JSON shape of an action. */
export function actionJson(action: ActionView): Record<string, unknown> {
  return { ...action };
}

/** Actions as a table: overdue ones marked. */
export function actionTable(actions: readonly ActionView[], look: Look): string {
  const rows = actions.map((a) => [a.id, a.status === 'done' ? `done ${a.doneOn ?? ''}` : a.overdue ? 'overdue' : 'open', a.dueOn, a.owner, a.text, a.sources.map((s) => `#${s.interviewId}`).join(' ')]);
  return renderTable(['id', 'status', 'due', 'owner', 'action', 'interviews'], rows, {
    tty: look.tty,
    head: (text) => look.color.bold(text),
    style: (text, _row, column) => (column === 1 && text === 'overdue' ? look.color.yellow(text) : text),
  });
}

/** One action and the answers it came from. */
export function actionDetail(a: ActionView, look: Look): string {
  const lines = [
    `${look.color.bold(`action #${a.id}`)}  ${oneLine(a.text)}`,
    `owner   ${oneLine(a.owner ?? '—')}`,
    `due     ${a.dueOn}${a.overdue ? ` ${look.color.yellow('(overdue)')}` : ''}`,
    `status  ${a.status}${a.doneOn ? ` on ${a.doneOn}` : ''}`,
  ];
  for (const s of a.sources) lines.push(`from    interview #${s.interviewId} with ${oneLine(s.customer)}${s.heldOn ? ` on ${s.heldOn}` : ''}: would change "${oneLine(s.change ?? '')}"`);
  return lines.join('\n');
}
