import { existsSync } from 'node:fs';
import type { PeriodOptions } from '../../../app/report.ts';
import { loadFullReport, reportScope } from '../../../app/report-view.ts';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { Report } from '../../../core/report.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeDocument } from '../../output.ts';
import { indexPhrases } from '../../phrases.ts';
import { documentFile, type ReportFormat } from '../../../core/formats.ts';


interface ReportOptions extends PeriodOptions {
  format?: ReportFormat;
  out?: string;
  force?: boolean;
  json?: boolean;
  team?: string;
}

export async function run(options: WithArgs<ReportOptions>, ctx: Context): Promise<void> {
  const format: ReportFormat = options.json ? 'json' : (options.format ?? 'text');
  const toStdout = options.out === undefined || options.out === '-';
  if (format === 'html' && options.out === undefined && ctx.stdoutIsTTY) throw new UsageError(messages.outNeedsFile, messages.outNeedsFileHint);
  const target = toStdout ? undefined : resolve(options.out ?? '');
  if (target && !existsSync(dirname(target))) throw new UsageError(messages.outDirMissing(dirname(target)), messages.outDirMissingHint);

  const store = ctx.store();
  const scope = reportScope(store, { ...options, driftWeeks: options.driftWeeks ?? ctx.settings()['report.drift_weeks'] }, ctx.now());
  // Quality counts come from the phrase index, as detect's do: bring it up to date first
  // (after every check, so a refused report changes nothing).
  await indexPhrases(ctx, { summary: false });
  const report = await loadFullReport(store, scope, ctx.now());
  const text = await render(report, format, ctx);
  // Owner-only, like every document svc writes: it quotes customers' stories.
  writeDocument(ctx, target, toStdout ? text.trimEnd() : text, { what: 'the report', file: documentFile('report', format) }, options.force);
}

/** Each renderer loads only when its format is asked for. */
async function render(report: Report, format: ReportFormat, ctx: Context): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../../../ui/render/report/json.ts')).renderReportJson(report);
    case 'md':
      return (await import('../../../ui/render/report/markdown.ts')).renderReportMarkdown(report);
    case 'html':
      return (await import('../../../ui/render/report/html.ts')).renderReportHtml(report, { team: ctx.settings()['team.name'], generatedAt: ctx.now() });
    case 'text':
      return (await import('../../../ui/render/report/text.ts')).renderReportText(report, ctx.look());
  }
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
