import type { Look } from '../look.ts';
import { renderTableBlock } from '../table.ts';

/** `svc import`: per table, the records added, updated and skipped. */
export function importTable(tables: ReadonlyArray<{ table: string; added: number; updated: number; skipped: number }>, look: Look): string {
  const rows = tables.map((t) => [t.table.replaceAll('_', ' '), t.added, t.updated, t.skipped]);
  return renderTableBlock(['records', 'added', 'updated', 'skipped'], rows, { tty: look.tty, head: (t) => look.color.bold(t) });
}

/** `svc db copy`: per table, the rows copied (the same count in source and target). */
export function copyTable(tables: ReadonlyArray<{ table: string; rows: number }>, look: Look): string {
  const rows = tables.map((t) => [t.table.replaceAll('_', ' '), t.rows]);
  return renderTableBlock(['table', 'rows'], rows, { tty: look.tty, head: (t) => look.color.bold(t) });
}
