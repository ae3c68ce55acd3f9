import { actionList } from '../../../app/actions.ts';
import { messages } from '../../../core/messages.ts';
import { actionJson, actionTable } from '../../../ui/render/action.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ all?: boolean; json?: boolean }>, ctx: Context): void {
  const actions = actionList(ctx.store(), { all: options.all === true }, ctx.now());
  if (options.json) ctx.print(JSON.stringify(actions.map(actionJson), null, 2));
  else if (actions.length === 0) ctx.info(messages.noActions);
  else ctx.print(actionTable(actions, ctx.look()));
}
