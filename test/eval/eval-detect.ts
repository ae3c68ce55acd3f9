// The detection scorer (`npm run eval:detect -- FILE.jsonl …`): loads each set into a
// temporary database through the store, runs the built `svc detect --json` with its
// defaults on it, and prints the figures of stories-dev/README.md ("Score").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Scores one set against the built binary at bin. */
export function scoreFile(file: string, bin: string): SetReport {
  const set = readStorySet(file);
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
    return {
      file,
      stories: set.stories.length,
      sections: {
        discovery: discoveryScore(set, matches),
        stars: starScore(matches),
        vague: vagueScore(set, isVaguePraise),
        // Further sections (assisted recall, capture suggestions) go here, one per metric.
      },
      candidates: matches,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (x: number) => x.toFixed(2);

/** The human report of one set. */
export function reportText(report: SetReport): string {
  const d = report.sections.discovery as ReturnType<typeof discoveryScore>;
  const s = report.sections.stars as ReturnType<typeof starScore>;
  const v = report.sections.vague as ReturnType<typeof vagueScore>;
  const lines = [
    `${report.file.split('/').pop()} (${report.stories} stories)`,
    `  discovery  recall ${d.found.length}/${d.shared} = ${pct(d.recall)}  (${d.found.join(', ') || 'none'})`,
    `             precision@10 ${d.real}/${d.considered} = ${pct(d.precision)}`,
    `  stars      ${s.shownAsCulture} star habit(s) shown as culture, of ${s.matched} candidate(s) matching one`,
    `  vague      ${v.nudged}/${v.vague} vague stories nudged · ${v.falseNudges} false nudge(s)`,
    ...v.missedTexts.map((t) => `             missed: ${t}`),
    ...v.falseTexts.map((t) => `             false:  ${t}`),
    '  candidates',
    ...report.candidates.map(
      (c) =>
        `    ${String(c.rank).padStart(2)}. ${c.name}${c.starDependent ? ' [star-dependent]' : ''} · ${c.stories} stories` +
        ` → ${c.practice ? `${c.practice} (${c.kind})` : 'no match'}  [${c.makeup}]`,
    ),
  ];
  return lines.join('\n');
}

/** argv: set files (default: the four sets under root), --json for machine-readable output. */
export function main(argv: string[], root: string): void {
  const bin = join(root, 'bin', 'svc.cjs');
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  const reports = (files.length ? files : storySetFiles(root)).map((file) => scoreFile(file, bin));
  if (json) {
    process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${reports.map(reportText).join('\n\n')}\n`);
}
