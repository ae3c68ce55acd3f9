import { addAction } from '../../../app/actions.ts';
import { messages } from '../../../core/messages.ts';
import { parseId } from '../../../core/ids.ts';
import { actionJson } from '../../../ui/render/action.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ owner?: string; due?: string; fromInterview?: string[]; json?: boolean }>, ctx: Context): void {
  const interviews = (options.fromInterview ?? []).map((typed) => parseId('interview', typed));
  const text = options.args[0] === undefined ? undefined : String(options.args[0]);
  const action = addAction(ctx.store(), { text, owner: options.owner, due: options.due, interviews }, ctx.now());
  if (options.json) ctx.print(JSON.stringify(actionJson(action), null, 2));
  ctx.info(messages.actionAdded(action.id, action.owner ?? '', action.dueOn));
}
