import type { ExportFormat } from '../core/formats.ts';
import { escapeJsonControls } from '../core/safe-text.ts';
import { csvLine, jsonlLine, type ExportStream } from '../core/transfer.ts';
import { ConflictError, UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { finishImportedForgets } from './forget.ts';
import type { Store, TransferResult } from '../store/store.ts';

// Rows between two progress reports.
const PROGRESS_EVERY = 1_000;

const STORY_CSV_COLUMNS = ['id', 'uuid', 'occurredOn', 'title', 'text', 'staff', 'tags', 'customer', 'customerKind', 'channel', 'source', 'trigger', 'impact', 'reportedBy', 'createdAt', 'updatedAt'] as const;

export interface ExportInput {
  format: ExportFormat;
  /** Customers' email and phone too (never in CSV, which holds stories only). */
  contacts: boolean;
  /** The file written, or null for standard output: remembered so a forget can name it. */
  path: string | null;
  /** Receives the export a piece at a time, in order. */
  write: (text: string) => void;
  /** Called after the last piece (to flush and put the file in place): if it throws, the file is not remembered. */
  done: () => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Writes the whole database (or, as CSV, its stories) through `write`, from one
 * consistent snapshot, with the file recorded first so that a forget meanwhile names it.
 * Returns how many records of each table went out.
 */
export function exportData(store: Store, input: ExportInput, clock: () => Date): Record<string, number> {
  const now = clock().toISOString();
  const { write, format, contacts } = input;
  const progress = input.onProgress ?? (() => {});
  return store.forgets.recordingWrittenFile('export', input.path, contacts, now, () => {
    const counts = store.transfer.snapshot(() => {
      if (format === 'csv') {
        write(csvLine([...STORY_CSV_COLUMNS]));
        let written = 0;
        const total = store.transfer.storyCount();
        for (const page of store.stories.pages({})) {
          for (const story of page) {
            const cells = { ...story, staff: story.staff.join('; '), tags: story.tags.join(' ') };
            write(csvLine(STORY_CSV_COLUMNS.map((column) => cells[column])));
          }
          written += page.length;
          progress(written, total);
        }
        return { stories: written };
      }
      const tables = store.transfer.tables();
      const header = store.transfer.header(tables, contacts, now);
      const total = Object.values(header.counts).reduce((a, b) => a + b, 0);
      let written = 0;
      const wrote = () => {
        written += 1;
        if (written % PROGRESS_EVERY === 0) progress(written, total);
      };
      if (format === 'jsonl') {
        write(`${escapeJsonControls(JSON.stringify(header))}\n`);
        for (const table of tables) {
          for (const row of store.transfer.rows(table, tables, contacts)) {
            write(escapeJsonControls(jsonlLine(table.name, row)));
            wrote();
          }
        }
        return header.counts;
      }
      write(`${escapeJsonControls(JSON.stringify(header)).slice(0, -1)},"data":{`);
      tables.forEach((table, t) => {
        write(`${t ? ',' : ''}\n${JSON.stringify(table.name)}:[`);
        let first = true;
        for (const row of store.transfer.rows(table, tables, contacts)) {
          write(`${first ? '' : ','}\n${escapeJsonControls(JSON.stringify(row))}`);
          first = false;
          wrote();
        }
        write(']');
      });
      write('\n}}\n');
      return header.counts;
    });
    input.done();
    return counts;
  });
}

/** An import's outcome, with the totals over its tables. */
export interface Imported extends TransferResult {
  totals: { added: number; updated: number; skipped: number };
  /** How many records it deleted or merged, as they were in the file's database. */
  removedCount: number;
}

/**
 * Imports an export read from a file (`reread` gives it again from its start, for a large
 * file imported in batches), or rolls it back for a dry run. Customers the file forgets
 * are forgotten in the records here too; finishImportedForgets then wipes the files.
 */
export function importData(
  store: Store,
  input: { data: ExportStream; file: string; dryRun: boolean; reread?: () => ExportStream; whole?: boolean },
  clock: () => Date,
): Imported {
  const result = store.transfer.import(input.data, input.file, {
    dryRun: input.dryRun,
    now: clock().toISOString(),
    ...(input.reread ? { reread: input.reread } : {}),
    ...(input.whole ? { whole: true } : {}),
  });
  const totals = result.tables.reduce(
    (sum, t) => ({ added: sum.added + t.added, updated: sum.updated + t.updated, skipped: sum.skipped + t.skipped }),
    { added: 0, updated: 0, skipped: 0 },
  );
  const removedCount = Object.values(result.removed).reduce((a, b) => a + b, 0);
  return { ...result, totals, removedCount };
}

/** Backs the database up to a new file, recorded so that a forget later names it (it holds contact details). */
export async function backupDatabase(store: Store, input: { target: string }, clock: () => Date): Promise<{ path: string; bytes: number; stories: number }> {
  return store.forgets.recordingWrittenFile('backup', input.target, true, clock().toISOString(), () => store.transfer.backup(input.target));
}

// As long as svc customer forget waits, by default, for other readers to let go of old pages.
const FORGET_FINISH_WAIT_MS = 30_000;

/** Where `svc db copy` copies to: an open database (`file` when it is a SQLite file), or a new SQLite file to create. */
export type CopyTarget = { store: Store; file: string | null } | { newFile: string };

export interface CopyInput {
  target: CopyTarget;
  /** The source and target as they may be shown (a PostgreSQL password redacted). */
  names: { source: string; target: string };
  /** Into a database that holds svc data already, through import's merge: the newer copy of each record wins. */
  merge: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** What a copy did: every row copied (counts checked per table), or a merge's import counts. */
export type CopyOutcome =
  | { merged: false; tables: Array<{ table: string; rows: number }>; total: number }
  | { merged: true; result: Imported };

/**
 * Copies everything from the source into the target: a new or empty database becomes a
 * copy of it, ids and uuids kept, counts checked per table, in one transaction on the
 * target; one that holds svc data is refused unless merging, which imports every record
 * (contacts included) with import's rules, so nothing there is lost.
 */
export async function copyDatabase(source: Store, input: CopyInput, clock: () => Date): Promise<CopyOutcome> {
  const file = 'newFile' in input.target ? input.target.newFile : input.target.file;
  // A file holds every customer's details: recorded first, so that a forget names it (as a backup is).
  if (file === null) return copyInto(source, input, clock);
  return source.forgets.recordingWrittenFile('backup', file, true, clock().toISOString(), () => copyInto(source, input, clock));
}

async function copyInto(source: Store, input: CopyInput, clock: () => Date): Promise<CopyOutcome> {
  if ('newFile' in input.target) {
    const { counts } = await source.transfer.copyToNewFile(input.target.newFile, input.onProgress);
    return copied(counts);
  }
  const target = input.target.store;
  if (target.transfer.identity() === source.transfer.identity()) throw new UsageError(messages.copySameDatabase(input.names.target), messages.copySameDatabaseHint);
  if (input.merge) {
    const result = mergeInto(source, target, input.names.source, clock);
    // Customers the source forgot are forgotten in the target's records; its files are wiped as import wipes them.
    if (result.forgotten.length > 0) finishImportedForgets(target, { forgotten: result.forgotten, waitMs: FORGET_FINISH_WAIT_MS });
    target.transfer.refreshStatistics();
    return { merged: true, result };
  }
  // A snapshot that is never run twice: the copy inside it commits on the target.
  const counts = source.transfer.snapshot(() =>
    target.transaction(() => {
      // Checked in the transaction that copies: a writer meanwhile makes it refuse, not overwrite.
      const occupied = target.transfer.firstTableWithData();
      if (occupied) throw new ConflictError(messages.copyTargetNotEmpty(input.names.target, occupied), messages.copyTargetNotEmptyHint);
      return target.transfer.load(source.transfer.dump(), input.onProgress);
    }),
  );
  target.transfer.refreshStatistics();
  return copied(counts);
}

function copied(counts: Record<string, number>): CopyOutcome {
  const tables = Object.entries(counts).map(([table, rows]) => ({ table, rows }));
  return { merged: false, tables, total: tables.reduce((sum, t) => sum + t.rows, 0) };
}

/** The source's whole export (contacts included), imported into the target in one transaction. */
function mergeInto(source: Store, target: Store, sourceName: string, clock: () => Date): Imported {
  const now = clock().toISOString();
  return source.transfer.snapshot(() => {
    const tables = source.transfer.tables();
    const header = source.transfer.header(tables, true, now);
    // Read again from the start if the target's transaction has to run again.
    const stream = (): ExportStream => ({
      header,
      rows: (function* () {
        for (const table of tables) {
          let n = 0;
          for (const row of source.transfer.rows(table, tables, true)) yield { table: table.name, row, where: `${table.name} row ${++n}` };
        }
      })(),
    });
    return importData(target, { data: stream(), file: sourceName, dryRun: false, reread: stream, whole: true }, clock);
  });
}
