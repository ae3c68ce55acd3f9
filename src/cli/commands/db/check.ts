import { CorruptDatabaseError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { checkDatabase } from '../../../store/check.ts';
import { checkText } from '../../../ui/render/check.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { path } = ctx.dbPath();
  const report = checkDatabase(path);
  if (options.json) {
    ctx.print(JSON.stringify(report, null, 2));
  } else {
    ctx.print(checkText({ ...report, path }, ctx.look()));
  }
  if (!report.ok) throw new CorruptDatabaseError(messages.checkCorrupt(path), messages.checkCorruptHint(path));
  if (!options.json) ctx.info(`${ctx.err.green('The database is healthy.')} Back it up with: svc backup FILE`);
}
