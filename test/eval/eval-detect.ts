// The detection scorer (`npm run eval:detect -- FILE.jsonl …`): loads each set into a
// temporary database through the store, runs the built `svc detect --json` with its
// defaults on it, and prints the figures of stories-dev/README.md ("Score"); then the
// suggestions' figures on the same set (src/cli/suggest-metrics.ts): assisted recall of
// "more like this" and the rank of the right practice among capture suggestions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureSuggestions, type SuggestMetrics } from '../../src/cli/suggest-metrics.ts';
import type { Encoder } from '../../src/core/encoder.ts';
import { isVaguePraise } from '../../src/core/vague.ts';
import { openStore } from '../../src/store/db.ts';
import { discoveryScore, matchCandidates, starScore, truthById, vagueScore, type ShownCandidate } from './detect-score.ts';
import { loadStorySet, readStorySet, storySetFiles } from './story-sets.ts';

// After the sets' last day, so every story is in the past.
const NOW = '2026-08-17T10:00:00';

export interface SetReport {
  file: string;
  stories: number;
  sections: Record<string, unknown>;
  candidates: ReturnType<typeof matchCandidates>;
}

/** Scores one set against the built binary at bin, and its suggestions with the encoder. */
export async function scoreFile(file: string, bin: string, encoder: Encoder, truthFile?: string): Promise<SetReport> {
  const set = readStorySet(file, truthFile);
  const dir = mkdtempSync(join(tmpdir(), 'svc-eval-'));
  try {
    const db = join(dir, 'svc.db');
    const store = openStore(db);
    const ids = loadStorySet(store, set, new Date(NOW));
    store.close();
    const env: NodeJS.ProcessEnv = { ...process.env, SVC_DB: db, SVC_NOW: NOW, NO_COLOR: '1' };
    delete env.SVC_DEBUG;
    const run = spawnSync(process.execPath, [bin, 'detect', '--json'], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`svc detect failed (exit ${run.status}): ${run.stderr}`);
    const shown = (JSON.parse(run.stdout) as { candidates: ShownCandidate[] }).candidates;
    const matches = matchCandidates(set, truthById(set, ids), shown);
    const suggestions = await measureSuggestions(
      set.stories.map((story) => ({ ...story, staff: story.staff.join(', '), channel: story.channel ?? undefined })),
      set.practices,
      encoder,
    );
    return {
      file,
      stories: set.stories.length,
      sections: {
        discovery: discoveryScore(set, matches),
        stars: starScore(matches),
        vague: vagueScore(set, isVaguePraise),
        suggestions,
      },
      candidates: matches,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (x: number) => x.toFixed(2);
const percent = (x: number) => `${Math.round(x * 100)} %`;

/** The human report of one set. */
export function reportText(report: SetReport): string {
  const d = report.sections.discovery as ReturnType<typeof discoveryScore>;
  const s = report.sections.stars as ReturnType<typeof starScore>;
  const v = report.sections.vague as ReturnType<typeof vagueScore>;
  const g = report.sections.suggestions as SuggestMetrics;
  const lines = [
    `${report.file.split('/').pop()} (${report.stories} stories)`,
    `  discovery  recall ${d.found.length}/${d.shared} = ${pct(d.recall)}  (${d.found.join(', ') || 'none'})`,
    `             precision@10 ${d.real}/${d.considered} = ${pct(d.precision)}`,
    `  stars      ${s.shownAsCulture} star habit(s) shown as culture, of ${s.matched} candidate(s) matching one`,
    `  vague      ${v.nudged}/${v.vague} vague stories nudged · ${v.falseNudges} false nudge(s)`,
    ...v.missedTexts.map((t) => `             missed: ${t}`),
    ...v.falseTexts.map((t) => `             false:  ${t}`),
    `  assisted   recall ${percent(g.assistedRecallMean)} (each shared practice named from its first two stories; its others among the first k suggestions, k = their number + 3)`,
    ...Object.entries(g.assistedRecall).map(([practice, recall]) => `             ${practice} ${percent(recall)}`),
    `  capture    right practice first ${percent(g.captureFirst)} · in the top 3 ${percent(g.captureTop3)} (${g.captureRanks.length} stories; every practice named from its first two)`,
    '  candidates',
    ...report.candidates.map(
      (c) =>
        `    ${String(c.rank).padStart(2)}. ${c.name}${c.starDependent ? ' [star-dependent]' : ''} · ${c.stories} stories` +
        ` → ${c.practice ? `${c.practice} (${c.kind})` : 'no match'}  [${c.makeup}]`,
    ),
  ];
  return lines.join('\n');
}

/** argv: set files (default: the sets under root), --truth FILE (default: truth.json beside each set), --json for machine-readable output. */
export async function main(argv: string[], root: string): Promise<void> {
  const bin = join(root, 'bin', 'svc.cjs');
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  const at = args.indexOf('--truth');
  const truthFile = at >= 0 ? args.splice(at, 2)[1] : undefined;
  if (at >= 0 && !truthFile) throw new Error('--truth needs a file: the truth.json of the sets given');
  const { loadEncoder } = await import('../../src/core/encoder.ts');
  const encoder = await loadEncoder();
  const reports: SetReport[] = [];
  try {
    for (const file of args.length ? args : storySetFiles(root)) reports.push(await scoreFile(file, bin, encoder, truthFile));
  } finally {
    await encoder.release();
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${reports.map(reportText).join('\n\n')}\n`);
}
