import { eraseCustomer, finishForget, planForget, writtenCopies } from '../../../app/forget.ts';
import { FORGOTTEN_CUSTOMER } from '../../../core/customer.ts';
import { ConflictError, UsageError } from '../../../core/errors.ts';
import type { ForgetReport } from '../../../core/forget.ts';
import { messages } from '../../../core/messages.ts';
import type { FinishReport } from '../../../store/store.ts';
import { changedCounts, draftLines, draftsJson, markedChange, markedDraftChange, withDrafts, writtenFileJson, writtenFileLines } from '../../../ui/render/forget.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { eraseDrafts, scanDrafts } from '../../drafts.ts';
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
  // On a server svc sees no file of the database: its messages speak of the server.
  const onServer = ctx.dbPath().engine === 'postgres';
  const plan = planForget(store, { customer: String(options.args[0]), onServer }, ctx.now);
  const { customer } = plan;
  const waitMs = options.wait * 1000;

  if (plan.step === 'resume') {
    // Erased from the records before, but the files were never verified: finish that.
    if (options.dryRun) {
      ctx.info(`Customer #${customer.id} is erased from every record; forget would finish ${onServer ? 'on the server' : 'wiping the files'}. Nothing was changed.`);
      return;
    }
    // The drafts were looked through by the run that erased the records, which knew the details.
    const finish = finishWithProgress(ctx, customer.id, null, waitMs, onServer);
    report(ctx, options, { customerId: customer.id, resumed: true, drafts: null }, finish);
    return;
  }

  const { preview } = plan;
  const target = preview.drafts;
  // A draft that cannot be read is refused here, before anything is asked or changed.
  const drafts = scanDrafts(ctx.env, ctx.shownDb(), target);
  if (options.dryRun) {
    const files = writtenCopies(store, ctx.now);
    if (options.json) {
      ctx.print(
        JSON.stringify(
          { ...summaryJson(preview), dryRun: true, changes: preview.changes, drafts: draftsJson(drafts, onServer, true), copies: files.map(writtenFileJson) },
          null,
          2,
        ),
      );
    } else {
      const { color } = ctx.look();
      for (const change of preview.changes) ctx.print(markedChange(change, FORGOTTEN_CUSTOMER, color));
      for (const draft of drafts.erasures) for (const change of draft.changes) ctx.print(markedDraftChange(draft.path, change, FORGOTTEN_CUSTOMER, color));
    }
    ctx.info(
      `Dry run: forgetting customer #${customer.id} would change ${withDrafts(changedCounts(preview), drafts)}. Nothing was changed; run again without --dry-run to forget.`,
    );
    for (const line of messages.forgetShared(preview.shared, onServer)) ctx.info(line);
    for (const line of draftLines(drafts, true, onServer)) ctx.info(line);
    for (const line of writtenFileLines(files)) ctx.info(line);
    return;
  }

  if (!options.yes) {
    if (!ctx.canPrompt) throw new UsageError(messages.forgetNeedsYes(customer.id), messages.forgetNeedsYesHint(customer.id));
    const { askConfirm } = await import('../../prompts.ts');
    const sure = await askConfirm(messages.forgetConfirm(oneLine(customer.name), customer.id, `This changes ${withDrafts(changedCounts(preview), drafts)}.`));
    if (!sure) {
      ctx.info(`Kept customer #${customer.id}; nothing was changed.`);
      return;
    }
  }
  // Drafts first: one that cannot be rewritten stops the forget while the database still
  // knows the details, so running it again finds them; a re-run after the records are
  // erased could no longer look for them.
  const rewritten = eraseDrafts(ctx.env, ctx.shownDb(), target);
  let erased: ForgetReport;
  try {
    erased = eraseCustomer(store, { customerId: customer.id }, ctx.now);
  } catch (error) {
    // The drafts are clean already, and stay so; the error says what stopped the rest.
    if (rewritten.erasures.length > 0) for (const line of draftLines(rewritten, false, false)) ctx.info(line);
    throw error;
  }
  const erasedWhat = erased.erased.length ? erased.erased.join(', ') : 'nothing (no details were stored)';
  ctx.info(`Forgot customer #${customer.id}: erased ${erasedWhat}.`);
  ctx.info(
    erased.storiesChanged + erased.interviewsChanged + Object.keys(erased.elsewhere).length > 0
      ? `Replaced their details with "(forgotten)" in ${changedCounts(erased)}; the stories and answers are kept.`
      : 'No story, interview answer or other record held a copy of their details.',
  );
  for (const line of messages.forgetShared(erased.shared, onServer)) ctx.info(line);
  if (erased.nameNotScanned) ctx.info(messages.forgetNameNotScanned);
  for (const line of draftLines(rewritten, false, onServer)) ctx.info(line);
  const finish = finishWithProgress(ctx, customer.id, erased.traces, waitMs, onServer);
  report(ctx, options, { ...summaryJson(erased), resumed: false, drafts: draftsJson(rewritten, onServer, false) }, finish);
}

