import { actionView } from '../../../app/actions.ts';
import { parseId } from '../../../core/ids.ts';
import { actionDetail, actionJson } from '../../../ui/render/action.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const action = actionView(ctx.store(), parseId('action', String(options.args[0])), ctx.now());
  ctx.print(options.json ? JSON.stringify(actionJson(action), null, 2) : actionDetail(action, ctx.look()));
}
