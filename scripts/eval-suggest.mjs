// Measures svc's evidence suggestions on story sets with ground truth (the format of
// test/fixtures/stories-dev/): assisted recall ("more like this") and capture suggestions.
//   node scripts/eval-suggest.mjs [SET.jsonl …] [--truth truth.json] [--json]
// Without files, the four sets in test/fixtures/; the truth is truth.json beside each set
// unless --truth names one. Needs a build (npm run build).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { measureSuggestions, parseSet } = require(join(root, 'dist/suggest-metrics.cjs'));
const { loadEncoder } = require(join(root, 'dist/encoder.cjs'));

/** The sets in the repository: the three development sets, the field crew and the library (test/eval/story-sets.ts). */
export const SETS = ['stories-dev/clinic.jsonl', 'stories-dev/contact-centre.jsonl', 'stories-dev/hotel.jsonl', 'stories-own/field-crew.jsonl', 'stories-own/library.jsonl'].map((f) =>
  join(root, 'test/fixtures', f),
);

/** Measures each set file against its entry in the truth file (default: truth.json beside it); one row per set. */
export async function evalSuggest(files, truthFile) {
  const encoder = await loadEncoder();
  const rows = [];
  for (const file of files) {
    const truth = JSON.parse(readFileSync(truthFile ?? join(dirname(file), 'truth.json'), 'utf8'));
    const practices = truth[basename(file)]?.practices;
    if (!practices) throw new Error(`${truthFile ?? join(dirname(file), 'truth.json')} has no entry for ${basename(file)}`);
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
  const args = process.argv.slice(2).filter((arg) => arg !== '--json');
  const json = process.argv.includes('--json');
  const at = args.indexOf('--truth');
  const truthFile = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const files = args.length > 0 ? args : [...SETS];
  const rows = await evalSuggest(files, truthFile);
  console.log(json ? JSON.stringify(rows, null, 2) : formatEval(rows));
}
