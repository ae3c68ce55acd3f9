import type { Story } from '../../core/story.ts';
import type { Look } from '../look.ts';
import { formatDay } from '../format.ts';
import { neutralize, oneLine } from '../text.ts';

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
