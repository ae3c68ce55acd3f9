import { UsageError } from '../../../core/errors.ts';
import type { ExportFormat } from '../../../core/formats.ts';
import { messages } from '../../../core/messages.ts';
import { escapeJsonControls, showControls } from '../../../core/safe-text.ts';
import { csvLine, jsonlLine } from '../../../core/transfer.ts';
import { openOutput, type OutputFile } from '../../../store/files.ts';
import { recordingWrittenFile } from '../../../store/forget-files.ts';
import { countStories, storyPages } from '../../../store/stories.ts';
import { exportedTables, exportHeader, exportRows, readSnapshot } from '../../../store/transfer.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { startProgress } from '../../progress.ts';
import { write } from '../../streams.ts';
import { countOf } from '../../../ui/format.ts';

interface ExportOptions {
  format?: ExportFormat;
  out?: string;
  includeContacts?: boolean;
  force?: boolean;
}

// Rows between two looks at the clock for the progress bar.
const PROGRESS_EVERY = 1_000;

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
    const progress = startProgress('Exporting');
    const db = ctx.store().db;
    recordingWrittenFile(db, 'export', output?.path ?? null, contacts, ctx.now().toISOString(), () => {
      readSnapshot(db, () => {
        if (format === 'csv') {
          sink.write(csvLine([...STORY_CSV_COLUMNS]));
          let written = 0;
          const total = countStories(db);
          for (const page of storyPages(db)) {
            for (const story of page) {
              const cells = { ...story, staff: story.staff.join('; '), tags: story.tags.join(' ') };
              sink.write(csvLine(STORY_CSV_COLUMNS.map((column) => cells[column])));
            }
            written += page.length;
            progress.update(written, total);
          }
          counts = { stories: written };
          return;
        }
        const tables = exportedTables(db);
        const header = exportHeader(db, tables, contacts, ctx.now().toISOString());
        counts = header.counts;
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        let written = 0;
        const wrote = () => {
          written += 1;
          if (written % PROGRESS_EVERY === 0) progress.update(written, total);
        };
        if (format === 'jsonl') {
          sink.write(`${escapeJsonControls(JSON.stringify(header))}\n`);
          for (const table of tables) {
            for (const row of exportRows(db, table, tables, contacts)) {
              sink.write(escapeJsonControls(jsonlLine(table.name, row)));
              wrote();
            }
          }
          return;
        }
        sink.write(`${escapeJsonControls(JSON.stringify(header)).slice(0, -1)},"data":{`);
        tables.forEach((table, t) => {
          sink.write(`${t ? ',' : ''}\n${JSON.stringify(table.name)}:[`);
          let first = true;
          for (const row of exportRows(db, table, tables, contacts)) {
            sink.write(`${first ? '' : ','}\n${escapeJsonControls(JSON.stringify(row))}`);
            first = false;
            wrote();
          }
          sink.write(']');
        });
        sink.write('\n}}\n');
      });
      sink.flush();
      progress.end();
      output?.commit();
    });
  } catch (error) {
    output?.discard();
    throw error;
  }
  const target = output?.path;

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const what = `${countOf(counts.stories ?? 0, 'story', 'stories')}${format === 'csv' ? '' : ` and ${countOf(total - (counts.stories ?? 0), 'other record', 'other records')}`}`;
  ctx.info(`${ctx.err.green('Exported')} ${what}${target ? ` to ${target}${output?.streamed ? '' : ' (readable by you only)'}` : ''}.`);
  if (format !== 'csv' && !contacts) ctx.info(ctx.err.dim("hint: customers' email and phone were left out; --include-contacts adds them"));
}

/** Buffered writes to the output file, or to stdout through streams.ts, so a large export streams. */
class Sink {
  private buffer: string[] = [];
  private size = 0;
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
    const text = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (this.output) this.output.write(Buffer.from(text, 'utf8'));
    else write('stdout', text);
  }
}
