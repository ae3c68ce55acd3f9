import { UsageError } from '../../../core/errors.ts';
import { documentFile, type ExportFormat } from '../../../core/formats.ts';
import { messages } from '../../../core/messages.ts';
import { exportData } from '../../../app/transfer.ts';
import { showControls } from '../../../core/safe-text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { openOutput, type OutputFile } from '../../output.ts';
import { startProgress } from '../../progress.ts';
import { write } from '../../streams.ts';
import { countOf } from '../../../ui/format.ts';

interface ExportOptions {
  format?: ExportFormat;
  out?: string;
  includeContacts?: boolean;
  force?: boolean;
}

export function run(options: WithArgs<ExportOptions>, ctx: Context): void {
  const format = options.format ?? 'jsonl';
  const contacts = options.includeContacts === true;
  if (format === 'csv' && contacts) throw new UsageError(messages.csvOnlyStories, messages.csvOnlyStoriesHint);
  const toFile = options.out !== undefined && options.out !== '-';
  // Written beside the target under a temporary name, owner-only, and renamed into place when complete.
  const output = toFile ? openOutput(options.out as string, { force: options.force, fileName: documentFile('export', format) }) : null;
  let counts: Record<string, number>;
  try {
    // On a terminal even CSV is shown with its controls escaped; piped or in a file it stays data.
    const sink = new Sink(output, !output && ctx.stdoutIsTTY);
    const progress = startProgress('Exporting');
    counts = exportData(
      ctx.store(),
      {
        format,
        contacts,
        path: output?.path ?? null,
        write: (text) => sink.write(text),
        done: () => {
          sink.flush();
          progress.end();
          output?.commit();
        },
        onProgress: (done, total) => progress.update(done, total),
      },
      ctx.now,
    );
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
