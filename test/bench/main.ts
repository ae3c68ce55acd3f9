/** `generate` and `bench`: the benchmark's two entry points (see run.mjs). */
import { parseArgs } from 'node:util';
import { generate } from './generate.ts';
import { shapeOf } from './store.ts';
import { openStore } from '../../src/store/db.ts';

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'generate') {
    const { values } = parseArgs({
      args: rest,
      options: { stories: { type: 'string', default: '100000' }, db: { type: 'string' }, seed: { type: 'string' } },
    });
    if (!values.db) {
      process.stderr.write('generate: --db FILE is required\n');
      return 2;
    }
    const result = generate({ db: values.db, stories: Number(values.stories), seed: values.seed ? Number(values.seed) : undefined });
    const store = openStore(result.db);
    process.stdout.write(`${JSON.stringify({ ...shapeOf(store.db), ms: Math.round(result.ms) }, null, 2)}\n`);
    store.close();
    return 0;
  }
  process.stderr.write('usage: node test/bench/run.mjs bench|generate [options]\n');
  return 2;
}
