import { writeSync } from 'node:fs';
import { UsageError, errorCode } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { escapeJsonControls, showControls } from '../../../core/safe-text.ts';
import { csvLine, jsonlLine } from '../../../core/transfer.ts';
import { openOutput, type OutputFile } from '../../../store/files.ts';
import { recordingWrittenFile } from '../../../store/forget-files.ts';
import { storyPages } from '../../../store/stories.ts';
import { exportedTables, exportHeader, exportRows, readSnapshot } from '../../../store/transfer.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import type { EXPORT_FORMATS } from './register.ts';

interface ExportOptions {
  format?: (typeof EXPORT_FORMATS)[number];
  out?: string;
  includeContacts?: boolean;
  force?: boolean;
}

const STORY_CSV_COLUMNS = ['id', 'uuid', 'occurredOn', 'title', 'text', 'staff', 'tags', 'customer', 'customerKind', 'channel', 'source', 'trigger', 'impact', 'reportedBy', 'createdAt', 'updatedAt'] as const;

export function run(options: WithArgs<ExportOptions>, ctx: Context): void {
  const format = options.format ?? 'jsonl';
  const contacts = options.includeContacts === true;
  if (format === 'csv' && contacts) throw new UsageError(messages.csvOnlyStories, messages.csvOnlyStoriesHint);
  const toFile = options.out !== undefined && options.out !== '-';
  // Written beside the target under a temporary name, owner-only, and renamed into place when complete.
  const output = toFile ? openOutput(options.out as string, { force: options.force }) : null;
  let counts: Record<string, number> = {};
  try {
    // On a terminal even CSV is shown with its controls escaped; piped or in a file it stays data.
    const sink = new Sink(output, !output && ctx.stdoutIsTTY);
    const db = ctx.store().db;
    recordingWrittenFile(db, 'export', output?.path ?? null, contacts, ctx.now().toISOString(), () => {
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
          sink.write(`${escapeJsonControls(JSON.stringify(header))}\n`);
          for (const table of tables) for (const row of exportRows(db, table, tables, contacts)) sink.write(escapeJsonControls(jsonlLine(table.name, row)));
          return;
        }
        sink.write(`${escapeJsonControls(JSON.stringify(header)).slice(0, -1)},"data":{`);
        tables.forEach((table, t) => {
          sink.write(`${t ? ',' : ''}\n${JSON.stringify(table.name)}:[`);
          let first = true;
          for (const row of exportRows(db, table, tables, contacts)) {
            sink.write(`${first ? '' : ','}\n${escapeJsonControls(JSON.stringify(row))}`);
            first = false;
          }
          sink.write(']');
        });
        sink.write('\n}}\n');
      });
      sink.flush();
      output?.commit();
    });
  } catch (error) {
    output?.discard();
    throw error;
  }
  const target = output?.path;

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const what = `${counts.stories ?? 0} stories${format === 'csv' ? '' : ` and ${total - (counts.stories ?? 0)} other records`}`;
  ctx.info(`${ctx.err.green('Exported')} ${what}${target ? ` to ${target}${output?.streamed ? '' : ' (readable by you only)'}` : ''}.`);
  if (format !== 'csv' && !contacts) ctx.info(ctx.err.dim("hint: customers' email and phone were left out; --include-contacts adds them"));
}

/** Buffered synchronous writes to the output file, or to stdout, so a large export streams. */
class Sink {
  private buffer: string[] = [];
  private size = 0;
  private gone = false;
  constructor(
    private readonly output: OutputFile | null,
    private readonly toTerminal: boolean,
  ) {}

  write(text: string): void {
    this.buffer.push(this.toTerminal ? showControls(text) : text);
    this.size += text.length;
    if (this.size >= 1 << 20) this.flush();
  }

  flush(): void {
    let data = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.size = 0;
    if (this.output) {
      this.output.write(data);
      return;
    }
    while (data.length > 0 && !this.gone) {
      try {
        data = data.subarray(writeSync(1, data));
      } catch (error) {
        const code = errorCode(error);
        if (code === 'EPIPE') {
          this.gone = true; // the reader stopped early (svc export | head): nothing more to write
        } else if (code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); // a full non-blocking pipe: let the reader catch up
        } else {
          throw error;
        }
      }
    }
  }
}
