import { personSuccession, recordPair, successionPerson } from '../../../app/succession.ts';
import { successionText } from '../../../ui/render/succession.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ pair?: string; learner?: string; json?: boolean }>, ctx: Context): Promise<void> {
  const person = successionPerson(ctx.store(), String(options.args[0] ?? ''));
  if (options.pair !== undefined || options.learner !== undefined) {
    const { recorded } = recordPair(ctx.store(), { person, practice: options.pair, learner: options.learner }, ctx.now);
    ctx.info(recorded ? `${ctx.err.green('Paired')} ${oneLine(options.learner ?? '')} with ${oneLine(person)} on "${oneLine(options.pair ?? '')}".` : 'That pairing is recorded already.');
  }
  await indexForEvidence(ctx);
  const succession = personSuccession(ctx.store(), { person });
  if (options.json) ctx.print(JSON.stringify(succession, null, 2));
  else ctx.print(successionText(succession, ctx.look()));
}