/** Compacts and checks the files, with a progress bar: on a large database VACUUM takes a while. */
function finishWithProgress(ctx: Context, id: number, traces: readonly string[] | null, waitMs: number, onServer: boolean): FinishReport {
  const progress = startProgress(onServer ? `Finishing customer #${id}'s forget on the server` : `Wiping customer #${id} from the files`);
  try {
    return finishForget(ctx.store(), { customerIds: [id], traces, waitMs, onProgress: (done, total) => progress.update(done, total) });
  } finally {
    progress.end();
  }
}

/** The counts of a forget, without the personal data the report holds in memory. */
function summaryJson(report: ForgetReport) {
  const { customerId, erased, storiesChanged, interviewsChanged, elsewhere, shared, nameNotScanned } = report;
  return { customerId, erased, storiesChanged, interviewsChanged, elsewhere, shared, nameNotScanned };
}

/**
 * What finishing did to the files, and the copies svc made that forget cannot reach. A
 * forget left pending (a server's table this role may not vacuum) is said last, as a refusal.
 */
function report(ctx: Context, options: ForgetOptions, summary: Record<string, unknown>, finish: FinishReport): void {
  const files = writtenCopies(ctx.store(), ctx.now);
  const { vacuum } = finish;
  const id = Number(summary.customerId);
  if (options.json) {
    const server = vacuum ? { vacuumed: vacuum.done, notVacuumed: vacuum.refused } : {};
    ctx.print(JSON.stringify({ ...summary, removed: finish.removed, filesVerified: true, finished: finish.finished, ...server, copies: files.map(writtenFileJson) }, null, 2));
  }
  if (finish.removed.length > 0) {
    ctx.info(`Deleted svc's own copies that held them (pre-migration backups, unfinished exports): ${finish.removed.join(', ')}.`);
  }
  if (vacuum) {
    if (finish.scanned) ctx.info(messages.forgetServerChecked);
    else if (finish.finished) ctx.info(messages.forgetServerFinished(id));
    if (vacuum.done.length > 0) ctx.info(messages.forgetServerVacuumed(vacuum.done.length));
    if (vacuum.refused.length > 0) {
      ctx.info(vacuum.done.length === 0 ? messages.forgetServerVacuumedNone(vacuum.refused) : messages.forgetServerNotVacuumed(vacuum.refused));
    }
  } else {
    ctx.info(
      finish.scanned
        ? 'Wiped the search index, free pages and write-ahead log, and checked that no byte of the database files holds their details.'
        : `Finished forgetting customer #${String(summary.customerId)}: compacted the database and emptied its write-ahead log.`,
    );
  }
  for (const line of writtenFileLines(files)) ctx.info(line);
  if (!finish.finished) throw new ConflictError(messages.forgetServerPending([id]), messages.forgetServerPendingHint([id]));
}
