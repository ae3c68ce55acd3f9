/** `bench` and `generate`: the benchmark's two entry points (run through run.mjs). */
import { parseArgs } from 'node:util';
import { openStore } from '../../src/store/db.ts';
import { readFileSync } from 'node:fs';
import { renderTable, runBench, type Row } from './bench.ts';
import { generate } from './generate.ts';
import { runPostgresBench } from './postgres.ts';
import { shapeOf } from './store.ts';

const USAGE = `usage:
  npm run bench -- [--stories N] [--runs N] [--cold] [--fresh] [--markdown] [--report-only] [--only story-add,version]
  npm run bench -- --engine postgres [--postgres-url URL] [--writers 50] [--per-writer 20] [--stories N] [--runs N] [--fresh] [--report-only]
  node test/bench/run.mjs generate --db FILE [--stories N] [--seed N]
  node test/bench/run.mjs table FILE.json [--markdown]`;

function count(value: string | undefined, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number ≥ ${min}`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const [command = 'bench', ...rest] = argv[0]?.startsWith('-') ? ['bench', ...argv] : argv;
  const log = (line: string) => void process.stderr.write(`${line}\n`);
  try {
    if (command === 'generate') {
      const { values } = parseArgs({
        args: rest,
        options: { stories: { type: 'string', default: '100000' }, db: { type: 'string' }, seed: { type: 'string', default: '8' } },
      });
      if (!values.db) throw new Error('generate needs --db FILE');
      const result = generate({ db: values.db, stories: count(values.stories, '--stories', 1), seed: count(values.seed, '--seed', 0) });
      const store = openStore(result.db);
      process.stdout.write(`${JSON.stringify({ ...shapeOf(store.db), ms: Math.round(result.ms) }, null, 2)}\n`);
      store.close();
      return 0;
    }
    if (command === 'bench') {
      const { values } = parseArgs({
        args: rest,
        options: {
          stories: { type: 'string', default: '100000' },
          runs: { type: 'string', default: '5' },
          cold: { type: 'boolean', default: false },
          fresh: { type: 'boolean', default: false },
          markdown: { type: 'boolean', default: false },
          'report-only': { type: 'boolean', default: false },
          only: { type: 'string' },
          engine: { type: 'string', default: 'sqlite' },
          'postgres-url': { type: 'string' },
          writers: { type: 'string', default: '50' },
          'per-writer': { type: 'string', default: '20' },
        },
      });
      if (values.engine === 'postgres') {
        const adminUrl = values['postgres-url'] ?? process.env.SVC_BENCH_POSTGRES_URL ?? process.env.SVC_TEST_POSTGRES_URL;
        if (!adminUrl) throw new Error('--engine postgres needs a server where it may create databases: --postgres-url URL (or SVC_BENCH_POSTGRES_URL)');
        return runPostgresBench(
          {
            stories: count(values.stories, '--stories', 1),
            runs: count(values.runs, '--runs', 1),
            writers: count(values.writers, '--writers', 1),
            perWriter: count(values['per-writer'], '--per-writer', 1),
            adminUrl,
            fresh: values.fresh,
            markdown: values.markdown,
            reportOnly: values['report-only'],
          },
          log,
        );
      }
      if (values.engine !== 'sqlite') throw new Error('--engine is sqlite or postgres');
      return runBench(
        {
          stories: count(values.stories, '--stories', 1),
          runs: count(values.runs, '--runs', 1),
          cold: values.cold,
          fresh: values.fresh,
          markdown: values.markdown,
          reportOnly: values['report-only'],
          ...(values.only ? { only: values.only.split(',').map((id) => id.trim()) } : {}),
        },
        log,
      );
    }
    if (command === 'table') {
      // Re-renders a recorded run, e.g. as Markdown for the README.
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { markdown: { type: 'boolean', default: false } } });
      if (!positionals[0]) throw new Error('table needs the JSON file of a run');
      const run = JSON.parse(readFileSync(positionals[0], 'utf8')) as { rows: Row[] };
      process.stdout.write(`${renderTable(run.rows, values.markdown)}\n`);
      return 0;
    }
    log(USAGE);
    return 2;
  } catch (error) {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`);
    log(USAGE);
    return 2;
  }
}
