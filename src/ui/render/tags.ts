import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { formatDay } from '../format.ts';

/** `svc tags`: each tag with its stories, when it was last used, and whether the default taxonomy brought it. */
export function tagTable(tags: ReadonlyArray<{ name: string; stories: number; lastUsedOn: string | null; builtin: boolean }>, look: Look): string {
  const rows = tags.map((t) => [t.name, t.stories, t.lastUsedOn ? formatDay(t.lastUsedOn, look.now, look.tty) : '', t.builtin ? 'default taxonomy' : '']);
  return renderTable(['tag', 'stories', 'last used', ''], rows, { tty: look.tty, head: (t) => look.color.bold(t) });
}
