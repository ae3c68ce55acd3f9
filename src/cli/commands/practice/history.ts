import { messages } from '../../../core/messages.ts';
import { procedureVersions } from '../../../store/procedures.ts';
import { procedureHistoryJson, procedureHistoryText } from '../../../ui/render/procedure.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from '../../../app/practice.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const store = ctx.store();
  const db = store.db;
  const practice = requirePractice(store, options.args[0]);
  const versions = procedureVersions(db, practice.id);
  if (options.json) {
    ctx.print(JSON.stringify(procedureHistoryJson(practice, versions), null, 2));
    return;
  }
  if (versions.length === 0) {
    ctx.info(`${messages.noProcedures(practice.name)}; ${messages.noProceduresHint(practice.name)}`);
    return;
  }
  ctx.print(procedureHistoryText(practice, versions, ctx.look()).trimEnd());
}
