import { copyDatabase, type CopyOutcome } from '../../../app/transfer.ts';
import { copyTable, importTable } from '../../../ui/render/transfer.ts';
import { countOf } from '../../../ui/format.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { startProgress } from '../../progress.ts';

interface CopyOptions {
  to: string;
  merge?: boolean;
  json?: boolean;
}

export async function run(options: WithArgs<CopyOptions>, ctx: Context): Promise<void> {
  // The source first: a missing one is refused before the target is created.
  const source = ctx.store();
  const target = await ctx.otherDatabase(options.to, '--to');
  const names = { source: ctx.shownDb(), target: target.shown };
  const progress = startProgress('Copying');
  let outcome: CopyOutcome;
  try {
    // A new file is written under a temporary name and appears only once whole and checked.
    const store = target.missing ? undefined : target.open();
    try {
      outcome = await copyDatabase(
        source,
        {
          target: store ? { store, file: target.file } : { newFile: target.file ?? options.to },
          names,
          merge: options.merge === true,
          onProgress: (done, total) => progress.update(done, total),
        },
        ctx.now,
      );
    } finally {
      progress.end();
      store?.close();
    }
  } catch (error) {
    throw target.explain(error);
  }

  if (outcome.merged) {
    const { result } = outcome;
    if (options.json) ctx.print(JSON.stringify({ from: names.source, to: names.target, merged: true, tables: result.tables, totals: result.totals, removed: result.removed }, null, 2));
    else if (result.tables.length > 0) ctx.print(importTable(result.tables, ctx.look()));
    const { added, updated, skipped } = result.totals;
    ctx.info(`${ctx.err.green('Merged')} ${names.source} into ${names.target}: ${added} added, ${updated} updated, ${skipped} already there or older.`);
    return;
  }
  if (options.json) ctx.print(JSON.stringify({ from: names.source, to: names.target, merged: false, tables: outcome.tables, total: outcome.total }, null, 2));
  else ctx.print(copyTable(outcome.tables, ctx.look()));
  const stories = outcome.tables.find((t) => t.table === 'stories')?.rows ?? 0;
  ctx.info(`${ctx.err.green('Copied')} ${countOf(stories, 'story', 'stories')} and ${countOf(outcome.total - stories, 'other record', 'other records')} to ${names.target}; every table's count checked.`);
}
