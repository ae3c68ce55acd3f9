import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { NotFoundError, ValidationError, errorCode, type SvcError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { MAX_IMPORT_BYTES, readExport, startsAsJsonl, type ExportStream } from '../../../core/transfer.ts';
import { finishImportedForgets } from '../../../app/forget.ts';
import { importData } from '../../../app/transfer.ts';
import type { ImportedForget } from '../../../store/store.ts';
import { draftLines } from '../../../ui/render/forget.ts';
import { importTable } from '../../../ui/render/transfer.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { eraseDrafts, scanDrafts, type DraftErasure } from '../../drafts.ts';
import { withStdinAsFile } from '../../io.ts';

// As long as svc customer forget waits, by default, for other readers to let go of old pages.
const FINISH_WAIT_MS = 30_000;

export async function run(options: WithArgs<{ dryRun?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  if (options.args[0] === '-') {
    await withStdinAsFile(ctx.stdin, (copy) => importPath(options, ctx, 'stdin', copy));
    return;
  }
  importPath(options, ctx, String(options.args[0]), resolve(String(options.args[0])));
}

function importPath(options: WithArgs<{ dryRun?: boolean; json?: boolean }>, ctx: Context, file: string, path: string): void {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new ValidationError(messages.importNotExport(file), messages.importBadFileHint);
    size = stat.size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new NotFoundError(messages.importMissing(file), messages.importMissingHint);
    throw error;
  }
  const fd = openSync(path, 'r');
  try {
    // Checked on the first megabyte, so a huge file that would be read whole costs nothing.
    if (size > MAX_IMPORT_BYTES && !startsAsJsonl(firstBytes(fd))) {
      throw new ValidationError(messages.importTooBig(file, size, MAX_IMPORT_BYTES), messages.importTooBigHint);
    }
    importFile(options, ctx, file, path, fd);
  } finally {
    closeSync(fd);
  }
}

/** The file's first megabyte, leaving the file position where it was. */
function firstBytes(fd: number): Uint8Array {
  const buffer = Buffer.alloc(1 << 20);
  return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
}

/** The file's bytes from its start, a megabyte at a time (it may be read twice). */
function* chunksOf(fd: number): Generator<Uint8Array> {
  const buffer = Buffer.alloc(1 << 20);
  let position = 0;
  for (let n = readSync(fd, buffer, 0, buffer.length, position); n > 0; n = readSync(fd, buffer, 0, buffer.length, position)) {
    position += n;
    yield buffer.subarray(0, n);
  }
}

function importFile(options: WithArgs<{ dryRun?: boolean; json?: boolean }>, ctx: Context, file: string, path: string, fd: number): void {
  // The header is checked here, before the database is opened; the rows as they are imported.
  const data = readExport(chunksOf(fd), file);

  const dryRun = options.dryRun === true;
  const reread = () => readExport(chunksOf(fd), file);
  // A refused import leaves no database where there was none: a new one waits until the whole file reads right (a truncated or damaged one is refused first).
  const where = ctx.dbPath();
  if (where.engine === 'sqlite' && !existsSync(where.path)) readWhole(reread());
  const result = importData(ctx.store(), { data, file, dryRun, reread }, ctx.now);
  const { totals } = result;

  if (options.json) {
    ctx.print(JSON.stringify({ file: path, dryRun, formatVersion: data.header.version, exportedAt: data.header.exportedAt, tables: result.tables, totals, removed: result.removed, ignored: result.ignored }, null, 2));
  } else if (result.tables.length > 0) {
    ctx.print(importTable(result.tables, ctx.look()));
  }
  if (result.ignored.length > 0) ctx.info(ctx.err.yellow(`warning: ${messages.importIgnored(result.ignored.join(', '))}`));
  const removed = result.removedCount;
  const summary =
    `${totals.added} added, ${totals.updated} updated, ${totals.skipped} already here or older` +
    (removed > 0 ? `; ${removed} deleted or merged, as they were in the file's database` : '');
  if (dryRun) ctx.info(`Dry run of ${file}: ${summary}. Nothing was changed; run again without --dry-run to import.`);
  else ctx.info(`${ctx.err.green('Imported')} ${file}: ${summary}.`);
  if (result.forgotten.length > 0) reportImportedForgets(ctx, result.forgotten, dryRun);
}

/** Reads every row and keeps none: readExport checks each row's shape, and the counts at the end, as they pass. */
function readWhole(stream: ExportStream): void {
  for (const _row of stream.rows) continue;
}

/** Forgets the file carried: said, and, unless a dry run, their files wiped as svc customer forget does. */
function reportImportedForgets(ctx: Context, forgotten: ImportedForget[], dryRun: boolean): void {
  const listed = (list: ImportedForget[]) => `${list.length === 1 ? 'customer' : 'customers'} #${list.map((f) => f.customerId).join(', #')}`;
  const fresh = forgotten.filter((f) => !f.again);
  const again = forgotten.filter((f) => f.again);
  if (dryRun) {
    if (fresh.length > 0) ctx.info(`The file forgets ${listed(fresh)}: importing it erases their details here too.`);
    if (again.length > 0) ctx.info(`The file brings back details of ${listed(again)}, forgotten here: importing it erases them again.`);
    for (const line of importedDrafts(ctx, forgotten, true).lines) ctx.info(line);
    return;
  }
  if (fresh.length > 0) ctx.info(`Forgot ${listed(fresh)} here too, as the file says: their details are erased from every record.`);
  if (again.length > 0) {
    ctx.info(`The file brought back details of ${listed(again)}, forgotten here: they are erased again from every record.`);
  }
  // The drafts before the files: finishing may refuse (a reader holding on), and only this run knows what to look for.
  const drafts = importedDrafts(ctx, forgotten, false);
  for (const line of drafts.lines) ctx.info(line);
  let finish;
  try {
    finish = finishImportedForgets(ctx.store(), { forgotten, waitMs: FINISH_WAIT_MS });
  } catch (error) {
    if (drafts.failed) ctx.info(`warning: ${drafts.failed.message}`);
    throw error;
  }
  if (!finish.vacuum) {
    ctx.info('Wiped the free pages and write-ahead log that held them, and checked the database files.');
  } else {
    ctx.info(messages.forgetServerChecked);
    const { done, refused } = finish.vacuum;
    if (refused.length > 0) ctx.info(done.length === 0 ? messages.forgetServerVacuumedNone(refused) : messages.forgetServerNotVacuumed(refused));
    const ids = forgotten.map((f) => f.customerId);
    if (!finish.finished) ctx.info(`${messages.forgetServerPending(ids)}; ${messages.forgetServerPendingHint(ids)}.`);
  }
  // The import itself stands: a draft it could not rewrite is said last, as a refusal.
  if (drafts.failed) throw drafts.failed;
}

/**
 * The drafts on this machine that hold the customers the file forgets: rewritten as svc
 * customer forget rewrites them (found only, in a dry run), in lines to say, and the first
 * draft that could not be read or rewritten. Their records are erased already, so one that
 * fails stops nothing else.
 */
function importedDrafts(ctx: Context, forgotten: readonly ImportedForget[], dryRun: boolean): { lines: string[]; failed?: SvcError } {
  const erasures = new Map<string, DraftErasure>();
  let folder = '';
  let checked = 0;
  let failed: SvcError | undefined;
  const lines: string[] = [];
  for (const { drafts: target } of forgotten) {
    const scan = dryRun ? scanDrafts(ctx.env, ctx.shownDb(), target, 'import dry run') : eraseDrafts(ctx.env, ctx.shownDb(), target, 'import');
    folder = scan.folder;
    checked = Math.max(checked, scan.checked);
    for (const erasure of scan.erasures) erasures.set(erasure.path, { ...erasure, changes: [...(erasures.get(erasure.path)?.changes ?? []), ...erasure.changes] });
    if (scan.failed && dryRun) lines.push(`warning: ${scan.failed.message}`);
    failed ??= scan.failed;
  }
  const onServer = ctx.dbPath().engine === 'postgres';
  lines.unshift(...draftLines({ folder, checked, erasures: [...erasures.values()] }, dryRun, onServer));
  return dryRun ? { lines } : { lines, ...(failed ? { failed } : {}) };
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
