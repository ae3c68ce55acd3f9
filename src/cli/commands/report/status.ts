import { existsSync } from 'node:fs';
import { requireTeam, withinTeam } from '../../../app/teams.ts';
import { loadProgramme } from '../../../app/training-programme.ts';
import { toDay } from '../../../core/dates.ts';
import { programmeLines } from '../../../ui/render/programme.ts';
import { defaultSettings, type Settings } from '../../../core/config.ts';
import { messages } from '../../../core/messages.ts';
import { buildRhythm, dueItems, listeningLine, rhythmSettings, type DueItem, type Listening } from '../../../core/rhythm.ts';
import { buildStatus, driftingPractices, type StatusLine } from '../../../core/status.ts';
import type { Programme } from '../../../core/programme.ts';
import type { Db, Store } from '../../../store/db.ts';
import { loadRhythmInput } from '../../../store/rhythm.ts';
import {
  hasStories,
  latestEvidence,
  peopleRecords,
  practiceRecords,
  proceduresDue,
  storiesPerPerson,
  storyCount,
} from '../../../store/report.ts';
import type { Palette } from '../../../ui/color.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { periodFor } from './period.ts';
import { indexForEvidence } from '../../phrases.ts';

/** The loop stages for a database with stories, over the report's default period; with the rhythm's listening line and due items. */
export function loadStatus(
  db: Db,
  now: Date,
  settings: Settings = defaultSettings(),
): { since: string; until: string; lastMeeting: string | null; stages: StatusLine[]; listening: Listening & { figure: string; next: string }; due: DueItem[] } {
  const period = periodFor(db, { driftWeeks: settings['report.drift_weeks'] }, now);
  const { stages, listening, due } = db.transaction(() => {
    const perPerson = storiesPerPerson(db, period);
    const active = peopleRecords(db).filter((p) => p.active);
    const input = {
      period,
      stories: storyCount(db, period),
      activePeople: active.length,
      peopleWithStories: active.filter((p) => perPerson.has(p.id)).length,
      practices: practiceRecords(db, period.until),
      latestEvidence: latestEvidence(db, period.drift),
      driftWeeks: period.driftWeeks,
      proceduresDue: proceduresDue(db, period.until),
    };
    const rhythm = buildRhythm({ ...loadRhythmInput(db, period.until), settings: rhythmSettings(settings) });
    const agreed = input.practices.filter((p) => p.status === 'adopted' || p.status === 'standard');
    return {
      stages: buildStatus(input),
      listening: { ...rhythm.listening, ...listeningLine(rhythm.listening) },
      due: dueItems(rhythm, {
        candidates: input.practices.filter((p) => p.status === 'candidate').length,
        drifting: driftingPractices(input).map((p) => p.name),
        untrained: agreed.filter((p) => p.lastTrainedOn === null).map((p) => p.name),
        peopleWithoutStories: active.filter((p) => !perPerson.has(p.id)).map((p) => p.name),
      }),
    };
  })();
  return { since: period.since, until: period.until, lastMeeting: period.lastMeeting, stages, listening, due };
}

/** The loop stages with the training programme: what `svc status` and `svc demo` show. */
export function loadFullStatus(store: Store, now: Date, settings: Settings): { status: ReturnType<typeof loadStatus>; programme: Programme } {
  return { status: loadStatus(store.db, now, settings), programme: loadProgramme(store, { today: toDay(now) }) };
}

/** `svc status` as text: stages, listening line, the training programme, what is due. */
export function renderFullStatus(view: ReturnType<typeof loadFullStatus>, c: Palette): string {
  return renderStatus(view.status.stages, c, view.status, programmeLines(view.programme, c));
}

/**
 * One aligned line per stage: "detect  4 candidates waiting — svc detect --review"; then the
 * listening line, further sections (lines, each starting with a blank one) and what is due.
 */
export function renderStatus(
  stages: readonly StatusLine[],
  c: Palette,
  rhythm?: { listening: { figure: string; next: string }; due: readonly DueItem[] },
  sections: readonly string[] = [],
): string {
  const lines = [...stages.map((line) => ({ stage: line.stage as string, figure: line.figure, next: line.next })), ...(rhythm ? [{ stage: 'listen', ...rhythm.listening }] : [])];
  const width = Math.max(...lines.map((line) => line.stage.length));
  const out = lines.map((line) => `${c.bold(line.stage.padEnd(width))}  ${line.figure} ${c.dim('—')} ${c.cyan(line.next)}`);
  // Practice and people names are stored text: no control character of theirs reaches the terminal.
  out.push(...sections);
  if (rhythm?.due.length) out.push('', c.bold('due'), ...rhythm.due.map((item) => `  ${oneLine(item.text)} ${c.dim('—')} ${c.cyan(oneLine(item.command))}`));
  return out.join('\n');
}

/**
 * Where the team stands in the loop. On a database that does not exist yet (or has no
 * story) it prints a getting-started guide, and never creates the file to say so.
 */
export async function run(options: WithArgs<{ json?: boolean; team?: string }>, ctx: Context): Promise<void> {
  const { path } = ctx.dbPath();
  if (!existsSync(path) || !hasStories(ctx.store().db)) {
    if (options.json) ctx.print(JSON.stringify({ database: path, stories: 0, stages: [], gettingStarted: messages.gettingStarted }, null, 2));
    else ctx.print(messages.gettingStarted.join('\n'));
    return;
  }
  const team = options.team === undefined ? undefined : requireTeam(ctx.store(), options.team).name;
  await indexForEvidence(ctx);
  const { status, programme } = withinTeam(ctx.store(), team, () => loadFullStatus(ctx.store(), ctx.now(), ctx.settings()));
  if (options.json) ctx.print(JSON.stringify({ database: path, ...(team === undefined ? {} : { team }), ...status, programme }, null, 2));
  else ctx.print(renderFullStatus({ status, programme }, ctx.out));
}
