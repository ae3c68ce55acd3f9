import { showControls } from '../core/safe-text.ts';
import { documentFile, type DocumentFormat } from '../core/formats.ts';
import { writeOutputFile } from '../store/files.ts';

// Files a command writes are the CLI's business; their mechanics (owner-only, whole or not at all) live in the store's file helpers.
export { openOutput, type OutputFile } from '../store/files.ts';
export { checkBackupTarget } from '../store/backup.ts';
import { colorFor } from '../ui/color.ts';
import type { Look } from '../ui/look.ts';
import { renderDocument, type Document } from '../ui/render/document.ts';
import type { Context } from './context.ts';

/** What a command writes: "the training plan" for its messages, and a file name to suggest when --out is a folder. */
export interface Written {
  what: string;
  file: string;
}

/**
 * Writes a rendered document to --out FILE (owner-only: it may quote customers'
 * stories; whole or not at all, see store/files.ts), or to stdout when there is no --out
 * or it is "-". force lets --out write through a symbolic link or to a device.
 */
export function writeDocument(ctx: Context, out: string | undefined, text: string, written: Written, force = false): void {
  if (out === undefined || out === '-') {
    ctx.print(text);
    return;
  }
  // The same sanitiser as the terminal's: a document is read with cat and less too.
  const path = writeOutputFile(out, showControls(text), { force, fileName: written.file });
  ctx.info(`${ctx.err.green('Wrote')} ${written.what} to ${path}`);
}

/** A read command's output choices: --format text|md|html, --json, --out FILE, --force. */
export interface ViewOutputOptions {
  format?: DocumentFormat;
  json?: boolean;
  out?: string;
  force?: boolean;
}

/** One view model as the command can print it: JSON, terminal text, or a document (Markdown, HTML). */
export interface ViewRenderers {
  json: () => unknown;
  text: (look: Look) => string;
  document: () => Document;
}

/**
 * Writes a view in the format asked for, to stdout or --out FILE. Text keeps the
 * terminal's layout; in a file it carries no colour.
 */
export function writeView(ctx: Context, options: ViewOutputOptions, what: { what: string; stem: string }, view: ViewRenderers): void {
  const toStdout = options.out === undefined || options.out === '-';
  const format = options.format ?? 'text';
  const written = { what: what.what, file: documentFile(what.stem, options.json ? 'json' : format) };
  const text = options.json
    ? JSON.stringify(view.json(), null, 2)
    : format === 'text'
      ? view.text(toStdout ? ctx.look() : { tty: false, color: colorFor(false, {}, false), now: ctx.now() })
      : renderDocument(view.document(), format);
  writeDocument(ctx, options.out, toStdout ? text.trimEnd() : `${text.trimEnd()}\n`, written, options.force);
}
