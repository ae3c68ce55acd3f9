// Scores `svc detect` on story sets with ground truth (test/eval/eval-detect.ts):
//   npm run eval:detect -- test/fixtures/stories-dev/clinic.jsonl [more.jsonl …] [--truth truth.json] [--json]
// Without files it scores the sets in test/fixtures; the truth is truth.json beside each
// set unless --truth names one. Builds the CLI first (npm script).
import { spawnSync } from 'node:child_process';
import { bundleEntry, root } from './bundle-entry.mjs';

const entry = await bundleEntry(
  'eval-detect',
  `import { main } from './test/eval/eval-detect.ts';
   main(process.argv.slice(2), ${JSON.stringify(root)}).catch((error) => { console.error(error instanceof Error ? error.message : error); process.exitCode = 1; });`,
  { encoder: true },
);
const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
process.exitCode = run.status ?? 1;
