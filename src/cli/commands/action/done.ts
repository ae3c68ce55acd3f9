import { completeAction } from '../../../app/actions.ts';
import { messages } from '../../../core/messages.ts';
import { parseId } from '../../../core/ids.ts';
import { actionJson } from '../../../ui/render/action.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ on?: string; json?: boolean }>, ctx: Context): void {
  const action = completeAction(ctx.store(), { id: parseId('action', String(options.args[0])), on: options.on }, ctx.now());
  if (options.json) ctx.print(JSON.stringify(actionJson(action), null, 2));
  ctx.info(messages.actionDone(action.id, action.doneOn ?? ''));
}
