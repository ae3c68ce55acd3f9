import { personProgramme } from '../../../app/training-programme.ts';
import { toDay } from '../../../core/dates.ts';
import { personView } from '../../../app/people.ts';
import { personText } from '../../../ui/render/people.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const store = ctx.store();
  const person = personView(store, { name: String(options.args[0] ?? '') });
  const view = { ...person, ...personProgramme(store, person.id, toDay(ctx.now())) };
  if (options.json) {
    ctx.print(JSON.stringify(view, null, 2));
    return;
  }
  ctx.print(personText(view, ctx.look()));
}
