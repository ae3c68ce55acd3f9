import { UsageError, ValidationError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import {
  draftRows,
  IMPORT_FIELDS,
  inferDateOrder,
  parseColumnMap,
  parseDateFormat,
  resolveColumns,
  type ColumnMap,
  type ImportedRow,
} from '../../../core/story-import.ts';
import { namesBehaviour } from '../../../core/vague.ts';
import type { Settings } from '../../../core/config.ts';
import type { Db } from '../../../store/db.ts';
import { linkMatchesForStory } from '../../../store/matching.ts';
import { getStory, insertStory } from '../../../store/stories.ts';
import { importedKeys, recordImportKey } from '../../../store/story-imports.ts';
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

/** A stored story as story add prints it. */
function savedStoryJson(db: Db, id: number): Record<string, unknown> {
  const story = getStory(db, id);
  if (!story) throw new Error(`story #${id} vanished after saving`);
  return storyJson(story);
}

export async function run(options: WithArgs<ImportOptions>, ctx: Context): Promise<void> {
  const file = String(options.args[0] ?? '');
  if (!file) throw new UsageError(messages.formFileMissing('FILE'), messages.formFileMissingHint);
  const settings = ctx.settings();
  const flags = parseColumnMap(options.map ?? []);
  const dateFormat = options.dateFormat ?? settings['import.date_format'];
  const order = dateFormat ? parseDateFormat(dateFormat) : null;

  const form = file === '-' ? await withStdinAsFile(ctx.stdin, (copy) => readFormFile(copy, 'stdin')) : await readFormFile(file);
  const columns = resolveColumns(file, form.headers, flags, configMap(settings));
  const when = columns.when;
  const fileOrder = order ?? (when === undefined ? null : inferDateOrder(form.rows.map((row) => row.cells[when] ?? '')));
  const now = ctx.now();
  const { drafts, problems } = draftRows(form.rows, columns, fileOrder, now);
  for (const problem of problems) ctx.info(messages.formRowProblem(file, problem.line, problem.reason));
  // Every row is checked before the first write: a bad row stores nothing unless asked.
  if (problems.length && !options.skipInvalid) {
    throw new ValidationError(
      messages.formRowsInvalid(file, problems.length, form.rows.length),
      messages.formRowsInvalidHint(problems.some((p) => p.ambiguousDate), drafts.length > 0),
    );
  }

  const store = ctx.store();
  const nowIso = now.toISOString();
  const importRows = () => {
    const known = importedKeys(store.db, drafts.map((d) => d.key));
    const fresh: ImportedRow[] = [];
    const alreadyImported: number[] = [];
    for (const draft of drafts) {
      if (known.has(draft.key)) alreadyImported.push(draft.line);
      else {
        known.add(draft.key); // the same row twice in one file is one story
        fresh.push(draft);
      }
    }
    if (options.dryRun) return { stored: fresh.map((row) => ({ ...row, id: null })), alreadyImported };
    const progress = startProgress('Importing stories');
    const stored = fresh.map((row, i) => {
      const id = insertStory(store.db, row.draft, nowIso);
      linkMatchesForStory(store.db, id, nowIso);
      recordImportKey(store.db, row.key, id, nowIso);
      progress.update(i + 1, fresh.length);
      return { ...row, id: id as number | null };
    });
    progress.end();
    return { stored, alreadyImported };
  };
  const { stored, alreadyImported } = options.dryRun ? store.db.transaction(importRows)() : store.write(importRows);

  if (options.json) {
    ctx.print(
      JSON.stringify(
        {
          file,
          format: form.format,
          dryRun: options.dryRun === true,
          columns: Object.fromEntries(Object.entries(columns).map(([field, index]) => [field, form.headers[index] ?? null])),
          imported: stored.map((row) => ({ line: row.line, key: row.key, story: row.id === null ? { ...row.draft } : savedStoryJson(store.db, row.id) })),
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
  for (const row of stored) if (!namesBehaviour(row.draft.text)) ctx.info(messages.formVague(file, row.line, row.id));
  const summary = options.dryRun ? messages.formDryRun : messages.formImported;
  ctx.info(summary(stored.length, alreadyImported.length, problems.length));
  if (stored.length && !options.dryRun) ctx.info(ctx.err.dim('hint: svc stories to see them · svc detect to look for practices in them'));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
