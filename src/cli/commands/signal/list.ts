import { listSignals } from '../../../app/signals.ts';
import { messages } from '../../../core/messages.ts';
import { signalTable } from '../../../ui/render/signal.ts';
import type { Context } from '../../context.ts';

export function run(options: { measure?: string; json?: boolean }, ctx: Context): void {
  const signals = listSignals(ctx.store(), { measure: options.measure });
  if (options.json) ctx.print(JSON.stringify(signals, null, 2));
  else if (signals.length === 0) ctx.info(messages.noSignals);
  else ctx.print(signalTable(signals, ctx.look()));
}
