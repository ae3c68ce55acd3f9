// Prints the guided story add's latency from the answer to the suggestions, in ms (the
// median over a few texts), on the database given: the encoder is loaded first, as the
// prompt does while the person types. Run by the benchmark (bench.ts, "capture").
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { measureCaptureLatency } = require('../../dist/suggest-metrics.cjs');
const { loadEncoder } = require('../../dist/encoder.cjs');

const TEXTS = [
  'Ana rang the customer back the next morning with the answer she had promised.',
  'Bo stayed on the line until the router was working again, then explained what had gone wrong.',
  'Cy noticed the guest was limping and had a wheelchair waiting at the lift before she asked.',
  'Dee wrote the reference number on a card so he would not have to explain it all again.',
  'Eve checked the allergy with the kitchen before the order went in.',
  'Finn lent her a phone charger in the meantime and told her exactly when the repair would be done.',
  'Gus walked him through the new app step by step until he could book by himself.',
];
const ms = await measureCaptureLatency(process.argv[2], await loadEncoder(), TEXTS);
process.stdout.write(`${ms.toFixed(1)}\n`);
