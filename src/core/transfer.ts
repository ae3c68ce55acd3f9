import { ConflictError, ValidationError } from './errors.ts';
import { messages } from './messages.ts';

/** What every export file says it is. */
export const EXPORT_FORMAT = 'svc-export';
/** The export format version this svc writes, and the newest it can read. */
export const EXPORT_VERSION = 1;
/** Import files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

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

/**
 * Reads an export file (JSONL or JSON) from its bytes, checking everything that can be
 * checked without a database: UTF-8, the format and its version, each row's shape, and
 * that no rows are missing.
 */
export function parseExport(bytes: Uint8Array, name: string): ExportData {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError(messages.importNotUtf8(name), messages.importBadFileHint);
  }
  if (!text.trim()) throw new ValidationError(messages.importEmpty(name), messages.importBadFileHint);

  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const first = tryJson(firstLine);
  if (isObject(first) && !('data' in first)) return parseJsonl(text, name);
  const whole = first !== undefined ? first : tryJson(text);
  if (!isObject(whole)) throw new ValidationError(messages.importNotExport(name), messages.importBadFileHint);
  const header = checkHeader(whole, name);
  const data = whole.data;
  if (!isObject(data)) throw new ValidationError(messages.importBadRow(name, 'the "data" object is missing'), messages.importBadFileHint);
  const tables = new Map<string, ExportRow[]>();
  for (const [table, rows] of Object.entries(data)) {
    if (!Array.isArray(rows)) throw new ValidationError(messages.importBadRow(name, `"data.${table}" is not a list`), messages.importBadFileHint);
    tables.set(table, rows.map((row, i) => checkRow(row, `${table}[${i}]`, name)));
  }
  return checkCounts({ header, tables }, name);
}

function parseJsonl(text: string, name: string): ExportData {
  const lines = text.split('\n');
  const header = checkHeader(tryJson(lines[0] ?? ''), name);
  const tables = new Map<string, ExportRow[]>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.trim()) continue;
    const where = `line ${i + 1}`;
    const entry = tryJson(line);
    if (!isObject(entry) || typeof entry.table !== 'string' || !entry.table) {
      throw new ValidationError(messages.importBadRow(name, `${where} is not a {"table": …, "row": {…}} line`), messages.importBadFileHint);
    }
    let rows = tables.get(entry.table);
    if (!rows) tables.set(entry.table, (rows = []));
    rows.push(checkRow(entry.row, where, name));
  }
  return checkCounts({ header, tables }, name);
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

function checkCounts(data: ExportData, name: string): ExportData {
  const tables = new Set([...Object.keys(data.header.counts), ...data.tables.keys()]);
  for (const table of tables) {
    const expected = data.header.counts[table] ?? 0;
    const found = data.tables.get(table)?.length ?? 0;
    if (expected !== found) throw new ValidationError(messages.importIncomplete(name, table, expected, found), messages.importIncompleteHint);
  }
  return data;
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
