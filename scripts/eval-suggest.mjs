// Measures svc's evidence suggestions on story sets with ground truth (the format of
// test/fixtures/stories-dev/): assisted recall ("more like this") and capture suggestions.
//   node scripts/eval-suggest.mjs [SET.jsonl …] [--truth truth.json]
// Without files, every set in test/fixtures/stories-dev/. Needs a build (npm run build).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { measureSuggestions, parseSet } = require(join(root, 'dist/suggest-metrics.cjs'));
const { loadEncoder } = require(join(root, 'dist/encoder.cjs'));

/** Measures each set file against its entry in the truth file; returns one row per set. */
export async function evalSuggest(files, truthFile) {
  const truth = JSON.parse(readFileSync(truthFile, 'utf8'));
  const encoder = await loadEncoder();
  const rows = [];
  for (const file of files) {
    const practices = truth[basename(file)]?.practices;
    if (!practices) throw new Error(`${truthFile} has no entry for ${basename(file)}`);
    const metrics = await measureSuggestions(parseSet(readFileSync(file, 'utf8')), practices, encoder);
    rows.push({ set: basename(file), ...metrics });
  }
  return rows;
}

/** The rows as a small table. */
export function formatEval(rows) {
  const pct = (x) => `${Math.round(x * 100)} %`.padStart(6);
  const lines = ['set                    assisted recall   capture first   capture top 3'];
  for (const row of rows) lines.push(`${row.set.padEnd(22)} ${pct(row.assistedRecallMean).padStart(15)} ${pct(row.captureFirst).padStart(15)} ${pct(row.captureTop3).padStart(15)}`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--truth');
  const truthFile = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const fixtures = join(root, 'test/fixtures/stories-dev');
  const files = args.length > 0 ? args : ['clinic.jsonl', 'contact-centre.jsonl', 'hotel.jsonl'].map((f) => join(fixtures, f));
  const rows = await evalSuggest(files, truthFile ?? join(dirname(files[0]), 'truth.json'));
  console.log(formatEval(rows));
  if (args.includes('--json')) console.log(JSON.stringify(rows, null, 2));
}
