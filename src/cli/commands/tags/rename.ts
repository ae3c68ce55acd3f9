import { ConflictError, ValidationError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { checkedTag } from '../../../core/story.ts';
import { findTag, renameTag } from '../../../store/tags.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { refuseBuiltin, requireTag } from './find.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const store = ctx.store();
  const tag = requireTag(store, options.args[0]);
  const name = checkedTag(String(options.args[1] ?? ''), 'the new tag');
  if (!name) throw new ValidationError(messages.emptyName('tag'), messages.emptyNameHint('svc tag rename folow-up follow-up'));
  if (name === tag.name) {
    // "FOLLOW-UP" is follow-up once normalised: nothing to do, and nothing wrong either.
    if (options.json) ctx.print(JSON.stringify({ from: tag.name, name }, null, 2));
    ctx.info(messages.tagNameUnchanged(name));
    return;
  }
  refuseBuiltin(tag, 'renamed');
  store.write(() => {
    // Read again under the lock: another svc may have changed it meanwhile.
    refuseBuiltin(requireTag(store, tag.name), 'renamed');
    if (findTag(store.db, name)) throw new ConflictError(messages.tagExists(name), messages.tagExistsHint(tag.name, name));
    renameTag(store.db, tag.id, name, ctx.now().toISOString());
  });
  if (options.json) ctx.print(JSON.stringify({ from: tag.name, name }, null, 2));
  ctx.info(`${ctx.err.green('Renamed')} tag ${tag.name} to ${name}; its stories and practice matchers follow.`);
}
