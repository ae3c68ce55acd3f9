import { assignmentLine, unreadLine, type PersonProgramme, type Programme } from '../../core/programme.ts';
import type { Section } from './document.ts';
import type { Palette } from '../color.ts';
import type { Look } from '../look.ts';
import { formatDay } from '../format.ts';
import { oneLine } from '../text.ts';

/** The training programme under `svc status`: open assignments (overdue first) and procedures not yet read; nothing when all is done. */
export function programmeLines(programme: Programme, c: Palette, title = 'training programme'): string[] {
  if (programme.open.length === 0 && programme.unread.length === 0) return [];
  const out = ['', c.bold(title)];
  if (programme.open.length) {
    out.push(`  ${programme.open.length} open ${programme.open.length === 1 ? 'assignment' : 'assignments'}, ${programme.overdue} overdue ${c.dim('—')} ${c.cyan('svc train log PRACTICE --people NAMES')}`);
    for (const a of programme.open) out.push(`  ${a.state === 'overdue' ? c.yellow(oneLine(assignmentLine(a))) : oneLine(assignmentLine(a))}`);
  }
  for (const u of programme.unread) out.push(`  ${oneLine(unreadLine(u))} ${c.dim('—')} ${c.cyan('svc practice ack NAME --as PERSON')}`);
  return out;
}

/** A person's training under `svc people show`: sessions attended, assignments, procedures read. */
export function personProgrammeText(programme: PersonProgramme, look: Look): string {
  const c = look.color;
  const day = (d: string) => formatDay(d, look.now, look.tty);
  let out = `\n${c.bold('Trainings attended')}\n`;
  out += programme.trainings.length
    ? programme.trainings.map((t) => `  ${day(t.heldOn)}  ${oneLine(t.practice)}${t.facilitator ? c.dim(`, led by ${oneLine(t.facilitator)}`) : ''}\n`).join('')
    : '  none yet\n';
  if (programme.assignments.length) {
    out += `\n${c.bold('Training assignments')}\n`;
    out += programme.assignments
      .map((a) => {
        const state = a.state === 'done' ? c.green(`done ${a.doneOn}`) : a.state === 'overdue' ? c.yellow(`overdue ${a.daysOverdue} d`) : 'open';
        return `  ${oneLine(a.practice)}, due ${a.dueOn}: ${state}\n`;
      })
      .join('');
  }
  if (programme.acknowledgements.length) {
    out += `\n${c.bold('Procedures read')}\n`;
    out += programme.acknowledgements
      .map((k) => `  ${oneLine(k.practice)} v${k.version}${k.current ? '' : c.yellow(' (a newer version is waiting)')}\n`)
      .join('');
  }
  return out;
}

export const PROGRAMME_TITLE = 'Training programme';

/** The report's programme section in Markdown, nothing when all is done; `md` escapes stored text. */
export function programmeMarkdown(programme: Programme, md: (text: string) => string): string[] {
  if (programme.open.length === 0 && programme.unread.length === 0) return [];
  const out = ['', `### ${PROGRAMME_TITLE}`, ''];
  if (programme.open.length) {
    out.push(`${programme.open.length} open, ${programme.overdue} overdue, ${programme.done} done.`, '');
    out.push('| person | practice | due | state |', '| --- | --- | --- | --- |');
    for (const a of programme.open) out.push(`| ${md(a.person)} | ${md(a.practice)} | ${a.dueOn} | ${a.state === 'overdue' ? `**overdue ${a.daysOverdue} d**` : 'open'} |`);
  }
  for (const u of programme.unread) out.push('', `- ${md(unreadLine(u))}`);
  return out;
}

/** Whether the programme has anything to show: the report leaves its section out otherwise. */
export function hasProgramme(programme: Programme | undefined): programme is Programme {
  return programme !== undefined && (programme.open.length > 0 || programme.unread.length > 0);
}

/** The report's programme section in HTML; `e` escapes stored text. */
export function programmeHtml(programme: Programme, e: (text: string) => string): string {
  const rows = programme.open
    .map((a) => `<tr class="${a.state}"><td>${e(a.person)}</td><td>${e(a.practice)}</td><td>${e(a.dueOn)}</td><td>${a.state === 'overdue' ? `<strong>overdue ${a.daysOverdue} d</strong>` : 'open'}</td></tr>`)
    .join('');
  return (
    (programme.open.length
      ? `<p>${programme.open.length} open, ${programme.overdue} overdue, ${programme.done} done.</p><table><thead><tr><th>person</th><th>practice</th><th>due</th><th>state</th></tr></thead><tbody>${rows}</tbody></table>`
      : '') + programme.unread.map((u) => `<p class="unread">${e(unreadLine(u))}</p>`).join('')
  );
}

/** The programme as a document section (the digest): open assignments, overdue first, and procedures not yet read. */
export function programmeSection(programme: Programme): Section {
  const items = [...programme.open.map(assignmentLine), ...programme.unread.map(unreadLine)];
  return {
    role: 'programme',
    title: PROGRAMME_TITLE,
    blocks: [
      ...(programme.overdue ? [{ kind: 'warning' as const, text: `${programme.overdue} overdue ${programme.overdue === 1 ? 'assignment' : 'assignments'}: svc train log PRACTICE --people NAMES` }] : []),
      items.length ? { kind: 'list' as const, items } : { kind: 'paragraph' as const, text: 'Every assignment is done and every current procedure read.' },
    ],
  };
}
