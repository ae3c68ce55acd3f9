import { describe, expect, it } from 'vitest';
import { displayWidth, fitColumns, tableWidth } from '../../src/ui/fit.ts';
import { renderTable } from '../../src/ui/table.ts';
import { truncate } from '../../src/ui/text.ts';

describe('fitColumns', () => {
  const headers = ['id', 'practice', 'story'];
  const rows = [['1', 'Call back the same day', 'Ana called the customer back within the hour with the fix he needed']];

  it('keeps each column as wide as its content when the table fits', () => {
    expect(fitColumns(headers, rows, 200)).toEqual([4, 24, rows[0]![2]!.length + 2]);
  });

  it('narrows the widest columns until the table fits, never below a header word', () => {
    const widths = fitColumns(headers, rows, 60);
    expect(tableWidth(widths)).toBeLessThanOrEqual(60);
    expect(widths[0]).toBe(4);
    expect(Math.min(...widths.slice(1))).toBeGreaterThanOrEqual(8);
  });

  it('respects a column cap', () => {
    expect(fitColumns(headers, rows, 200, [null, 10, 30])).toEqual([4, 10, 30]);
  });

  it('counts wide characters and colour codes as a terminal shows them', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('\u001b[1mbold\u001b[22m')).toBe(4);
  });

  it('draws a terminal table no wider than asked', () => {
    const out = renderTable(headers, rows, { tty: true, width: 50 });
    for (const line of out.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(50);
  });
});

describe('truncate', () => {
  it('cuts at a word boundary', () => {
    expect(truncate('Ana called the customer back within the hour', 20)).toBe('Ana called the…');
  });

  it('cuts inside a word only when the last boundary is too far back', () => {
    expect(truncate('Supercalifragilistic words', 12)).toBe('Supercalifr…');
    expect(truncate('short', 20)).toBe('short');
  });
});
