import { removePhrase } from '../../../app/practice-evidence.ts';
import { matcherLabel } from '../../../core/practice.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const { practice, removed, unlinked } = await removePhrase(ctx.store(), { practice: String(options.args[0] ?? ''), phrase: String(options.args[1] ?? '') }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ practice: practice.name, removed, unlinked }, null, 2));
  ctx.info(
    `${ctx.err.yellow('Removed')} the phrase "${matcherLabel(removed)}" from "${practice.name}": ${unlinked} ${unlinked === 1 ? 'story' : 'stories'} it alone linked ${unlinked === 1 ? 'is' : 'are'} no longer evidence.`,
  );
}
