import type { Story } from '../../core/story.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { formatDay } from '../format.ts';
import { oneLine, truncate } from '../text.ts';

// Apart from the other story renderers so that `story add`, which prints no table,
// never loads cli-table3.

/** The list of stories: a table on a terminal, TSV otherwise (`continued`: no header line). */
export function storyTable(stories: Story[], look: Look, continued = false): string {
  const rows = stories.map((story) => [
    story.id,
    formatDay(story.occurredOn, look.now, look.tty),
    story.staff.join(', '),
    story.channel ?? '',
    story.tags.join(' '),
    look.tty ? truncate(oneLine(story.title ?? story.text), 70) : oneLine(story.text),
  ]);
  return renderTable(['id', 'date', 'staff', 'channel', 'tags', look.tty ? 'story' : 'text'], rows, {
    tty: look.tty,
    continued,
    widths: look.tty ? [6, 12, 16, 10, 18, 50] : undefined,
    width: look.width,
    head: (text) => look.color.bold(text),
  });
}
