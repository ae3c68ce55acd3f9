/**
 * The PostgreSQL part of the performance budget (DESIGN.md), `npm run bench -- --engine
 * postgres`: many writers at once, `story add` against Node's own start-up, and report,
 * practices and detect on a large team database against psql running the same SQL.
 *
 * It needs a server where it may create databases: --postgres-url, else
 * SVC_BENCH_POSTGRES_URL, else SVC_TEST_POSTGRES_URL. The databases it creates start with
 * svc_bench_; the large one is kept between runs (--fresh rebuilds it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRACTICE_SUMMARY_POSTGRES, PRACTICE_SUMMARY_SQL } from '../../src/store/practices.ts';
import { toPostgres } from '../../src/store/postgres/dialect.ts';
import { connectPostgres } from '../../src/store/postgres/sync-client.ts';
import { BIN, OUT, format, median, renderTable, type Row } from './bench.ts';
import { floorQueries, type FloorCommand, type Period } from './floor-queries.ts';
import { DEFAULT_UNTIL, daysUntil, generate } from './generate.ts';

export interface PostgresBenchOptions {
  stories: number;
  runs: number;
  /** Concurrent writer processes, and stories each adds one after another. */
  writers: number;
  perWriter: number;
  adminUrl: string;
  fresh: boolean;
  markdown: boolean;
  reportOnly: boolean;
}

/** `story add` may cost Node's start-up plus this much (DESIGN.md). */
export const STORY_ADD_BUDGET_MS = 40;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function admin(url: string, statements: string[]): Array<Array<Record<string, unknown>>> {
  const client = connectPostgres(url);
  try {
    return statements.map((statement) => client.query(statement).rows);
  } finally {
    client.close();
  }
}

function recreate(adminUrl: string, name: string): string {
  admin(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
  return withDatabase(adminUrl, name);
}

function svcEnv(url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SVC_DATABASE_URL: url, NO_COLOR: '1', SVC_NOW: `${DEFAULT_UNTIL}T10:00:00` };
  delete env.SVC_DB;
  delete env.SVC_DEBUG;
  return env;
}

