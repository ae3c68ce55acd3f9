import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import { setConfigValue } from '../../config.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<object>, ctx: Context): void {
  const [key, value] = options.args as [string, string];
  const { path } = setConfigValue(ctx.env, key, value);
  ctx.info(messages.configSaved(key, path));
}
