// The search snippet on PostgreSQL is cut from the matched words PostgreSQL marks, the way
// FTS5 cuts its own. Here the marks come from FTS5's highlight(), so the cut can be checked
// against FTS5's snippet() on the same rows: byte for byte.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../src/core/search.ts';
import { snippetFromMarked } from '../../src/store/postgres/snippet.ts';

const markers = { start: '\u0002', end: '\u0003' };
let db: Database.Database;

beforeAll(() => {
  db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, text, impact, tokenize = 'porter unicode61 remove_diacritics 2')`);
});
afterAll(() => db.close());

const LONG =
  'Ana took the call at nine in the evening. The outage had been fixed, but the family business still could not print invoices: ' +
  'she walked the owner through the restore, step by step, and stayed on the line until the first invoice came out. ' +
  'The next morning she called again to check that everything still worked; it did, and the owner wrote to thank her.';

function both(row: { title: string | null; text: string; impact: string | null }, query: string): { fts5: string; ours: string } {
  db.exec('DELETE FROM t');
  db.prepare('INSERT INTO t (title, text, impact) VALUES (?, ?, ?)').run(row.title, row.text, row.impact);
  const found = db
    .prepare(
      `SELECT snippet(t, -1, ?, ?, '…', 16) AS snippet, highlight(t, 0, ?, ?) AS title, highlight(t, 1, ?, ?) AS text, highlight(t, 2, ?, ?) AS impact
         FROM t WHERE t MATCH ?`,
    )
    .get(...Array(4).fill([markers.start, markers.end]).flat(), toFtsQuery(query)) as { snippet: string; title: string | null; text: string; impact: string | null } | undefined;
  if (!found) throw new Error(`no match for ${query}`);
  return { fts5: found.snippet, ours: snippetFromMarked([found.title ?? '', found.text, found.impact ?? ''], markers) };
}

describe('the search snippet cut from marked words', () => {
  const cases: Array<[string, { title: string | null; text: string; impact: string | null }, string]> = [
    ['a short text, whole', { title: null, text: 'Bo calls back every customer.', impact: null }, 'calls'],
    ['a match at the start of a long text', { title: null, text: LONG, impact: null }, 'ana'],
    ['a match in the middle, centred', { title: null, text: LONG, impact: null }, 'restore'],
    ['two words close together', { title: null, text: LONG, impact: null }, 'morning check'],
    ['a sentence start preferred', { title: null, text: LONG, impact: null }, 'outage'],
    ['a match near the end', { title: null, text: LONG, impact: null }, 'thank'],
    ['a word repeated', { title: null, text: LONG, impact: null }, 'owner'],
    ['a prefix', { title: null, text: LONG, impact: null }, 'invoic*'],
    ['the title when it holds the words', { title: 'Late call', text: LONG, impact: 'relieved' }, 'late'],
    ['the impact', { title: 'Late call', text: LONG, impact: 'The owner was relieved and could bill again.' }, 'relieved'],
    ['the column with more distinct words', { title: 'Owner called', text: LONG, impact: null }, 'owner printed invoices'],
    ['punctuation and accents kept', { title: null, text: '“Café” — Zoë said: it’s fixed!! (really) ... and more words here to pass sixteen of them in all, surely now', impact: null }, 'cafe'],
    ['colons and full stops start sentences', { title: null, text: 'One two three four five six seven eight nine ten. Eleven twelve: thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone', impact: null }, 'seventeen'],
  ];
  for (const [name, row, query] of cases) {
    it(`matches FTS5's own snippet: ${name}`, () => {
      const { fts5, ours } = both(row, query);
      expect(ours).toBe(fts5);
    });
  }

  it('marks every matched word and cuts with an ellipsis on both sides in a long text', () => {
    const { ours } = both({ title: null, text: LONG, impact: null }, 'restore');
    expect(ours.startsWith('…')).toBe(true);
    expect(ours.endsWith('…')).toBe(true);
    expect(ours).toContain('\u0002restore\u0003');
  });
});
