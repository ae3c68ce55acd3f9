import { CorruptDatabaseError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { checkDatabase } from '../../../store/check.ts';
import { renderTable } from '../../../ui/table.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { path } = ctx.dbPath();
  const report = checkDatabase(path);
  if (options.json) {
    ctx.print(JSON.stringify(report, null, 2));
  } else {
    const look = ctx.look();
    const c = look.color;
    const { schema } = report;
    const line = (label: string, value: string) => `${c.dim(label.padEnd(11))} ${value}\n`;
    let out = line('database', path);
    out += line('size', `${Math.ceil(report.sizeBytes / 1024)} KB`);
    out += line('integrity', report.problems.length === 0 ? c.green('ok') : c.red(report.problems.slice(0, 5).join('; ')));
    out += line('references', report.brokenReferences.length === 0 ? c.green('ok') : c.red(`${report.brokenReferences.length} rows point at nothing`));
    out += line(
      'schema',
      schema.version > schema.newest
        ? c.yellow(`${schema.version}, newer than this svc knows (${schema.newest})`)
        : schema.pending.length
          ? `version ${schema.version}; svc will upgrade it to ${schema.newest} on next use (${schema.pending.join(', ')})`
          : `version ${schema.version} (up to date)`,
    );
    const rows = Object.entries(report.counts).map(([table, n]) => [table.replaceAll('_', ' '), n]);
    out += `\n${renderTable(['records', 'rows'], rows, { tty: look.tty, head: (t) => c.bold(t) })}`;
    ctx.print(out.trimEnd());
  }
  if (!report.ok) throw new CorruptDatabaseError(messages.checkCorrupt(path), messages.checkCorruptHint(path));
  if (!options.json) ctx.info(`${ctx.err.green('The database is healthy.')} Back it up with: svc backup FILE`);
}
