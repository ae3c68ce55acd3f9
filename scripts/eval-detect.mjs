// Scores `svc detect` on story sets with ground truth (test/eval/eval-detect.ts):
//   npm run eval:detect -- test/fixtures/stories-dev/clinic.jsonl [more.jsonl …] [--json]
// Without files it scores the four sets in test/fixtures. Builds the CLI first (npm script).
import { spawnSync } from 'node:child_process';
import { bundleEntry, root } from './bundle-entry.mjs';

const entry = await bundleEntry(
  'eval-detect',
  `import { main } from './test/eval/eval-detect.ts';
   main(process.argv.slice(2), ${JSON.stringify(root)});`,
);
const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
process.exitCode = run.status ?? 1;
