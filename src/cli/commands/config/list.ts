import { renderSettings, settingsJson } from '../../../ui/render/config.ts';
import type { WithArgs } from '../../action.ts';
import { loadSettings } from '../../config.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ origin?: boolean; json?: boolean }>, ctx: Context): void {
  const settings = loadSettings(ctx.env);
  if (options.json) ctx.print(JSON.stringify(settingsJson(settings), null, 2));
  else ctx.print(renderSettings(settings, { origin: options.origin === true, color: ctx.out }));
}
