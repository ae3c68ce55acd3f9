import { personProgramme } from '../../../app/training-programme.ts';
import { toDay } from '../../../core/dates.ts';
import { personProgrammeText } from '../../../ui/render/programme.ts';
import { personView } from '../../../app/people.ts';
import { renderTable } from '../../../ui/table.ts';
import { formatDay } from '../../../ui/format.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const store = ctx.store();
  const person = personView(store, { name: String(options.args[0] ?? '') });
  const view = { ...person, ...personProgramme(store, person.id, toDay(ctx.now())) };
  const { practices, tags } = view;
  if (options.json) {
    ctx.print(JSON.stringify(view, null, 2));
    return;
  }
  const look = ctx.look();
  const c = look.color;
  const day = (d: string) => formatDay(d, look.now, look.tty);
  const place = [person.role, person.team && `team ${person.team}`, view.leader && 'leader'].filter((part): part is string => Boolean(part));
  let out = `${c.bold(oneLine(person.name))}${place.map((part) => c.dim(` · ${oneLine(part)}`)).join('')}\n`;
  out += `${view.stories} ${view.stories === 1 ? 'story' : 'stories'}${view.lastStoryOn ? `, latest ${day(view.lastStoryOn)}` : ''}\n`;
  out += `\n${c.bold('Practices shown in their stories')}\n`;
  out += practices.length
    ? renderTable(
        ['practice', 'status', 'stories', 'first', 'latest', 'could coach'],
        practices.map((p) => [p.practice, p.status, p.stories, day(p.firstOn), day(p.lastOn), p.couldCoach ? 'yes' : '']),
        { tty: look.tty, head: (t) => c.bold(t) },
      )
    : '  none yet\n';
  out += `\n${c.bold('Tags on their stories')}\n`;
  out += tags.length ? `  ${tags.map((t) => `#${oneLine(t.tag)} (${t.stories})`).join('  ')}\n` : '  none\n';
  if (view.coaches.length) {
    out += `\n${c.bold('Could coach')} ${c.dim('(they show it; most colleagues do not yet)')}\n`;
    out += view.coaches.map((p) => `  ${oneLine(p)}\n`).join('');
  }
  out += personProgrammeText(view, look);
  ctx.print(out.trimEnd());
}
