import type { Story } from '../../core/story.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { formatDay, neutralize, oneLine, truncate } from '../text.ts';


/** The documented JSON shape of a story (README, "JSON output"). */
export function storyJson(story: Story): Record<string, unknown> {
  return { ...story };
}

/** A one-line summary for confirmations: "#12 · Ana · today · #call-back". */
export function storySummary(story: Story, look: Look): string {
  const parts = [`#${story.id}`];
  if (story.staff.length) parts.push(story.staff.map(oneLine).join(', '));
  parts.push(formatDay(story.occurredOn, look.now, look.tty));
  if (story.tags.length) parts.push(story.tags.map((t) => `#${t}`).join(' '));
  return parts.join(' · ');
}

/** The list of stories: a table on a terminal, TSV otherwise. */
export function storyTable(stories: Story[], look: Look): string {
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
    widths: look.tty ? [6, 12, 16, 10, 18, 50] : undefined,
    head: (text) => look.color.bold(text),
  });
}

/** One story in full. */
export function storyDetail(story: Story, look: Look): string {
  const c = look.color;
  const field = (label: string, value: string | null | undefined) =>
    value ? `${c.dim(label.padEnd(10))} ${neutralize(value)}\n` : '';
  let out = c.bold(`Story #${story.id}${story.title ? ` — ${oneLine(story.title)}` : ''}`) + '\n\n';
  out += `${neutralize(story.text)}\n\n`;
  out += field('date', formatDay(story.occurredOn, look.now, look.tty) + (look.tty ? ` (${story.occurredOn})` : ''));
  out += field('staff', story.staff.join(', '));
  out += field('customer', story.customer ? `${story.customer} (${story.customerKind})` : null);
  out += field('service', story.customer ? null : story.customerKind);
  out += field('channel', story.channel);
  out += field('trigger', story.trigger);
  out += field('source', story.source);
  out += field('impact', story.impact);
  out += field('tags', story.tags.map((t) => `#${t}`).join(' '));
  out += field('reported', story.reportedBy);
  return out;
}
