import { UsageError, ValidationError, errorCode, isSvcError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { checkTransition } from '../../../core/practice.ts';
import { cleanProcedure, draftProcedure, stripDraftComments } from '../../../core/procedure.ts';
import { revisionDraft } from '../../../core/review.ts';
import { strongestStories } from '../../../core/training.ts';
import { nextVersionDraft, reviewProcedure } from '../../../app/review.ts';
import { findPractice, practiceEvidence, practiceMatchers, practiceStoryIds, setPracticeStatus } from '../../../store/practices.ts';
import { currentProcedure, insertProcedureVersion, setReviewInterval } from '../../../store/procedures.ts';
import { storiesByIds } from '../../../store/stories.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { editInEditor, readFileCapped, readStdin } from '../../io.ts';
import { requirePractice } from '../../../app/practice.ts';

interface AdoptOptions {
  procedure?: string;
  procedureFile?: string;
  reviewEvery?: number;
  force?: boolean;
  json?: boolean;
}

async function procedureText(options: AdoptOptions, ctx: Context, draft: () => string): Promise<string> {
  if (options.procedure !== undefined && options.procedureFile !== undefined) {
    throw new UsageError(messages.bothProcedures, messages.bothProceduresHint);
  }
  if (options.procedure !== undefined) return options.procedure;
  if (options.procedureFile === '-') return readStdin(ctx.stdin);
  if (options.procedureFile !== undefined) {
    try {
      return await readFileCapped(options.procedureFile);
    } catch (error) {
      if (isSvcError(error)) throw error;
      const reason = errorCode(error) || String(error);
      throw new ValidationError(messages.procedureFileUnreadable(options.procedureFile, reason), messages.procedureFileUnreadableHint);
    }
  }
  if (!ctx.canPrompt) throw new UsageError(messages.missingProcedure, messages.missingProcedureHint);
  return stripDraftComments(editInEditor(draft(), ctx.env));
}

export async function run(options: WithArgs<AdoptOptions>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const practice = requirePractice(store, options.args[0]);
  checkTransition(practice.name, practice.status, 'standard', Boolean(options.force));
  const current = currentProcedure(store.db, practice.id);
  const body = cleanProcedure(
    await procedureText(options, ctx, () =>
      current
        ? practice.status === 'standard'
          ? nextVersionDraft(reviewProcedure(store, { practice: String(practice.id) }, ctx.now), current.body)
          : revisionDraft(practice.name, current.version, current.body, [])
        : draftProcedure(practice, practiceMatchers(store.db, practice.id), strongestStories(storiesByIds(store.db, practiceStoryIds(store.db, practice.id)))),
    ),
  );
  const reviewEveryDays = options.reviewEvery ?? current?.reviewEveryDays ?? ctx.settings()['procedure.review_days'];
  if (practice.status === 'standard' && current && current.body === body) {
    // The same text with another interval changes the schedule, not the standard: no new version.
    const rescheduled = current.reviewEveryDays !== reviewEveryDays;
    if (rescheduled) store.write(() => setReviewInterval(store.db, current.id, reviewEveryDays, ctx.now().toISOString()));
    if (options.json) ctx.print(JSON.stringify({ practice: practice.name, status: practice.status, version: current.version, reviewEveryDays, changed: false }, null, 2));
    ctx.info(
      rescheduled
        ? messages.reviewIntervalChanged(practice.name, current.version, reviewEveryDays)
        : `The procedure of "${practice.name}" is unchanged; it stays at version ${current.version}.`,
    );
    if (!rescheduled) ctx.info(ctx.err.dim(messages.confirmReviewHint(practice.name)));
    return;
  }
  const now = ctx.now().toISOString();
  const sources = practiceEvidence(store.db, practice.id).map((item) => item.storyId);
  const version = store.write(() => {
    const fresh = findPractice(store.db, String(practice.id)) ?? practice;
    setPracticeStatus(store.db, fresh, 'standard', now, options.force && fresh.status === 'retired' ? 'forced' : undefined);
    return insertProcedureVersion(store.db, practice.id, body, reviewEveryDays, sources, now);
  });
  if (options.json) {
    ctx.print(
      JSON.stringify(
        { practice: practice.name, status: 'standard', version, reviewEveryDays, sourceStoryIds: sources, createdAt: now, changed: true },
        null,
        2,
      ),
    );
  }
  ctx.info(
    `${ctx.err.green(version === 1 ? 'Adopted' : 'Updated')} "${practice.name}" as a standard: procedure version ${version}, ` +
      `written from ${sources.length} ${sources.length === 1 ? 'story' : 'stories'}, review every ${reviewEveryDays} days`,
  );
  ctx.info(ctx.err.dim(`hint: svc practice history "${practice.name}" · svc playbook`));
}
