import { personSuccession, recordPair, successionPerson } from '../../../app/succession.ts';
import { successionDocument, successionText } from '../../../ui/render/succession.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeView, type ViewOutputOptions } from '../../output.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<ViewOutputOptions & { pair?: string; learner?: string }>, ctx: Context): Promise<void> {
  const pairing = options.pair !== undefined || options.learner !== undefined;
  const person = successionPerson(ctx.store(), String(options.args[0] ?? ''), { pairing });
  if (pairing) {
    const pair = recordPair(ctx.store(), { person, practice: options.pair, learner: options.learner }, ctx.now);
    ctx.info(pair.recorded ? `${ctx.err.green('Paired')} ${oneLine(pair.learner)} with ${oneLine(pair.star)} on "${oneLine(pair.practice)}".` : 'That pairing is recorded already.');
  }
  await indexForEvidence(ctx);
  const succession = personSuccession(ctx.store(), { person });
  writeView(ctx, options, { what: 'the succession', stem: 'succession' }, {
    json: () => succession,
    text: (look) => successionText(succession, look),
    document: () => successionDocument(succession),
  });
}
