import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { changeStatus } from './status.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  changeStatus(ctx, { practice: String(options.args[0] ?? ''), to: 'retired', json: options.json });
}
