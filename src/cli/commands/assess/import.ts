import { importAssessment } from '../../../app/assess.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { readFormFile } from '../story/form-file.ts';
import { assessSettings } from './settings.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const form = await readFormFile(String(options.args[0]));
  const saved = importAssessment(ctx.store(), { form, settings: assessSettings(ctx.settings()) }, ctx.now());
  if (options.json) ctx.print(JSON.stringify({ round: saved.openedOn, people: saved.people }, null, 2));
  ctx.info(messages.assessImported(saved.people, saved.openedOn));
}
