import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, ValidationError, errorCode } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { csvLine, jsonlLine } from '../../../core/transfer.ts';
import { recordWrittenFile } from '../../../store/forget-files.ts';
import { storyPages } from '../../../store/stories.ts';
import { exportedTables, exportHeader, exportRows, readSnapshot } from '../../../store/transfer.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import type { EXPORT_FORMATS } from './register.ts';

interface ExportOptions {
  format?: (typeof EXPORT_FORMATS)[number];
  out?: string;
  includeContacts?: boolean;
}

const STORY_CSV_COLUMNS = ['id', 'uuid', 'occurredOn', 'title', 'text', 'staff', 'tags', 'customer', 'customerKind', 'channel', 'source', 'trigger', 'impact', 'reportedBy', 'createdAt', 'updatedAt'] as const;

export function run(options: WithArgs<ExportOptions>, ctx: Context): void {
  const format = options.format ?? 'jsonl';
  const contacts = options.includeContacts === true;
  if (format === 'csv' && contacts) throw new UsageError(messages.csvOnlyStories, messages.csvOnlyStoriesHint);
  const toFile = options.out !== undefined && options.out !== '-';
  const target = toFile ? resolve(options.out as string) : null;
  if (target && !existsSync(dirname(target))) throw new ValidationError(messages.exportDirMissing(dirname(target)), messages.exportDirMissingHint);
  if (target && existsSync(target) && statSync(target).isDirectory()) throw new ValidationError(messages.dbIsDirectory(target), messages.exportExistsHint);

  const db = ctx.store().db;
  recordWrittenFile(db, 'export', target, contacts, ctx.now().toISOString());
  // Written beside the target, owner-only, and renamed into place when complete.
  const partial = target ? `${target}.partial-${process.pid}` : null;
  const sink = new Sink(partial ? openSync(partial, 'w', 0o600) : 1);
  let counts: Record<string, number> = {};
  try {
    readSnapshot(db, () => {
      if (format === 'csv') {
        sink.write(csvLine([...STORY_CSV_COLUMNS]));
        let written = 0;
        for (const page of storyPages(db)) {
          for (const story of page) {
            const cells = { ...story, staff: story.staff.join('; '), tags: story.tags.join(' ') };
            sink.write(csvLine(STORY_CSV_COLUMNS.map((column) => cells[column])));
          }
          written += page.length;
        }
        counts = { stories: written };
        return;
      }
      const tables = exportedTables(db);
      const header = exportHeader(db, tables, contacts, ctx.now().toISOString());
      counts = header.counts;
      if (format === 'jsonl') {
        sink.write(`${JSON.stringify(header)}\n`);
        for (const table of tables) for (const row of exportRows(db, table, tables, contacts)) sink.write(jsonlLine(table.name, row));
        return;
      }
      sink.write(`${JSON.stringify(header).slice(0, -1)},"data":{`);
      tables.forEach((table, t) => {
        sink.write(`${t ? ',' : ''}\n${JSON.stringify(table.name)}:[`);
        let first = true;
        for (const row of exportRows(db, table, tables, contacts)) {
          sink.write(`${first ? '' : ','}\n${JSON.stringify(row)}`);
          first = false;
        }
        sink.write(']');
      });
      sink.write('\n}}\n');
    });
    sink.close(Boolean(partial));
    if (partial && target) renameSync(partial, target);
  } finally {
    if (partial) rmSync(partial, { force: true });
  }

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const what = `${counts.stories ?? 0} stories${format === 'csv' ? '' : ` and ${total - (counts.stories ?? 0)} other records`}`;
  ctx.info(`${ctx.err.green('Exported')} ${what}${target ? ` to ${target} (readable by you only)` : ''}.`);
  if (format !== 'csv' && !contacts) ctx.info(ctx.err.dim("hint: customers' email and phone were left out; --include-contacts adds them"));
}

/** Buffered synchronous writes to a file descriptor (stdout included), so a large export streams. */
class Sink {
  private buffer: string[] = [];
  private size = 0;
  private gone = false;
  constructor(private readonly fd: number) {}

  write(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) this.flush();
  }

  flush(): void {
    let data = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.size = 0;
    while (data.length > 0 && !this.gone) {
      try {
        data = data.subarray(writeSync(this.fd, data));
      } catch (error) {
        const code = errorCode(error);
        if (code === 'EPIPE' && this.fd === 1) {
          this.gone = true; // the reader stopped early (svc export | head): nothing more to write
        } else if (code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); // a full non-blocking pipe: let the reader catch up
        } else {
          throw error;
        }
      }
    }
  }

  close(sync: boolean): void {
    this.flush();
    if (this.fd === 1) return;
    if (sync) fsyncSync(this.fd);
    closeSync(this.fd);
  }
}
