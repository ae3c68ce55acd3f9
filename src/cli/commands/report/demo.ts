import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assessmentStatus } from '../../../app/assess.ts';
import { seedDemo } from '../../../app/demo.ts';
import { answerReader, loadReportWithListening } from '../../../app/report-sections.ts';
import { loadStatus, periodFor } from '../../../app/report.ts';
import { loadChain } from '../../../app/chain.ts';
import { loadProgramme } from '../../../app/training-programme.ts';
import type { Report } from '../../../core/report.ts';
import { programmeLines } from '../../../ui/render/programme.ts';
import { toDay } from '../../../core/dates.ts';
import { seedListeningDemo, seedTeamDemo } from '../../../store/demo-seed.ts';
import type { DemoData } from '../../../core/demo.ts';
import { ConflictError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { openSqliteStore } from '../../../store/sqlite-store.ts';
import { renderReportText } from '../../../ui/render/report/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { renderStatus } from '../../../ui/render/status.ts';

/**
 * Where the demo goes: the --db path when one was given on the command line (it must
 * not exist yet), else a new temporary directory. SVC_DB is never used: it names the
 * user's real database.
 */
function demoPath(ctx: Context): string {
  const { path, isDefault } = ctx.dbPath();
  const fromEnv = ctx.env.SVC_DB ? resolve(ctx.env.SVC_DB) : undefined;
  if (!isDefault && path !== fromEnv) {
    if (existsSync(path)) throw new ConflictError(messages.demoTargetExists(path), messages.demoTargetExistsHint);
    return path;
  }
  return join(mkdtempSync(join(tmpdir(), 'svc-demo-')), 'svc.db');
}

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const path = demoPath(ctx);
  const { default: data } = (await import('../../../../data/demo-team.json', { with: { type: 'json' } })) as { default: DemoData };
  const now = ctx.now();
  const store = openSqliteStore(path);
  try {
    const { stories } = seedDemo(store, data, now);
    store.write(() => {
      seedTeamDemo(store.db, data, toDay(now), now.toISOString());
      seedListeningDemo(store.db, data, toDay(now), now.toISOString());
    });
    const period = periodFor(store, {}, now);
    const settings = ctx.settings();
    const programme = loadProgramme(store, { today: toDay(now) });
    const report: Report = { ...loadReportWithListening(store, period, now, await answerReader(store, period)), programme, chain: loadChain(store, period) };
    const status = loadStatus(store, now, settings, { assessment: assessmentStatus(store, { intervalDays: settings['assess.interval_days'] }, now) });
    if (options.json) {
      ctx.print(JSON.stringify({ database: path, stories, report, status: { ...status, programme } }, null, 2));
    } else {
      ctx.print(renderReportText(report, ctx.look()));
      ctx.print(`\n${ctx.out.bold('Where the team stands')}\n${renderStatus(status.stages, ctx.out, status, programmeLines(programme, ctx.out))}`);
    }
    ctx.info(messages.demoBuilt(path, stories));
    ctx.info(messages.demoNext(path));
  } finally {
    store.close();
  }
}
