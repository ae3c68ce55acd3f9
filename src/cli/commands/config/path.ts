import { configPath } from '../../config.ts';
import type { Context } from '../../context.ts';

export function run(_options: unknown, ctx: Context): void {
  ctx.print(configPath(ctx.env));
}
