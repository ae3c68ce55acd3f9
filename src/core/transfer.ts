import { ConflictError, ValidationError } from './errors.ts';
import { messages } from './messages.ts';

/** What every export file says it is. */
export const EXPORT_FORMAT = 'svc-export';
/** The export format version this svc writes, and the newest it can read. */
export const EXPORT_VERSION = 1;
/** Import files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** The longest line of a JSONL export: far above any record svc writes (texts are capped at 20,000 characters). */
export const MAX_IMPORT_LINE_CHARS = 4 * 1024 * 1024;

/**
 * Whether a file that starts with these bytes is a JSONL export: its first line a header
 * object (as readExport tells them apart). JSONL is read a line at a time, so it may be
 * of any size; anything else is read whole, so MAX_IMPORT_BYTES applies.
 */
export function startsAsJsonl(start: Uint8Array): boolean {
  const end = start.indexOf(0x0a);
  if (end < 0) return false;
  const head = tryJson(new TextDecoder().decode(start.subarray(0, end)));
  return isObject(head) && !('data' in head);
}

/** A value in an exported row: SQLite's text, numbers and NULL. */
export type ExportValue = string | number | null;
export type ExportRow = Record<string, ExportValue>;

/** The first line of a JSONL export, and the top of a JSON one. */
export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  /** The schema version (migrations applied) of the database it came from. */
  schema: number;
  /** Whether customers' email and phone are in the file. */
  contacts: boolean;
  /** Rows per table, so a cut-off file is noticed. */
  counts: Record<string, number>;
}

/** A parsed export: its header and its rows, by table. */
export interface ExportData {
  header: ExportHeader;
  tables: Map<string, ExportRow[]>;
}

/** One row of an export, with where it was in the file (for messages). */
export interface ExportEntry {
  table: string;
  row: ExportRow;
  where: string;
}

/** An export being read: its header, then its rows one at a time, parents before children. */
export interface ExportStream {
  header: ExportHeader;
  rows: Iterable<ExportEntry>;
}

/**
 * Reads an export file (JSONL or JSON) from its bytes, arriving in chunks, checking all
 * that can be checked without a database: UTF-8, the format and its version (at once),
 * each row's shape, and, once the last row is read, that none are missing. A JSONL file
 * is read a line at a time, so a large one never sits in memory whole.
 */
export function readExport(chunks: Iterable<Uint8Array>, name: string): ExportStream {
  // Unbounded until the file shows it is JSONL: a JSON export may be one long line (its
  // size is capped before it is read); in JSONL, one record per line.
  const limit = { line: Infinity };
  const lines = decodeLines(chunks, name, limit)[Symbol.iterator]();
  const first = lines.next();
  if (first.done) throw new ValidationError(messages.importEmpty(name), messages.importBadFileHint);
  const head = tryJson(first.value.text);
  if (isObject(head) && !('data' in head)) {
    limit.line = MAX_IMPORT_LINE_CHARS;
    const header = checkHeader(head, name);
    return { header, rows: counted(jsonlRows(lines, name), header, name) };
  }
  // A JSON document: read whole (use JSONL for large exports).
  let text = first.value.text;
  for (let line = lines.next(); !line.done; line = lines.next()) text += `\n${line.value.text}`;
  if (!text.trim()) throw new ValidationError(messages.importEmpty(name), messages.importBadFileHint);
  const whole = head !== undefined ? head : tryJson(text);
  if (!isObject(whole)) throw new ValidationError(messages.importNotExport(name), messages.importBadFileHint);
  const header = checkHeader(whole, name);
  const data = whole.data;
  if (!isObject(data)) throw new ValidationError(messages.importBadRow(name, 'the "data" object is missing'), messages.importBadFileHint);
  const entries: ExportEntry[] = [];
  for (const [table, rows] of Object.entries(data)) {
    if (!Array.isArray(rows)) throw new ValidationError(messages.importBadRow(name, `"data.${table}" is not a list`), messages.importBadFileHint);
    rows.forEach((row, i) => entries.push({ table, row: checkRow(row, `${table}[${i}]`, name), where: `${table}[${i}]` }));
  }
  return { header, rows: counted(entries, header, name) };
}

/** A whole export in memory, every check done (for small files and tests). */
export function parseExport(bytes: Uint8Array, name: string): ExportData {
  const stream = readExport([bytes], name);
  const tables = new Map<string, ExportRow[]>();
  for (const { table, row } of stream.rows) {
    let rows = tables.get(table);
    if (!rows) tables.set(table, (rows = []));
    rows.push(row);
  }
  return { header: stream.header, tables };
}

