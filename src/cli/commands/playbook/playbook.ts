import { toDay } from '../../../core/dates.ts';
import { buildPlaybook } from '../../../app/playbook.ts';
import { documentFile } from '../../../core/formats.ts';
import { renderDocument, type DocumentFormat } from '../../../ui/render/document.ts';
import { playbookDocument } from '../../../ui/render/playbook.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeDocument } from '../../output.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ format?: DocumentFormat; out?: string; force?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const entries = buildPlaybook(ctx.store(), { driftWeeks: ctx.settings()['report.drift_weeks'] }, ctx.now());
  const text = options.json ? JSON.stringify(entries, null, 2) : renderDocument(playbookDocument(entries, toDay(ctx.now())), options.format ?? 'text');
  writeDocument(ctx, options.out, text, { what: 'the playbook', file: documentFile('playbook', options.json ? 'json' : (options.format ?? 'text')) }, options.force);
  if (entries.length === 0) ctx.info('No standard practices yet: svc practice adopt NAME --procedure "…" writes the first.');
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
