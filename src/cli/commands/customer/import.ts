import { importCustomers } from '../../../app/customers.ts';
import { badRowsRefusal } from '../../../core/bad-rows.ts';
import { checkImportRows, type RowProblem } from '../../../core/customer.ts';
import { ValidationError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { readImportFile } from './file.ts';

interface ImportOptions {
  skipInvalid?: boolean;
  json?: boolean;
}

export async function run(options: WithArgs<ImportOptions>, ctx: Context): Promise<void> {
  const parsed = await readImportFile(String(options.args[0]), ctx);
  const file = options.args[0] === '-' ? 'stdin' : String(options.args[0]);
  const { drafts, problems, repeated } = checkImportRows(parsed.rows);
  const where = (problem: RowProblem) => (parsed.format === 'json' ? `${file}: entry ${problem.line}` : `${file}:${problem.line}`);
  const describe = (problem: RowProblem) => `${where(problem)}: ${oneLine(problem.reason)}`;

  const refusal = badRowsRefusal({ file, good: drafts.length, bad: problems.length }, options.skipInvalid === true, {
    refusal: messages.importBadRows(file, problems.length),
    hint: messages.importBadRowsHint,
  });
  if (refusal) {
    for (const problem of problems) ctx.info(describe(problem));
    throw refusal;
  }
  if (drafts.length === 0 && problems.length === 0) throw new ValidationError(messages.customersFileEmpty(file), messages.customersFileEmptyHint);

  const { namesakes, ...counts } = importCustomers(ctx.store(), { drafts }, ctx.now);

  if (parsed.ignoredColumns.length > 0) ctx.info(ctx.err.yellow(`ignored columns: ${parsed.ignoredColumns.map(oneLine).join(', ')}`));
  for (const problem of problems) ctx.info(ctx.err.yellow(`skipped ${describe(problem)}`));
  if (options.json) {
    ctx.print(JSON.stringify({ file, ...counts, repeated, skipped: problems }, null, 2));
  }
  const extra = [
    repeated > 0 ? `${repeated} repeated ${repeated === 1 ? 'row' : 'rows'} read once` : '',
    problems.length > 0 ? `${problems.length} bad ${problems.length === 1 ? 'row' : 'rows'} skipped` : '',
  ].filter(Boolean);
  ctx.info(
    `${ctx.err.green('Imported')} ${file}: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged` +
      (extra.length ? ` (${extra.join('; ')})` : ''),
  );
  for (const n of namesakes) ctx.info(ctx.err.yellow(messages.importedNamesake(oneLine(n.name), n.added, n.older)));
  ctx.info(ctx.err.dim('hint: svc customers to see them · svc interview pick to choose three to call'));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
