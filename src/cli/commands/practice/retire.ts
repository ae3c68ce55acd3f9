import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from '../../../app/practice.ts';
import { changeStatus } from './status.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  changeStatus(ctx, requirePractice(ctx.store(), options.args[0]), 'retired', false, options.json);
}
