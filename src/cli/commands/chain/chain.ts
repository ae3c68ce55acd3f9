import { chainView } from '../../../app/chain.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeDocument } from '../../output.ts';
import { periodFor, type PeriodOptions } from '../../../app/report.ts';
import { documentFile, type ChainFormat } from '../../../core/formats.ts';

interface ChainOptions extends PeriodOptions {
  format?: ChainFormat;
  out?: string;
  force?: boolean;
  json?: boolean;
  team?: string;
}

export async function run(options: WithArgs<ChainOptions>, ctx: Context): Promise<void> {
  const format = options.json ? 'json' : (options.format ?? 'text');
  const store = ctx.store();
  const chain = chainView(store, { period: periodFor(store, options, ctx.now()), team: options.team });
  const render = await import('../../../ui/render/chain.ts');
  const text =
    format === 'json'
      ? JSON.stringify(chain, null, 2)
      : format === 'md'
        ? render.chainMarkdown(chain)
        : format === 'html'
          ? render.chainHtml(chain)
          : render.chainText(chain, options.out === undefined ? ctx.out.bold : undefined);
  writeDocument(ctx, options.out, options.out === undefined || options.out === '-' ? text.trimEnd() : text, { what: 'the chain', file: documentFile('chain', format) }, options.force);
}
