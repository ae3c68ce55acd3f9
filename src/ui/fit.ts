import stringWidth from 'string-width';

// cli-table3 pads each cell with a space either side, and draws a border between columns and at both ends.
const PADDING = 2;
// Below this a column shows too little to read; its words wrap instead.
const MIN_COLUMN = 8;

/** How many terminal columns a text takes on its widest line (colour codes and wide characters counted right). */
export function displayWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));
}

function longestWord(text: string): number {
  return Math.max(0, ...text.split(/\s+/u).map((word) => stringWidth(word)));
}

/** How wide a table of these column widths is drawn, borders included. */
export function tableWidth(widths: readonly number[]): number {
  return widths.reduce((sum, width) => sum + width, 0) + widths.length + 1;
}

/**
 * Column widths (padding included) that fit a table into `width` terminal columns: each
 * column as wide as its content (at most `caps[i]`), then the widest narrowed in turn
 * until the table fits or every column is at its minimum; narrowed cells wrap at words.
 */
export function fitColumns(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, width: number, caps: ReadonlyArray<number | null> = []): number[] {
  const widths = headers.map((header, column) => {
    const natural = Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[column] ?? ''))) + PADDING;
    return Math.min(natural, caps[column] ?? Number.POSITIVE_INFINITY);
  });
  // A column narrows down to its header's longest word: headers wrap between words too.
  const floor = headers.map((header, column) => Math.min(Math.max(MIN_COLUMN, longestWord(header) + PADDING), widths[column] ?? MIN_COLUMN));
  while (tableWidth(widths) > width) {
    let widest = -1;
    for (const [column, w] of widths.entries()) if (w > (floor[column] ?? MIN_COLUMN) && (widest < 0 || w > (widths[widest] ?? 0))) widest = column;
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  return widths;
}
