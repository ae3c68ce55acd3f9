import { messages } from '../../../core/messages.ts';
import { procedureHistory } from '../../../app/practice-admin.ts';
import { procedureHistoryJson, procedureHistoryText } from '../../../ui/render/procedure.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { practice, versions } = procedureHistory(ctx.store(), { practice: String(options.args[0] ?? '') });
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
