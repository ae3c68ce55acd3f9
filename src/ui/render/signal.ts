import type { Signal } from '../../core/signal.ts';
import type { Look } from '../look.ts';
import { formatDay } from '../format.ts';
import { renderTable } from '../table.ts';
import { oneLine } from '../text.ts';

/** Signals as a table on a terminal, TSV otherwise. */
export function signalTable(signals: readonly Signal[], look: Look): string {
  const rows = signals.map((s) => [s.id, formatDay(s.on, look.now, look.tty), oneLine(s.measure), String(s.value), s.practice === null ? `story #${s.storyId ?? ''}` : oneLine(s.practice)]);
  return renderTable(['id', 'date', 'measure', 'value', 'about'], rows, { tty: look.tty, head: (text) => look.color.bold(text) });
}
