import { createReadStream } from 'node:fs';
import { importFieldFor, type ImportField, type ImportRow } from '../../../core/customer.ts';
import { NotFoundError, ValidationError, errorCode, isSvcError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { Context } from '../../context.ts';
import { readBytesCapped, readStdin, startLines } from '../../io.ts';

// A customer list is read whole: beyond this on stdin it is surely not one.
const MAX_CUSTOMER_LIST_BYTES = 64 * 1024 * 1024;

/** The rows of an import file, and the columns that were not understood. */
export interface ImportFile {
  format: 'csv' | 'json';
  rows: ImportRow[];
  ignoredColumns: string[];
}

/** Reads a customer list: .json by its extension, CSV otherwise; "-" is CSV on stdin. */
export async function readImportFile(file: string, ctx: Context): Promise<ImportFile> {
  const bytes = file === '-' ? Buffer.from(await readStdin(ctx.stdin, MAX_CUSTOMER_LIST_BYTES)) : await readBytes(file);
  return /\.json$/i.test(file) ? jsonRows(bytes.toString('utf8'), file) : await csvRows(bytes, file);
}

function unreadable(file: string, reason: unknown): ValidationError {
  const text = reason instanceof Error ? reason.message : String(reason);
  return new ValidationError(messages.importUnreadable(file, text), messages.importUnreadableHint);
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    // A stream with a cap: a device or a runaway file is refused, not read into memory whole.
    return await readBytesCapped(createReadStream(file), MAX_CUSTOMER_LIST_BYTES, file);
  } catch (error) {
    if (isSvcError(error)) throw error;
    if (errorCode(error) === 'ENOENT') throw new NotFoundError(messages.importFileMissing(file), messages.importFileMissingHint);
    throw unreadable(file, error);
  }
}

async function csvRows(bytes: Buffer, file: string): Promise<ImportFile> {
  const { parse } = await import('csv-parse/sync');
  let records: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    records = parse(bytes, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    throw unreadable(file, error);
  }
  const lines = startLines(bytes, records.map((r) => r.info.bytes));
  const [header, ...body] = records;
  if (!header) throw new ValidationError(messages.customersFileEmpty(file), messages.customersFileEmptyHint);
  const fields = header.record.map((name) => importFieldFor(name));
  if (!fields.includes('name')) throw new ValidationError(messages.importNoNameColumn(file), messages.importNoNameColumnHint);
  const rows = body.map(({ record }, i) => {
    const row: ImportRow = { line: lines[i + 1] ?? 0, fields: {} };
    record.forEach((value, column) => {
      const field = fields[column];
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
    throw unreadable(file, error);
  }
  if (!Array.isArray(data)) throw unreadable(file, messages.importNotArray);
  const ignored = new Set<string>();
  const rows = data.map((entry: unknown, i): ImportRow => {
    const row: ImportRow = { line: i + 1, fields: {} };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { ...row, unreadable: messages.importNotObject };
    for (const [key, value] of Object.entries(entry)) {
      const field: ImportField | undefined = importFieldFor(key);
      if (!field) ignored.add(key);
      else if (typeof value === 'string' || typeof value === 'number') row.fields[field] = String(value);
    }
    return row;
  });
  return { format: 'json', rows, ignoredColumns: [...ignored] };
}
