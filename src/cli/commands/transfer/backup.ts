import { backupTo, checkBackupTarget } from '../../../store/backup.ts';
import { recordingWrittenFile } from '../../../store/forget-files.ts';
import { countOf } from '../../../ui/format.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const target = checkBackupTarget(String(options.args[0])); // before the store is opened (and perhaps created)
  const result = await recordingWrittenFile(ctx.store().db, 'backup', target, true, ctx.now().toISOString(), () => backupTo(ctx.store(), target));
  if (options.json) ctx.print(JSON.stringify(result, null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(result.path);
  ctx.info(`${ctx.err.green('Backed up')} ${countOf(result.stories, 'story', 'stories')} to ${result.path} (${Math.ceil(result.bytes / 1024)} KB, readable by you only).`);
  ctx.info(ctx.err.dim('hint: to restore, stop svc and copy the file back to "$(svc db path)"; svc db check verifies it'));
}
