import { existsSync } from 'node:fs';
import { importStories, namesakesOf, namesCustomerById, withImportCustomers } from '../../../app/story.ts';
import { badRowsRefusal } from '../../../core/bad-rows.ts';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import {
  draftRows,
  IMPORT_FIELDS,
  inferDateOrder,
  parseColumnMap,
  parseDateFormat,
  resolveColumns,
  type ColumnMap,
} from '../../../core/story-import.ts';
import { namesBehaviour } from '../../../core/vague.ts';
import type { Settings } from '../../../core/config.ts';
import { storyJson } from '../../../ui/render/story.ts';
import { importTable } from '../../../ui/render/story-import.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { startProgress } from '../../progress.ts';
import { withStdinAsFile } from '../../io.ts';
import { readFormFile } from './form-file.ts';

interface ImportOptions {
  map?: string[];
  dryRun?: boolean;
  skipInvalid?: boolean;
  dateFormat?: string;
  json?: boolean;
}

/** The column mapping kept in the config (import.map.text …). */
function configMap(settings: Settings): ColumnMap {
  const map: ColumnMap = {};
  for (const field of IMPORT_FIELDS) {
    const key = `import.map.${field}`;
    const column = key in settings ? settings[key as keyof Settings] : null;
    if (typeof column === 'string') map[field] = column;
  }
  return map;
}

export async function run(options: WithArgs<ImportOptions>, ctx: Context): Promise<void> {
  const file = String(options.args[0] ?? '');
  if (!file) throw new UsageError(messages.formFileMissing('FILE'), messages.formFileMissingHint);
  const settings = ctx.settings();
  const flags = parseColumnMap(options.map ?? []);
  const dateFormat = options.dateFormat ?? settings['import.date_format'];
  const order = dateFormat ? parseDateFormat(dateFormat) : null;

  const form = file === '-' ? await withStdinAsFile(ctx.stdin, (copy) => readFormFile(copy, 'stdin')) : await readFormFile(file);
  // Rows are named FILE:LINE; from stdin "stdin:2", as customers import names them, not "-:2".
  const shown = file === '-' ? 'stdin' : file;
  const columns = resolveColumns(shown, form.headers, flags, configMap(settings));
  const when = columns.when;
  const fileOrder = order ?? (when === undefined ? null : inferDateOrder(form.rows.map((row) => row.cells[when] ?? '')));
  const now = ctx.now();
  const drafted = draftRows(form.rows, columns, fileOrder, now);
  // A database that does not exist yet knows no rows and no customer: reading it creates none,
  // so a dry run, or a file refused for its rows, leaves no database behind.
  const where = ctx.dbPath();
  const existing = () => (where.engine === 'sqlite' && !existsSync(where.path) ? undefined : ctx.store());
  const database = () => (options.dryRun ? existing() : ctx.store());
  // A customer given as "#12" is looked up; only then is the database opened before the rows pass.
  const byId = drafted.drafts.some(namesCustomerById) ? withImportCustomers(existing(), drafted.drafts) : { rows: drafted.drafts, problems: [] };
  const drafts = byId.rows;
  const problems = [...drafted.problems, ...byId.problems].sort((a, b) => a.line - b.line);
  for (const problem of problems) ctx.info(messages.formRowProblem(shown, problem.line, problem.reason));
  // Every row is checked before the first write: a bad row stores nothing unless asked.
  const ambiguousDates = problems.some((p) => p.ambiguousDate);
  const refusal = badRowsRefusal({ file: shown, good: drafts.length, bad: problems.length }, options.skipInvalid === true, {
    refusal: messages.formRowsInvalid(shown, problems.length, form.rows.length),
    hint: (someGood) => messages.formRowsInvalidHint(ambiguousDates, someGood),
  });
  if (refusal) throw refusal;

  const progress = options.dryRun ? undefined : startProgress('Importing stories');
  const { stored, alreadyImported } = importStories(
    database(),
    { rows: drafts, dryRun: options.dryRun === true, onProgress: (done, total) => progress?.update(done, total) },
    now,
  );
  progress?.end();

  if (options.json) {
    ctx.print(
      JSON.stringify(
        {
          file,
          format: form.format,
          dryRun: options.dryRun === true,
          columns: Object.fromEntries(Object.entries(columns).map(([field, index]) => [field, form.headers[index] ?? null])),
          imported: stored.map((row) => ({ line: row.line, key: row.key, story: row.story ? storyJson(row.story) : { ...row.draft } })),
          alreadyImported,
          invalid: problems,
        },
        null,
        2,
      ),
    );
  } else if (stored.length) {
    ctx.print(importTable(stored, ctx.look()));
  }
  for (const row of stored) if (!namesBehaviour(row.draft.text)) ctx.info(messages.formVague(shown, row.line, row.id));
  // A name two customers have went to the oldest, as in story add; say how to choose another.
  for (const row of stored) {
    const namesakes = row.id === null || row.draft.customer === null ? null : namesakesOf(ctx.store(), row.draft);
    if (namesakes && row.id !== null) ctx.info(messages.formRowProblem(shown, row.line, messages.customerNamesakes(namesakes.name, namesakes.linked, namesakes.others, row.id)));
  }
  const summary = options.dryRun ? messages.formDryRun : messages.formImported;
  ctx.info(summary(stored.length, alreadyImported.length, problems.length));
  if (stored.length && !options.dryRun) ctx.info(ctx.err.dim('hint: svc stories to see them · svc detect to look for practices in them'));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
