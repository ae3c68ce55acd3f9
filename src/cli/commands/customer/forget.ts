import { FORGOTTEN_CUSTOMER, type Customer } from '../../../core/customer.ts';
import { requireCustomer } from '../../../app/customers.ts';
import { ConflictError, UsageError } from '../../../core/errors.ts';
import type { ForgetReport } from '../../../core/forget.ts';
import { idIn } from '../../../core/ids.ts';
import { messages } from '../../../core/messages.ts';
import { getCustomer } from '../../../store/customers.ts';
import type { Db } from '../../../store/db.ts';
import type { SqliteStore } from '../../../store/sqlite-store.ts';
import { finishForgets, writtenFiles, type FinishReport } from '../../../store/forget-files.ts';
import { forgetCustomer, isForgetPending, previewForget } from '../../../store/forget.ts';
import { changedCounts, markedChange, writtenFileJson, writtenFileLines } from '../../../ui/render/forget.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { startProgress } from '../../progress.ts';

interface ForgetOptions {
  yes?: boolean;
  json?: boolean;
  dryRun?: boolean;
  /** Seconds to wait for other readers to let go of old pages (30 unless given). */
  wait: number;
}

export async function run(options: WithArgs<ForgetOptions>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const customer = requireCustomer(store, String(options.args[0]));
  const waitMs = options.wait * 1000;
  const now = ctx.now().toISOString();

  if (customer.forgotten) {
    // Erased from the records before, but the files were never verified: finish that.
    if (!isForgetPending(store.db, customer.id)) throw new ConflictError(messages.forgetAlreadyDone(customer.id), messages.forgetAlreadyDoneHint);
    if (options.dryRun) {
      ctx.info(`Customer #${customer.id} is erased from every record; forget would finish wiping the files. Nothing was changed.`);
      return;
    }
    const finish = finishWithProgress(store, customer.id, null, waitMs);
    report(ctx, options, { customerId: customer.id, resumed: true }, finish, now);
    return;
  }

  const preview = previewForget(store, customer.id, now);
  if (options.dryRun) {
    const files = writtenFiles(store.db, now);
    if (options.json) {
      ctx.print(JSON.stringify({ ...summaryJson(preview), dryRun: true, changes: preview.changes, copies: files.map(writtenFileJson) }, null, 2));
    } else {
      for (const change of preview.changes) ctx.print(markedChange(change, FORGOTTEN_CUSTOMER, ctx.look().color));
    }
    ctx.info(`Dry run: forgetting customer #${customer.id} would change ${changedCounts(preview)}. Nothing was changed; run again without --dry-run to forget.`);
    for (const line of writtenFileLines(files)) ctx.info(line);
    return;
  }

  if (!options.yes) {
    if (!ctx.canPrompt) throw new UsageError(messages.forgetNeedsYes(customer.id), messages.forgetNeedsYesHint(customer.id));
    const { askConfirm } = await import('../../prompts.ts');
    const sure = await askConfirm(messages.forgetConfirm(oneLine(customer.name), customer.id, `This changes ${changedCounts(preview)}.`));
    if (!sure) {
      ctx.info(`Kept customer #${customer.id}; nothing was changed.`);
      return;
    }
  }
  const erased = store.write(() => forgetCustomer(store.db, customer.id, now));
  const erasedWhat = erased.erased.length ? erased.erased.join(', ') : 'nothing (no details were stored)';
  ctx.info(`Forgot customer #${customer.id}: erased ${erasedWhat}.`);
  ctx.info(
    erased.storiesChanged + erased.interviewsChanged + Object.keys(erased.elsewhere).length > 0
      ? `Replaced their details with "(forgotten)" in ${changedCounts(erased)}; the stories and answers are kept.`
      : 'No story, interview answer or other record held a copy of their details.',
  );
  const finish = finishWithProgress(store, customer.id, erased.traces, waitMs);
  report(ctx, options, { ...summaryJson(erased), resumed: false }, finish, now);
}

/** Compacts and checks the files, with a progress bar: on a large database VACUUM takes a while. */
function finishWithProgress(store: SqliteStore, id: number, traces: readonly string[] | null, waitMs: number): FinishReport {
  const progress = startProgress(`Wiping customer #${id} from the files`);
  try {
    return finishForgets(store, [id], traces, waitMs, (done, total) => progress.update(done, total));
  } finally {
    progress.end();
  }
}

/** The counts of a forget, without the personal data the report holds in memory. */
function summaryJson(report: ForgetReport) {
  const { customerId, erased, storiesChanged, interviewsChanged, elsewhere } = report;
  return { customerId, erased, storiesChanged, interviewsChanged, elsewhere };
}

/** What finishing did to the files, and the copies svc made that forget cannot reach. */
function report(ctx: Context, options: ForgetOptions, summary: Record<string, unknown>, finish: FinishReport, now: string): void {
  const files = writtenFiles(ctx.store().db, now);
  if (options.json) {
    ctx.print(JSON.stringify({ ...summary, removed: finish.removed, filesVerified: true, copies: files.map(writtenFileJson) }, null, 2));
  }
  if (finish.removed.length > 0) {
    ctx.info(`Deleted svc's own copies that held them (pre-migration backups, unfinished exports): ${finish.removed.join(', ')}.`);
  }
  ctx.info(
    finish.scanned
      ? 'Wiped the search index, free pages and write-ahead log, and checked that no byte of the database files holds their details.'
      : `Finished forgetting customer #${String(summary.customerId)}: compacted the database and emptied its write-ahead log.`,
  );
  for (const line of writtenFileLines(files)) ctx.info(line);
}
