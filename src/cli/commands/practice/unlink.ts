import { NotFoundError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { evidenceLinks, unlinkEvidence } from '../../../store/practices.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from '../../../app/practice.ts';
import { storyIdsFromArgs } from './link.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const store = ctx.store();
  const practice = requirePractice(store, options.args[0]);
  const ids = storyIdsFromArgs(store.db, options.args[1]);
  const links = evidenceLinks(store.db, practice.id);
  const strangers = ids.filter((id) => !links.has(id));
  if (strangers.length) throw new NotFoundError(messages.notEvidence(strangers, practice.name), messages.notEvidenceHint(practice.name));
  store.write(() => unlinkEvidence(store.db, practice.id, ids, ctx.now().toISOString()));
  if (options.json) ctx.print(JSON.stringify({ practice: practice.name, unlinked: ids }, null, 2));
  ctx.info(`${ctx.err.yellow('Unlinked')} ${ids.map((id) => `#${id}`).join(', ')} from "${practice.name}"`);
  if (ids.some((id) => links.get(id) === 'matched')) {
    ctx.info(ctx.err.dim('hint: a story carrying a matcher tag is linked again when it is edited; remove the tag to keep it out'));
  }
}
