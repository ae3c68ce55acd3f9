import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemo } from '../../../app/report-view.ts';
import type { DemoData } from '../../../core/demo.ts';
import { ConflictError, ValidationError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { programmeLines } from '../../../ui/render/programme.ts';
import { renderReportText } from '../../../ui/render/report/text.ts';
import { renderStatus } from '../../../ui/render/status.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

/**
 * Where the demo goes: the --db path when one was given on the command line (it must
 * not exist yet), else a new temporary directory. SVC_DB and SVC_DATABASE_URL are never
 * used: they name the user's real database.
 */
function demoPath(ctx: Context): string {
  const { path, engine } = ctx.dbPath();
  const fromFlag = ctx.dbFromFlag();
  // A team's shared database is never the place for made-up stories.
  if (fromFlag && engine === 'postgres') throw new ValidationError(messages.demoNotOnServer, messages.demoNotOnServerHint);
  if (fromFlag) {
    if (existsSync(path)) throw new ConflictError(messages.demoTargetExists(path), messages.demoTargetExistsHint);
    return path;
  }
  return join(mkdtempSync(join(tmpdir(), 'svc-demo-')), 'svc.db');
}

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const path = demoPath(ctx);
  const { default: data } = (await import('../../../../data/demo-team.json', { with: { type: 'json' } })) as { default: DemoData };
  const settings = ctx.settings();
  const store = ctx.openStore(path);
  try {
    const { stories, report, status, programme } = await buildDemo(store, { data, settings }, ctx.now());
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