/** An export in memory as a stream, tables in the order they were added. */
export function streamOf(data: ExportData): ExportStream {
  const rows = [...data.tables].flatMap(([table, list]) => list.map((row, i) => ({ table, row, where: `${table}[${i}]` })));
  return { header: data.header, rows };
}

function* decodeLines(chunks: Iterable<Uint8Array>, name: string, limit: { line: number }): Generator<{ text: string; number: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new ValidationError(messages.importNotUtf8(name), messages.importBadFileHint);
    }
  };
  let rest = '';
  let number = 0;
  for (const chunk of chunks) {
    rest += decode(chunk);
    let start = 0;
    for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
      yield { text: rest.slice(start, end), number: ++number };
      start = end + 1;
    }
    rest = rest.slice(start);
    // A line longer than any record is refused as it arrives, not after gigabytes of it.
    if (rest.length > limit.line) throw new ValidationError(messages.importBadRow(name, messages.importLineTooLong(number + 1, limit.line)), messages.importBadFileHint);
  }
  rest += decode();
  if (rest) yield { text: rest, number: ++number };
}

function* jsonlRows(lines: Iterator<{ text: string; number: number }>, name: string): Generator<ExportEntry> {
  for (let line = lines.next(); !line.done; line = lines.next()) {
    const { text, number } = line.value;
    if (!text.trim()) continue;
    const where = `line ${number}`;
    const entry = tryJson(text);
    if (!isObject(entry) || typeof entry.table !== 'string' || !entry.table) {
      throw new ValidationError(messages.importBadRow(name, `${where} is not a {"table": …, "row": {…}} line`), messages.importBadFileHint);
    }
    yield { table: entry.table, row: checkRow(entry.row, where, name), where };
  }
}

/** Passes rows on, then checks there were as many of each table as the header promised. */
function* counted(rows: Iterable<ExportEntry>, header: ExportHeader, name: string): Generator<ExportEntry> {
  const found = new Map<string, number>();
  for (const entry of rows) {
    found.set(entry.table, (found.get(entry.table) ?? 0) + 1);
    yield entry;
  }
  for (const table of new Set([...Object.keys(header.counts), ...found.keys()])) {
    // Own keys only: a table named "constructor" must not read the object's prototype.
    const expected = Object.hasOwn(header.counts, table) ? (header.counts[table] ?? 0) : 0;
    const got = found.get(table) ?? 0;
    if (expected !== got) throw new ValidationError(messages.importIncomplete(name, table, expected, got), messages.importIncompleteHint);
  }
}

function checkHeader(value: unknown, name: string): ExportHeader {
  if (!isObject(value) || value.format !== EXPORT_FORMAT) throw new ValidationError(messages.importNotExport(name), messages.importBadFileHint);
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ValidationError(messages.importBadRow(name, 'its format version is missing or not a whole number'), messages.importBadFileHint);
  }
  if (version > EXPORT_VERSION) throw new ConflictError(messages.importNewerFormat(name, version, EXPORT_VERSION), messages.importNewerFormatHint);
  const counts = value.counts;
  if (!isObject(counts) || !Object.values(counts).every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
    throw new ValidationError(messages.importBadRow(name, 'its header has no row counts'), messages.importBadFileHint);
  }
  return {
    format: EXPORT_FORMAT,
    version,
    exportedAt: typeof value.exportedAt === 'string' ? value.exportedAt : '',
    schema: typeof value.schema === 'number' ? value.schema : 0,
    contacts: value.contacts === true,
    counts: counts as Record<string, number>,
  };
}

function checkRow(value: unknown, where: string, name: string): ExportRow {
  if (!isObject(value)) throw new ValidationError(messages.importBadRow(name, `${where} has no row object`), messages.importBadFileHint);
  for (const [column, cell] of Object.entries(value)) {
    const ok = cell === null || typeof cell === 'string' || (typeof cell === 'number' && Number.isFinite(cell));
    if (!ok) throw new ValidationError(messages.importBadRow(name, `${where}: "${column}" must be text, a number or null`), messages.importBadFileHint);
  }
  return value as ExportRow;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A whole JSONL export as text (header line, then one {"table", "row"} line per row). */
export function jsonlLine(table: string, row: ExportRow): string {
  return `${JSON.stringify({ table, row })}\n`;
}

// Spreadsheets run cells that start with these as formulas; a leading ' keeps them text.
const FORMULA_START = /^[=+\-@\t\r]/u;

/** One CSV field (RFC 4180), safe to open in a spreadsheet. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line with CRLF, as RFC 4180 and spreadsheets expect. */
export function csvLine(values: Array<string | number | null>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
