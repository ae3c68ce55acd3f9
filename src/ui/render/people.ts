import type { PersonProgramme } from '../../core/programme.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { formatDay } from '../format.ts';
import { oneLine } from '../text.ts';
import { personProgrammeText } from './programme.ts';

/** A line of `svc people`. */
export interface PersonLine {
  id: number;
  name: string;
  role: string | null;
  stories: number;
  lastStoryOn: string | null;
  active: boolean;
}

/** `svc people`: on a terminal the id comes first, to type instead of the name; scripts keep their columns. */
export function peopleTable(people: readonly PersonLine[], look: Look): string {
  // Deactivated people keep their stories; a column says so only when there are some.
  const anyInactive = people.some((p) => !p.active);
  const rows = people.map((p) => [
    ...(look.tty ? [`#${p.id}`] : []),
    p.name,
    p.role,
    p.stories,
    p.lastStoryOn ? formatDay(p.lastStoryOn, look.now, look.tty) : '',
    ...(anyInactive ? [p.active ? '' : 'deactivated'] : []),
  ]);
  const head = [...(look.tty ? ['id'] : []), 'name', 'role', 'stories', 'last story', ...(anyInactive ? [''] : [])];
  return renderTable(head, rows, { tty: look.tty, width: look.width, head: (t) => look.color.bold(t) });
}

/** `svc teams`: each team, the team it belongs to, its people and leaders. */
export function teamTable(teams: ReadonlyArray<{ name: string; parent: string | null; people: string[]; leaders: string[] }>, look: Look): string {
  return renderTable(
    ['team', 'inside', 'people', 'leaders'],
    teams.map((t) => [t.name, t.parent ?? '', t.people.join(', '), t.leaders.join(', ')]),
    { tty: look.tty, head: (t) => look.color.bold(t) },
  );
}

/** What `svc people show` tells of a person: a skills inventory drawn from their stories, and their training. */
export interface PersonSkills extends PersonProgramme {
  name: string;
  role: string | null;
  team: string | null;
  leader: boolean;
  stories: number;
  lastStoryOn: string | null;
  practices: ReadonlyArray<{ practice: string; status: string; stories: number; firstOn: string; lastOn: string; couldCoach: boolean }>;
  tags: ReadonlyArray<{ tag: string; stories: number }>;
  coaches: readonly string[];
}

export function personText(view: PersonSkills, look: Look): string {
  const c = look.color;
  const day = (d: string) => formatDay(d, look.now, look.tty);
  const place = [view.role, view.team && `team ${view.team}`, view.leader && 'leader'].filter((part): part is string => Boolean(part));
  let out = `${c.bold(oneLine(view.name))}${place.map((part) => c.dim(` · ${oneLine(part)}`)).join('')}\n`;
  out += `${view.stories} ${view.stories === 1 ? 'story' : 'stories'}${view.lastStoryOn ? `, latest ${day(view.lastStoryOn)}` : ''}\n`;
  out += `\n${c.bold('Practices shown in their stories')}\n`;
  out += view.practices.length
    ? renderTable(
        ['practice', 'status', 'stories', 'first', 'latest', 'could coach'],
        view.practices.map((p) => [p.practice, p.status, p.stories, day(p.firstOn), day(p.lastOn), p.couldCoach ? 'yes' : '']),
        { tty: look.tty, head: (t) => c.bold(t) },
      )
    : '  none yet\n';
  out += `\n${c.bold('Tags on their stories')}\n`;
  out += view.tags.length ? `  ${view.tags.map((t) => `#${oneLine(t.tag)} (${t.stories})`).join('  ')}\n` : '  none\n';
  if (view.coaches.length) {
    out += `\n${c.bold('Could coach')} ${c.dim('(they show it; most colleagues do not yet)')}\n`;
    out += view.coaches.map((p) => `  ${oneLine(p)}\n`).join('');
  }
  out += personProgrammeText(view, look);
  return out.trimEnd();
}
