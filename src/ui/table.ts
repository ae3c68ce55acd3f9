import Table from 'cli-table3';
import { fitColumns } from './fit.ts';
import { neutralize } from './text.ts';

export interface TableOptions {
  /** On a terminal: a drawn table; otherwise tab-separated lines with a header. */
  tty: boolean;
  /** Column widths on a terminal (characters), at most; cells wrap inside them. */
  widths?: Array<number | null>;
  /** The terminal's width: the table is narrowed to fit it, its cells wrapping at words. */
  width?: number | undefined;
  head?: (text: string) => string;
  /** Colours a cell on a terminal, after its text was made safe. */
  style?: (text: string, row: number, column: number) => string;
  /** Off a terminal: rows that continue lines already printed, so no header line. */
  continued?: boolean;
}

/** Renders rows for people (a table) or for scripts (TSV), never with raw control characters. */
export function renderTable(headers: string[], rows: Array<Array<string | number | null>>, options: TableOptions): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null ? '' : neutralize(String(cell)))));
  if (!options.tty) {
    const tsv = (values: string[]) => values.map((v) => v.replace(/[\t\r\n]+/gu, ' ')).join('\t');
    return [...(options.continued ? [] : [tsv(headers)]), ...cells.map(tsv)].join('\n') + '\n';
  }
  const head = options.head ?? ((text: string) => text);
  const table = new Table({
    head: headers.map(head),
    style: { head: [], border: [] },
    // No rule between rows: long lists stay readable.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
    wrapOnWordBoundary: true,
    ...(options.width
      ? { colWidths: fitColumns(headers, cells, options.width, options.widths) }
      : options.widths
        ? { colWidths: options.widths }
        : {}),
  });
  const style = options.style;
  for (const [r, row] of cells.entries()) table.push(style ? row.map((cell, c) => style(cell, r, c)) : row);
  return table.toString() + '\n';
}

/** The table without its last line break, to join with other blocks: a TSV row's empty last field stays. */
export function renderTableBlock(headers: string[], rows: Array<Array<string | number | null>>, options: TableOptions): string {
  return renderTable(headers, rows, options).replace(/\n+$/u, '');
}
