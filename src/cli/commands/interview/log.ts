import { listInterviews, logInterview, readAnswerKeys, requirePlannedInterview } from '../../../app/interview.ts';
import { knownNames } from '../../../app/names.ts';
import { requirePractices } from '../../../app/story.ts';
import { NotFoundError, UsageError, ValidationError } from '../../../core/errors.ts';
import {
  asStoryQuestion,
  closingReminder,
  chooseInterviewQuestion,
  draftInterviewLog,
  interviewInputFromAnswers,
  interviewQuestions,
  staffNamed,
  type InterviewLogInput,
} from '../../../core/interview.ts';
import { messages } from '../../../core/messages.ts';
import { draftStory } from '../../../core/story.ts';
import { cleanName } from '../../../core/text.ts';
import type { Store } from '../../../store/store.ts';
import { interviewJson } from '../../../ui/render/interview.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface LogOptions {
  learned?: string;
  liked?: string;
  change?: string;
  declined?: boolean;
  note?: string;
  on?: string;
  asStory?: boolean;
  staff?: string[];
  confirms?: string[];
  json?: boolean;
}

export async function run(options: WithArgs<LogOptions>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const flags: InterviewLogInput = {
    learned: options.learned,
    liked: options.liked,
    change: options.change,
    note: options.note,
    declined: options.declined,
    on: options.on,
  };
  const scripted = options.declined || [options.learned, options.liked, options.change].some((v) => v !== undefined);
  const prompting = ctx.canPrompt && !scripted;
  const interview = requirePlannedInterview(store, await interviewId(options.args[0], prompting, store));

  let input = flags;
  if (prompting) {
    const { ask } = await import('../../prompts.ts');
    const questions = interviewQuestions({ customer: oneLine(interview.customer), noteGiven: options.note !== undefined });
    input = { ...flags, ...interviewInputFromAnswers(await ask(questions)) };
  }

  const now = ctx.now();
  const log = draftInterviewLog(input, now);
  if (options.confirms?.length && log.status !== 'done') throw new UsageError(messages.confirmsWithDeclined, messages.confirmsWithDeclinedHint);
  if (options.confirms?.length && !log.liked) throw new ValidationError(messages.confirmsNeedsLiked(interview.id), messages.confirmsNeedsLikedHint);
  const confirms = requirePractices(store, options.confirms ?? []).map((p) => p.id);
  const staff = options.staff ? options.staff.map(cleanName) : log.liked ? staffNamed(log.liked, knownNames(store, 'person')) : [];
  let asStory = options.asStory === true;
  if (asStory && !log.liked) throw new ValidationError(messages.asStoryNeedsLiked, messages.asStoryNeedsLikedHint);
  if (asStory && staff.length === 0) throw new ValidationError(messages.asStoryNeedsStaff, messages.asStoryNeedsStaffHint);
  if (prompting && !asStory && log.liked && staff.length > 0) {
    const { ask } = await import('../../prompts.ts');
    asStory = (await ask([asStoryQuestion(staff)])).asStory === true;
  }
  // Checked before the first write, like every story.
  const story =
    asStory && log.liked
      ? draftStory({ text: log.liked, staff, source: 'interview', when: log.heldOn, by: interview.interviewer ?? undefined }, now)
      : null;

  const answerKeys = log.status === 'done' ? await readAnswerKeys(log.liked) : null;
  const { interview: logged, storyId } = logInterview(store, { interviewId: interview.id, log, story, confirms, answerKeys }, now);
  if (options.json) ctx.print(JSON.stringify(interviewJson(logged), null, 2));
  ctx.info(`${ctx.err.green('Logged')} interview #${logged.id} with ${oneLine(logged.customer)}: ${logged.status}.`);
  if (logged.status === 'done') ctx.info(ctx.err.yellow(closingReminder(oneLine(logged.customer), logged.interviewer)));
  if (logged.confirms.length) ctx.info(messages.interviewLinked(logged.id, logged.confirms.map((c) => oneLine(c.practice))));
  if (storyId !== null) ctx.info(`${ctx.err.green('Saved')} story #${storyId} crediting ${staff.map(oneLine).join(', ')} (source: interview).`);
  ctx.info(ctx.err.dim('hint: svc interviews --status done shows what customers said'));
}

/** The id typed, or in a terminal the planned call chosen from a list. */
async function interviewId(typed: unknown, prompting: boolean, store: Store): Promise<string> {
  if (typed !== undefined) return String(typed);
  if (!prompting) throw new UsageError(messages.missingInterviewId, messages.missingInterviewIdHint);
  const planned = listInterviews(store, { status: 'planned' });
  if (planned.length === 0) throw new NotFoundError(messages.noPlannedInterviews, messages.noPlannedInterviewsHint);
  const { ask } = await import('../../prompts.ts');
  return String((await ask([chooseInterviewQuestion(planned)])).interview);
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
