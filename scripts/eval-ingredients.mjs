// What each ingredient of unsupervised discovery finds on the four story sets
// (test/eval/discovery-ingredients.ts): npm run eval:ingredients
import { spawnSync } from 'node:child_process';
import { bundleEntry, root } from './bundle-entry.mjs';

const entry = await bundleEntry(
  'eval-ingredients',
  `import { main } from './test/eval/discovery-ingredients.ts';
   main(${JSON.stringify(root)}).catch((error) => { console.error(error); process.exitCode = 1; });`,
  { encoder: true },
);
const run = spawnSync(process.execPath, [entry], { stdio: 'inherit', cwd: process.cwd() });
process.exitCode = run.status ?? 1;
