import type { DueItem } from '../../core/rhythm.ts';
import type { StatusLine } from '../../core/status.ts';
import type { Palette } from '../color.ts';
import { oneLine } from '../text.ts';

/**
 * One aligned line per stage: "detect  4 candidates waiting — svc detect --review"; then the
 * listening line, further sections (lines, each starting with a blank one) and what is due.
 */
export function renderStatus(
  stages: readonly StatusLine[],
  c: Palette,
  rhythm?: { listening: { figure: string; next: string }; due: readonly DueItem[] },
  sections: readonly string[] = [],
): string {
  const lines = [...stages.map((line) => ({ stage: line.stage as string, figure: line.figure, next: line.next })), ...(rhythm ? [{ stage: 'listen', ...rhythm.listening }] : [])];
  const width = Math.max(...lines.map((line) => line.stage.length));
  const out = lines.map((line) => `${c.bold(line.stage.padEnd(width))}  ${line.figure} ${c.dim('—')} ${c.cyan(line.next)}`);
  out.push(...sections);
  // Practice and people names are stored text: no control character of theirs reaches the terminal.
  if (rhythm?.due.length) out.push('', c.bold('due'), ...rhythm.due.map((item) => `  ${oneLine(item.text)} ${c.dim('—')} ${c.cyan(oneLine(item.command))}`));
  return out.join('\n');
}
