import { readFileSync } from 'node:fs';
import { importFieldFor, type ImportField, type ImportRow } from '../../../core/customer.ts';
import { NotFoundError, ValidationError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { Context } from '../../context.ts';
import { readStdin } from '../../io.ts';

/** The rows of an import file, and the columns that were not understood. */
export interface ImportFile {
  format: 'csv' | 'json';
  rows: ImportRow[];
  ignoredColumns: string[];
}

/** Reads a customer list: .json by its extension, CSV otherwise; "-" is CSV on stdin. */
export async function readImportFile(file: string, ctx: Context): Promise<ImportFile> {
  const text = file === '-' ? await readStdin(ctx.stdin) : readText(file);
  return /\.json$/i.test(file) ? jsonRows(text, file) : await csvRows(text, file);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new NotFoundError(messages.importFileMissing(file), messages.importFileMissingHint);
    throw new ValidationError(messages.importUnreadable(file, error instanceof Error ? error.message : String(error)), messages.importUnreadableHint);
  }
}

async function csvRows(text: string, file: string): Promise<ImportFile> {
  const { parse } = await import('csv-parse/sync');
  let records: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    records = parse(text, { bom: true, info: true, raw: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    throw new ValidationError(messages.importUnreadable(file, error instanceof Error ? error.message : String(error)), messages.importUnreadableHint);
  }
  const [header, ...body] = records;
  if (!header) throw new ValidationError(messages.importEmpty(file), messages.importEmptyHint);
  const fields = header.record.map((name) => importFieldFor(name));
  if (!fields.includes('name')) throw new ValidationError(messages.importNoNameColumn(file), messages.importNoNameColumnHint);
  const rows = body.map(({ record, info, raw }) => {
    const row: ImportRow = { line: info.lines - (raw.match(/\n/g)?.length ?? 0), fields: {} };
    record.forEach((value, i) => {
      const field = fields[i];
      if (field && row.fields[field] === undefined) row.fields[field] = value;
    });
    return row;
  });
  const ignoredColumns = header.record.filter((name, i) => fields[i] === undefined && name.trim() !== '');
  return { format: 'csv', rows, ignoredColumns };
}

function jsonRows(text: string, file: string): ImportFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ValidationError(messages.importUnreadable(file, error instanceof Error ? error.message : String(error)), messages.importUnreadableHint);
  }
  if (!Array.isArray(data)) throw new ValidationError(messages.importUnreadable(file, messages.importNotArray), messages.importUnreadableHint);
  const ignored = new Set<string>();
  const rows = data.map((entry: unknown, i): ImportRow => {
    const row: ImportRow = { line: i + 1, fields: {} };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return row;
    for (const [key, value] of Object.entries(entry)) {
      const field: ImportField | undefined = importFieldFor(key);
      if (!field) ignored.add(key);
      else if (typeof value === 'string' || typeof value === 'number') row.fields[field] = String(value);
    }
    return row;
  });
  return { format: 'json', rows, ignoredColumns: [...ignored] };
}
