import { isConfigKey, CONFIG_KEYS } from '../../../core/config.ts';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { closestWord } from '../../../core/text.ts';
import { settingJson, settingText } from '../../../ui/render/config.ts';
import type { WithArgs } from '../../action.ts';
import { loadSettings } from '../../config.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const key = String(options.args[0]);
  if (!isConfigKey(key)) throw new UsageError(messages.configUnknownKey(key), messages.configUnknownKeyHint(closestWord(key, Object.keys(CONFIG_KEYS))));
  const settings = loadSettings(ctx.env);
  if (options.json) ctx.print(JSON.stringify(settingJson(key, settings), null, 2));
  else ctx.print(settingText(settings.values[key]));
}