function svc(url: string, args: string[]): { ms: number; code: number | null; stdout: string; stderr: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, ...args], { env: svcEnv(url), encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function nodeFloor(): number {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function check(result: { code: number | null; stderr: string }, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${result.stderr.trim().split('\n')[0] ?? ''}`);
}

/** The text writer w adds as its k-th story: unique, so every one can be found afterwards. */
function writerStory(w: number, k: number): string {
  return `Writer ${w} rang the customer back within the hour, story ${k} of this writer`;
}

/**
 * Many svc processes adding stories at once, as a team does on a busy day: each writer
 * is a shell adding its stories one process after another, all writers at the same
 * time, every story crediting its writer and one shared colleague and tagged with one
 * shared tag (people and tags are created on first use, the race that could lose or
 * double a row). Then every story, person and tag is counted.
 */
async function manyWriters(options: PostgresBenchOptions, log: (line: string) => void): Promise<Row> {
  const url = recreate(options.adminUrl, `svc_bench_writers_${process.pid}`);
  check(svc(url, ['init']), 'svc db init');
  const total = options.writers * options.perWriter;
  log(`bench: ${options.writers} writers × ${options.perWriter} stories at once`);
  const start = process.hrtime.bigint();
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: options.writers }, (_, w) =>
      (async () => {
        for (let k = 0; k < options.perWriter; k++) {
          const args = [BIN, 'story', 'add', writerStory(w, k), '--staff', `Writer ${w}`, '--staff', 'Shared Colleague', '--tag', 'busy-day'];
          const code = await new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, args, { env: svcEnv(url), stdio: ['ignore', 'ignore', 'pipe'] });
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
            child.on('close', (status) => {
              if (status !== 0) failures.push(`writer ${w} story ${k}: exit ${status}: ${stderr.trim().split('\n')[0] ?? ''}`);
              resolve(status);
            });
          });
          void code;
        }
      })(),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const [stories = 0, people = 0, tags = 0, texts = 0] = admin(url, [
    'SELECT count(*) AS n FROM stories',
    'SELECT count(*) AS n FROM people',
    // Each story once with the shared tag, which exists once.
    "SELECT count(*) AS n FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE t.name = 'busy-day' HAVING count(DISTINCT t.id) = 1",
    'SELECT count(DISTINCT text) AS n FROM stories',
  ]).map((rows) => Number(rows[0]?.n ?? 0));
  admin(options.adminUrl, [`DROP DATABASE IF EXISTS svc_bench_writers_${process.pid} WITH (FORCE)`]);
  const complete = stories === total && texts === total && people === options.writers + 1 && tags === total && failures.length === 0;
  const note = complete
    ? undefined
    : `stored ${stories} of ${total} (${texts} distinct), ${people} people of ${options.writers + 1}, ${tags} stories with the one shared tag of ${total}, ${failures.length} failed${failures[0] ? `: ${failures[0]}` : ''}`;
  return {
    id: 'pg-writers',
    label: `${options.writers} writers × ${options.perWriter} stories at once`,
    command: `${options.writers} × (svc story add) × ${options.perWriter}`,
    runsMs: [Math.round(seconds * 1000)],
    medianMs: seconds * 1000,
    floorMs: null,
    measure: `${format(stories)} stored, ${format(total / seconds, 1)} stories/s`,
    target: `all ${format(total)} stored`,
    peakMb: null,
    status: complete ? 'pass' : 'fail',
    ...(note ? { note } : {}),
  };
}

/** `story add` with flags on a small database, each run paired with a bare `node -e 0` right before it. */
function storyAdd(options: PostgresBenchOptions): Row {
  const url = recreate(options.adminUrl, `svc_bench_add_${process.pid}`);
  try {
    check(svc(url, ['init']), 'svc db init');
    const args = ['story', 'add', 'Ana called the customer back within the hour with the fix', '--staff', 'Ana Novak', '--tag', 'call-back', '--channel', 'phone'];
    check(svc(url, args), 'svc story add'); // warm: the server's caches, the code cache
    const extra: number[] = [];
    const runs: number[] = [];
    for (let i = 0; i < Math.max(options.runs, 5); i++) {
      const floor = nodeFloor();
      const run = svc(url, args);
      check(run, 'svc story add');
      runs.push(run.ms);
      extra.push(run.ms - floor);
    }
    const over = median(extra) ?? Infinity;
    return {
      id: 'pg-story-add',
      label: 'svc story add (flags), PostgreSQL',
      command: `node bin/svc.cjs ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`,
      runsMs: runs.map((ms) => Math.round(ms * 10) / 10),
      medianMs: median(runs),
      floorMs: null,
      measure: `node + ${format(over, 1)} ms`,
      target: `≤ node + ${STORY_ADD_BUDGET_MS} ms`,
      peakMb: null,
      status: over <= STORY_ADD_BUDGET_MS ? 'pass' : 'fail',
    };
  } finally {
    admin(options.adminUrl, [`DROP DATABASE IF EXISTS svc_bench_add_${process.pid} WITH (FORCE)`]);
  }
}

/** A value as a PostgreSQL literal, for the psql floor script. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  if (typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * The floor of a command: its queries as svc sends them to PostgreSQL (the store's SQL
 * through the dialect), values written in, for psql to run with no Node in between.
 */
export function postgresFloorScript(command: FloorCommand, period: Period): string {
  const named = { ...period, previous_since: period.previousSince, previous_until: period.previousUntil };
  return floorQueries(command, period)
    .map((query) => {
      // The statements the store writes apart for PostgreSQL, as it sends them.
      const statement = toPostgres(query.sql === PRACTICE_SUMMARY_SQL ? PRACTICE_SUMMARY_POSTGRES : query.sql);
      const values = statement.bind(query.params?.length ? query.params : [{ ...named, ...query.named }]);
      // $10 before $1: replace from the highest number down.
      let text = statement.text;
      for (let n = values.length; n >= 1; n--) text = text.replace(new RegExp(`\\$${n}(?!\\d)`, 'g'), literal(values[n - 1]));
      return `${text.trim().replace(/;$/, '')};`;
    })
    .join('\n');
}

/** The large team database on the server: generated as a SQLite file, then moved with `svc db copy` (as a team would). */
function largeDatabase(options: PostgresBenchOptions, log: (line: string) => void): string {
  // Named for the role too: another role's database of the same size cannot be reused or dropped by this one.
  const role = (decodeURIComponent(new URL(options.adminUrl).username) || process.env.PGUSER || 'svc').toLowerCase().replace(/[^a-z0-9_]/gu, '_');
  const name = `svc_bench_${role}_${options.stories}`;
  const url = withDatabase(options.adminUrl, name);
  const exists = admin(options.adminUrl, [`SELECT 1 FROM pg_database WHERE datname = '${name}'`])[0]?.length === 1;
  if (exists && !options.fresh) {
    let stories = 0;
    try {
      stories = Number(admin(url, ['SELECT count(*) AS n FROM stories'])[0]?.[0]?.n ?? 0);
    } catch {
      // left empty by a run that stopped before its copy: made again below
    }
    if (stories === options.stories) {
      log(`bench: reusing ${name} (--fresh rebuilds it)`);
      return url;
    }
  }
  const file = join(OUT, `bench-${options.stories}.db`);
  generate({ db: file, stories: options.stories, reuse: !options.fresh });
  recreate(options.adminUrl, name);
  log(`bench: copying ${format(options.stories)} stories to PostgreSQL with svc db copy`);
  const copy = spawnSync(process.execPath, [BIN, 'db', 'copy', '--to', url], { env: { ...svcEnv(url), SVC_DATABASE_URL: '', SVC_DB: file }, encoding: 'utf8' });
  check({ code: copy.status, stderr: String(copy.stderr) }, 'svc db copy');
  return url;
}

/** report, practices and detect on the large database; report and practices paired with node + psql. */
function readCommands(options: PostgresBenchOptions, url: string): Row[] {
  const until = DEFAULT_UNTIL;
  const [previousSince, since] = [daysUntil(until, 57)[0] ?? until, daysUntil(until, 28)[0] ?? until];
  const period: Period = { since, until, previousSince, previousUntil: daysUntil(until, 29)[0] ?? until };
  const psql = (command: FloorCommand): number => {
    const file = join(OUT, `floor-postgres-${command}.sql`);
    writeFileSync(file, `${postgresFloorScript(command, period)}\n`);
    const start = process.hrtime.bigint();
    const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, url], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`psql floor for ${command} failed: ${String(result.stderr).trim().split('\n')[0]}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const rows: Row[] = [];
  for (const [id, args, floor] of [
    ['pg-report', ['report', '--format', 'text'], 'report'],
    ['pg-practices', ['practices'], 'practices'],
  ] as const) {
    check(svc(url, [...args]), `svc ${args.join(' ')}`);
    psql(floor);
    const ratios: number[] = [];
    const runs: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const floorMs = nodeFloor() + psql(floor);
      const run = svc(url, [...args]);
      check(run, `svc ${args.join(' ')}`);
      runs.push(run.ms);
      floors.push(floorMs);
      ratios.push(run.ms / floorMs);
    }
    const ratio = median(ratios) ?? Infinity;
    rows.push({
      id,
      label: `svc ${args.join(' ')}, PostgreSQL`,
      command: `node bin/svc.cjs ${args.join(' ')}`,
      runsMs: runs.map((ms) => Math.round(ms * 10) / 10),
      medianMs: median(runs),
      floorMs: median(floors),
      ratios: ratios.map((r) => Math.round(r * 1000) / 1000),
      measure: `${format(ratio, 2)}× (${format(Math.min(...ratios), 2)}–${format(Math.max(...ratios), 2)})`,
      target: '≤ 2× (psql + node)',
      peakMb: null,
      status: ratio <= 2 ? 'pass' : 'fail',
    });
  }
  check(svc(url, ['detect']), 'svc detect');
  const detect = Array.from({ length: options.runs }, () => svc(url, ['detect']).ms);
  const detectMs = median(detect) ?? Infinity;
  rows.push({
    id: 'pg-detect',
    label: 'svc detect, PostgreSQL',
    command: 'node bin/svc.cjs detect',
    runsMs: detect.map((ms) => Math.round(ms * 10) / 10),
    medianMs: detectMs,
    floorMs: null,
    measure: `${format(detectMs)} ms`,
    target: '< 2,000 ms',
    peakMb: null,
    status: detectMs < 2000 ? 'pass' : 'fail',
  });
  return rows;
}

/** Runs the PostgreSQL benchmark; the exit code as runBench's. */
export async function runPostgresBench(options: PostgresBenchOptions, log: (line: string) => void): Promise<number> {
  mkdirSync(OUT, { recursive: true });
  if (spawnSync('psql', ['--version']).status !== 0) {
    log('bench: psql is not installed (apt-get install postgresql-client): it is the floor of report and practices');
    return 2;
  }
  const rows: Row[] = [];
  const attempt = (id: string, label: string, measure: () => Row[]): void => {
    try {
      rows.push(...measure());
    } catch (error) {
      const note = error instanceof Error ? error.message : String(error);
      rows.push({ id, label, command: '', runsMs: [], medianMs: null, floorMs: null, measure: '', target: '', peakMb: null, status: 'error', note });
    }
  };
  try {
    rows.push(await manyWriters(options, log));
  } catch (error) {
    rows.push({ id: 'pg-writers', label: 'many writers', command: '', runsMs: [], medianMs: null, floorMs: null, measure: '', target: '', peakMb: null, status: 'error', note: String(error) });
  }
  attempt('pg-story-add', 'svc story add, PostgreSQL', () => [storyAdd(options)]);
  attempt('pg-large', `report, practices, detect at ${format(options.stories)} stories`, () => readCommands(options, largeDatabase(options, log)));
  process.stdout.write(`${renderTable(rows, options.markdown)}\n`);
  const json = join(OUT, `bench-postgres-${options.stories}.json`);
  writeFileSync(json, `${JSON.stringify({ date: new Date().toISOString(), engine: 'postgres', stories: options.stories, runs: options.runs, rows }, null, 2)}\n`);
  log(`bench: wrote ${json}`);
  const broken = rows.some((r) => r.status === 'error');
  const failed = rows.some((r) => r.status === 'fail');
  if (broken) log('bench: some measurements could not run (see result)');
  if (failed && options.reportOnly) log('bench: some targets were missed (reported only)');
  return broken || (failed && !options.reportOnly) ? 1 : 0;
}
