import { checkServer } from '../../../app/check.ts';
import { CorruptDatabaseError, ExitCode, SvcError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { checkDatabase } from '../../../store/check.ts';
import type { CheckReport } from '../../../store/store.ts';
import { checkText } from '../../../ui/render/check.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { path, engine } = ctx.dbPath();
  const shown = ctx.shownDb();
  // A file is read as it is (a damaged one cannot open as a Store); a server is asked through the Store, without migrating.
  const server = engine === 'postgres' ? ctx.readOnlyStore() : undefined;
  const report: CheckReport = server ? checkServer(server) : checkDatabase(path);
  if (options.json) {
    ctx.print(JSON.stringify(report, null, 2));
  } else {
    ctx.print(checkText({ ...report, path: shown }, ctx.look()));
  }
  // What every other command would refuse, refused here with its words and exit code: such a database is not healthy.
  if (report.refused) throw new SvcError(report.refused.message, report.refused.reason === 'no-schema' ? ExitCode.notFound : ExitCode.conflict, report.refused.hint);
  if (!report.ok && server) throw new CorruptDatabaseError(messages.checkServerFailed(shown), messages.checkServerHint);
  if (!report.ok) throw new CorruptDatabaseError(messages.checkCorrupt(shown), messages.checkCorruptHint(shown));
  if (!options.json) ctx.info(`${ctx.err.green('The database is healthy.')} ${server ? messages.checkServerBackup : 'Back it up with: svc backup FILE'}`);
}
