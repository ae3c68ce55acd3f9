import { adoptPractice, startAdoption, type Adoption } from '../../../app/practice-admin.ts';
import { UsageError, ValidationError, fileReadReason, isSvcError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { cleanProcedure, draftState, stripDraftComments } from '../../../core/procedure.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { editInEditor, readFileCapped, readStdin } from '../../io.ts';

interface AdoptOptions {
  procedure?: string;
  procedureFile?: string;
  reviewEvery?: number;
  force?: boolean;
  json?: boolean;
}

/** The procedure from the flags, stdin or the editor; undefined when the user declined to adopt a draft saved unchanged. */
async function procedureText(options: AdoptOptions, ctx: Context, adoption: Adoption): Promise<string | undefined> {
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
      const reason = fileReadReason(error);
      throw new ValidationError(messages.procedureFileUnreadable(options.procedureFile, reason), messages.procedureFileUnreadableHint);
    }
  }
  if (!ctx.canPrompt) throw new UsageError(messages.missingProcedure, messages.missingProcedureHint);
  const draft = adoption.draft();
  const saved = editInEditor(draft, ctx.env);
  // A next version starts from the current text, so saving it unchanged is a real answer; a first draft is only a starting point.
  if (!adoption.current) {
    const state = draftState(saved, draft);
    if (state === 'empty-steps') throw new ValidationError(messages.draftWithoutSteps, messages.draftWithoutStepsHint);
    if (state === 'unchanged') {
      const { askConfirm } = await import('../../prompts.ts');
      if (!(await askConfirm(messages.draftUnchanged(adoption.practice.name)))) return undefined;
    }
  }
  return stripDraftComments(saved);
}

export async function run(options: WithArgs<AdoptOptions>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const adoption = startAdoption(store, { practice: String(options.args[0] ?? ''), force: options.force }, ctx.now);
  const text = await procedureText(options, ctx, adoption);
  if (text === undefined) {
    ctx.info(messages.draftNotAdopted);
    return;
  }
  const body = cleanProcedure(text);
  const reviewEveryDays = options.reviewEvery ?? adoption.current?.reviewEveryDays ?? ctx.settings()['procedure.review_days'];
  const adopted = adoptPractice(store, { adoption, body, reviewEveryDays, force: options.force }, ctx.now);
  const { practice, version } = adopted;
  if (!adopted.changed) {
    if (options.json) ctx.print(JSON.stringify({ practice, status: adopted.status, version, reviewEveryDays, changed: false }, null, 2));
    ctx.info(adopted.rescheduled ? messages.reviewIntervalChanged(practice, version, reviewEveryDays) : `The procedure of "${practice}" is unchanged; it stays at version ${version}.`);
    if (!adopted.rescheduled) ctx.info(ctx.err.dim(messages.confirmReviewHint(practice)));
    return;
  }
  const sources = adopted.sourceStoryIds;
  if (options.json) {
    ctx.print(JSON.stringify({ practice, status: 'standard', version, reviewEveryDays, sourceStoryIds: sources, createdAt: adopted.createdAt, changed: true }, null, 2));
  }
  ctx.info(
    `${ctx.err.green(version === 1 ? 'Adopted' : 'Updated')} "${practice}" as a standard: procedure version ${version}, ` +
      `written from ${sources.length} ${sources.length === 1 ? 'story' : 'stories'}, review every ${reviewEveryDays} days`,
  );
  ctx.info(ctx.err.dim(`hint: svc practice history "${practice}" · svc playbook`));
}
