import type { StoryDraft } from '../../core/story.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { oneLine, truncate } from '../text.ts';

/** The rows an import would store (or stored): a table on a terminal, TSV otherwise. */
export function importTable(rows: ReadonlyArray<{ line: number; id: number | null; draft: StoryDraft }>, look: Look): string {
  return renderTable(
    ['line', 'id', 'date', 'staff', 'channel', 'tags', look.tty ? 'story' : 'text'],
    rows.map(({ line, id, draft }) => [
      line,
      id ?? '',
      draft.occurredOn,
      draft.staff.join(', '),
      draft.channel ?? '',
      draft.tags.join(' '),
      look.tty ? truncate(oneLine(draft.title ?? draft.text), 60) : oneLine(draft.text),
    ]),
    { tty: look.tty, continued: false, widths: look.tty ? [6, 6, 12, 16, 10, 14, 50] : undefined, head: (text) => look.color.bold(text) },
  );
}
