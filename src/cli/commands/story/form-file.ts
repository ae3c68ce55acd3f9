import { readFileSync, statSync } from 'node:fs';
import { startLines } from '../../io.ts';
import { NotFoundError, ValidationError, errorCode, fileReadReason } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { FormRow } from '../../../core/story-import.ts';

/** A form export, as header and rows of cells, each row with the line it starts on. */
export interface FormFile {
  format: 'csv' | 'json';
  headers: string[];
  rows: FormRow[];
}

/** Far above any form's responses (100,000 answers of 500 characters are 50 MB). */
export const FORM_FILE_MAX_BYTES = 64 * 1024 * 1024;

function notCsvOrJson(file: string, why: string): ValidationError {
  return new ValidationError(messages.formNotCsvOrJson(file, why), messages.formNotCsvOrJsonHint);
}

function readBytes(file: string): Buffer {
  try {
    if (statSync(file).size > FORM_FILE_MAX_BYTES) throw new ValidationError(messages.formFileTooBig(file, FORM_FILE_MAX_BYTES), messages.formNotCsvOrJsonHint);
    return readFileSync(file);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') throw new NotFoundError(messages.formFileMissing(file), messages.formFileMissingHint);
    if (error instanceof ValidationError) throw error;
    throw notCsvOrJson(file, fileReadReason(error));
  }
}

/**
 * Reads a form export: JSON Lines or JSON by its extension or its first character, else
 * CSV (comma, semicolon or tab). `file` names it in messages ("stdin" for a copy of it).
 */
export async function readFormFile(path: string, file = path): Promise<FormFile> {
  const bytes = readBytes(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/u, '');
  } catch {
    throw notCsvOrJson(file, 'it is not UTF-8 text');
  }
  if (text.includes('\u0000')) throw notCsvOrJson(file, 'it is not text');
  if (!text.trim()) throw new ValidationError(messages.formFileEmpty(file), messages.formFileEmptyHint);
  const form = /\.(?:jsonl|ndjson)$/iu.test(file)
    ? jsonLinesForm(text, file)
    : /\.json$/iu.test(file) || /^\s*[[{]/u.test(text)
      ? jsonForm(text, file)
      : await csvForm(Buffer.from(text, 'utf8'), text, file);
  if (form.rows.length === 0) throw new ValidationError(messages.formFileNoRows(file), messages.formFileEmptyHint);
  return form;
}

/** The delimiter the header line uses most: comma, semicolon (European spreadsheets) or tab. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/u));
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

async function csvForm(bytes: Buffer, text: string, file: string): Promise<FormFile> {
  const { parse } = await import('csv-parse/sync');
  let records: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    records = parse(bytes, { info: true, skip_empty_lines: true, relax_column_count: true, delimiter: delimiterOf(text) }) as unknown as typeof records;
  } catch (error) {
    throw notCsvOrJson(file, error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  }
  const lines = startLines(bytes, records.map((r) => r.info.bytes));
  const [header, ...body] = records;
  if (!header) throw new ValidationError(messages.formFileEmpty(file), messages.formFileEmptyHint);
  return {
    format: 'csv',
    headers: header.record.map((h) => h.trim()),
    // A row of empty cells (a spreadsheet's trailing ",,,") is no answer.
    rows: body.map(({ record }, i) => ({ line: lines[i + 1] ?? 0, cells: record })).filter((row) => row.cells.some((cell) => cell.trim() !== '')),
  };
}

/** Where the answers are in a JSON export: the array itself, or the array under one of these keys. */
const RECORD_KEYS = ['items', 'responses', 'rows', 'data', 'records', 'answers'];

/** One answer object per line (a form tool's or svc's own JSON Lines); blank lines are skipped. */
function jsonLinesForm(text: string, file: string): FormFile {
  const records: unknown[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/u).forEach((content, i) => {
    if (content.trim() === '') return;
    try {
      records.push(JSON.parse(content));
    } catch (error) {
      throw notCsvOrJson(file, `line ${i + 1} is not a JSON object (${error instanceof Error ? error.message : String(error)})`);
    }
    lines.push(i + 1);
  });
  return objectsForm(records, lines, file);
}

/** Whether every non-blank line of text is a JSON object on its own: JSON Lines, whatever the file is called. */
function isJsonLines(text: string): boolean {
  const lines = text.split(/\r?\n/u).filter((line) => line.trim() !== '');
  if (lines.length < 2) return false;
  return lines.every((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    } catch {
      return false;
    }
  });
}

function jsonForm(text: string, file: string): FormFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (isJsonLines(text)) return jsonLinesForm(text, file);
    throw notCsvOrJson(file, error instanceof Error ? error.message : String(error));
  }
  const key = Array.isArray(data) ? null : typeof data === 'object' && data !== null ? (RECORD_KEYS.find((k) => Array.isArray((data as Record<string, unknown>)[k])) ?? null) : null;
  const records = Array.isArray(data) ? data : key ? ((data as Record<string, unknown>)[key] as unknown[]) : null;
  if (!records) throw notCsvOrJson(file, 'it holds no array of answers');
  return objectsForm(records, elementLines(text, key), file);
}

/** Answer objects, each with the line it starts on, as header and rows (the header: every key, in first-seen order). */
function objectsForm(records: readonly unknown[], lines: readonly number[], file: string): FormFile {
  const headers: string[] = [];
  const objects = records.map((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw notCsvOrJson(file, `answer ${i + 1} (line ${lines[i] ?? '?'}) is not an object`);
    for (const name of Object.keys(record)) if (!headers.includes(name)) headers.push(name);
    return record as Record<string, unknown>;
  });
  const cell = (value: unknown): string =>
    value === null || value === undefined ? '' : Array.isArray(value) ? value.map(cell).filter(Boolean).join(', ') : typeof value === 'object' ? '' : String(value);
  return {
    format: 'json',
    headers,
    rows: objects.map((object, i) => ({ line: lines[i] ?? 0, cells: headers.map((h) => cell(object[h])) })),
  };
}

/**
 * The line each element of the answers array starts on: the top-level array, or the
 * array under `key` in the top-level object. A small scan of the text: JSON.parse
 * keeps no positions.
 */
function elementLines(text: string, key: string | null): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let target = -1; // the depth of the answers array's elements, once it has opened
  let lastString = '';
  let keyAtTop = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      let j = i + 1;
      let value = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\') j++;
        else value += text[j];
      }
      lastString = value;
      i = j;
    } else if (c === ':' && depth === 1) keyAtTop = lastString;
    else if (c === '[' || c === '{') {
      if (c === '{' && depth === target) lines.push(line);
      if (c === '[' && target < 0 && ((key === null && depth === 0) || (key !== null && depth === 1 && keyAtTop === key))) target = depth + 1;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === target - 1 && c === ']') target = -2; // the answers array closed
    }
  }
  return lines;
}
