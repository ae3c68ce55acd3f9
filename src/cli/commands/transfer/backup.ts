import { backupDatabase } from '../../../app/transfer.ts';
import { messages } from '../../../core/messages.ts';
import { countOf } from '../../../ui/format.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { checkBackupTarget } from '../../output.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const target = checkBackupTarget(String(options.args[0])); // before the store is opened (and perhaps created)
  const result = await backupDatabase(ctx.store(), { target }, ctx.now);
  if (options.json) ctx.print(JSON.stringify(result, null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(result.path);
  ctx.info(`${ctx.err.green('Backed up')} ${countOf(result.stories, 'story', 'stories')} to ${result.path} (${Math.ceil(result.bytes / 1024)} KB, readable by you only).`);
  const restore = ctx.dbPath().engine === 'postgres' ? messages.backupRestoreHintPostgres(result.path) : messages.backupRestoreHint;
  ctx.info(ctx.err.dim(`hint: ${restore}`));
}
