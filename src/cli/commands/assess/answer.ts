import { answerAssessment, assessmentQuestions, checkAssessor } from '../../../app/assess.ts';
import { assessQuestions, keyValues, MIN_ANSWERING, responseFromAnswers } from '../../../core/assess.ts';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { assessSettings } from './settings.ts';

interface AnswerOptions {
  as?: string;
  answer?: string[];
  note?: string[];
  json?: boolean;
}

export async function run(options: WithArgs<AnswerOptions>, ctx: Context): Promise<void> {
  const settings = assessSettings(ctx.settings());
  const store = ctx.store();
  let scores = keyValues(options.answer ?? [], '--answer');
  let notes = keyValues(options.note ?? [], '--note');
  const prompting = ctx.canPrompt && scores.size === 0;
  let person = options.as;
  if (person === undefined) {
    if (!prompting) throw new UsageError(messages.assessNeedsPerson, messages.assessNeedsPersonHint);
    const { askText } = await import('../../prompts.ts');
    person = await askText('Your name (to count you once this round; it is not kept with your answers):');
  }
  const assessor = checkAssessor(store, { person }, ctx.now());
  if (prompting) {
    ctx.info(settings.attributed ? messages.assessAttributedIntro : messages.assessAnonymousIntro(MIN_ANSWERING));
    const { ask } = await import('../../prompts.ts');
    ({ scores, notes } = responseFromAnswers(await ask(assessQuestions(assessmentQuestions(store)))));
  }
  const saved = answerAssessment(store, { person: assessor.person, scores, notes, settings }, ctx.now());
  // Only what was saved and where: the answers are not echoed, so a shared screen or log does not keep them.
  if (options.json) ctx.print(JSON.stringify({ round: saved.openedOn, answers: saved.answers, attributed: settings.attributed }, null, 2));
  ctx.info(`${ctx.err.green('Saved')} ${messages.assessSaved(saved.answers, saved.openedOn).replace(/^Saved /u, '')}`);
  ctx.info(ctx.err.dim('hint: svc assess results shows the team figures once 3 or more have answered'));
}
