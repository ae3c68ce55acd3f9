/**
 * The performance budget of DESIGN.md, measured: every command against its floor in the
 * same run, commands alternating round by round. Each run of a command is paired with a
 * run of its floor taken right before it (A B A B …), and the ratio is the median of the
 * per-pair ratios, with their min and max: a noisy moment then hits both halves of a
 * pair alike, instead of shifting one median against the other. Ratios, not
 * milliseconds, because the machine is shared and noisy.
 */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { floorScript, type FloorCommand, type Period } from './floor-queries.ts';
import { DEFAULT_UNTIL, daysUntil, generate } from './generate.ts';

export interface BenchOptions {
  stories: number;
  runs: number;
  cold: boolean;
  /** Print and record, but exit 0 when a target is missed (CI at a small size). */
  reportOnly: boolean;
  markdown: boolean;
  fresh: boolean;
  /** Only these rows (ids such as story-add), with their floors. */
  only?: string[];
}

/** What a row is measured against. */
type Target =
  | { kind: 'ratio'; floor: 'node' | FloorCommand; max: number }
  | { kind: 'ms'; max: number }
  | { kind: 'throughput'; min: number }
  | { kind: 'none'; floor: 'node' };

interface Case {
  id: string;
  label: string;
  /** Arguments to svc, or the floor to run. */
  run: { svc: string[] } | { node: true } | { sqlite: FloorCommand } | { script: string };
  target?: Target;
  /** Evicts the database from the page cache before every run. */
  cold?: boolean;
  /** Rewrites the whole database: measured last in each round. */
  heavy?: boolean;
  /** Runs on the small sample database (the encoder's rows: embedding is slow to repeat at full size). */
  sample?: boolean;
  /** Drops the vectors of this many newest stories before each run, so the run embeds them (as a week's new stories are). */
  clearVectors?: number;
}

/** Stories in the sample database the semantic rows run on. */
export const SAMPLE_STORIES = 500;
/**
 * Stories the semantic index row embeds in each run: the whole sample, as a first
 * suggestion after stories added by flags does. Each run is paired with the same command
 * when nothing is left to embed, and the difference (the model's load, embedding and
 * storing the vectors) is the indexing; the whole command's rate is shown beside it.
 */
export const EMBEDDED_STORIES = SAMPLE_STORIES;

export type Status = 'pass' | 'fail' | 'missing' | 'error' | 'info' | 'floor';

export interface Row {
  id: string;
  label: string;
  command: string;
  runsMs: number[];
  medianMs: number | null;
  floorMs: number | null;
  /** Per-pair ratios (command run ÷ the floor run right before it), when paired. */
  ratios?: number[];
  measure: string;
  target: string;
  peakMb: number | null;
  status: Status;
  note?: string;
}

/** Resident memory budget for any command (DESIGN.md: at 1,000,000 stories). */
export const MEMORY_LIMIT_MB = 200;

const ROOT = findRoot();
export const BIN = join(ROOT, 'bin', 'svc.cjs');
export const OUT = join(ROOT, 'test', 'bench', 'out');

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'bin', 'svc.cjs'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the svc checkout above the benchmark');
    dir = up;
  }
  return dir;
}

const STORY_ADD = [
  'story', 'add', 'Ana called the customer back within the hour with the fix and followed up the next day',
  '--staff', 'Ana Novak', '--tag', 'call-back', '--channel', 'phone', '--when', 'yesterday',
];

/** Every command of the budget, in the order they alternate. */
export function cases(cold: boolean): Case[] {
  const node = (max: number): Target => ({ kind: 'ratio', floor: 'node', max });
  const sqlite = (floor: FloorCommand): Target => ({ kind: 'ratio', floor, max: 2 });
  const list: Case[] = [
    { id: 'floor:node', label: 'node -e 0', run: { node: true } },
    { id: 'floor:report', label: 'sqlite3: report queries', run: { sqlite: 'report' } },
    { id: 'floor:practices', label: 'sqlite3: practices queries', run: { sqlite: 'practices' } },
    { id: 'floor:status', label: 'sqlite3: status queries', run: { sqlite: 'status' } },
    { id: 'version', label: 'svc --version', run: { svc: ['--version'] }, target: node(1.3) },
    { id: 'help', label: 'svc --help', run: { svc: ['--help'] }, target: node(1.3) },
    { id: 'story-add', label: 'svc story add (flags)', run: { svc: STORY_ADD }, target: node(1.4) },
    { id: 'story-list', label: 'svc story list', run: { svc: ['story', 'list'] }, target: { kind: 'none', floor: 'node' } },
    { id: 'search', label: 'svc search', run: { svc: ['search', 'called back'] }, target: { kind: 'none', floor: 'node' } },
    { id: 'practices', label: 'svc practices', run: { svc: ['practices'] }, target: sqlite('practices') },
    { id: 'detect', label: 'svc detect', run: { svc: ['detect'] }, target: { kind: 'ms', max: 2000 } },
    { id: 'report-text', label: 'svc report --format text', run: { svc: ['report', '--format', 'text'] }, target: sqlite('report') },
    { id: 'report-html', label: 'svc report --format html', run: { svc: ['report', '--format', 'html'] }, target: sqlite('report') },
    { id: 'status', label: 'svc status', run: { svc: ['status'] }, target: sqlite('status') },
  ];
  if (cold) {
    const coldIds = new Set(['floor:report', 'floor:practices', 'floor:status', 'practices', 'detect', 'report-text', 'report-html', 'status']);
    for (const c of list.filter((c) => coldIds.has(c.id))) list.push({ ...c, id: `${c.id}:cold`, label: `${c.label} (cold)`, cold: true });
  }
  list.push({ id: 'reindex', label: 'svc reindex', run: { svc: ['reindex'] }, target: { kind: 'throughput', min: 4000 }, heavy: true });
  // Evidence suggestions, on a sample: the stories' vectors exist, then are all made again.
  const sample = `${format(SAMPLE_STORIES)} stories`;
  list.push(
    { id: 'suggest-story', label: `svc practice suggest --story (${sample})`, run: { svc: ['practice', 'suggest', '--story', '1'] }, target: { kind: 'none', floor: 'node' }, sample: true },
    { id: 'suggest-practice', label: `svc practice suggest NAME (${sample})`, run: { svc: ['practice', 'suggest', '1'] }, target: { kind: 'none', floor: 'node' }, sample: true },
    { id: 'capture', label: `capture suggestions after the answer (${sample})`, run: { script: 'capture-latency.mjs' }, target: { kind: 'ms', max: 300 }, sample: true },
    {
      id: 'semantic-index',
      label: `semantic index (${format(EMBEDDED_STORIES)} new of ${sample}; floor: the same command with none new)`,
      run: { svc: ['practice', 'suggest', '--story', '1'] },
      target: { kind: 'throughput', min: 200 },
      heavy: true,
      sample: true,
      clearVectors: EMBEDDED_STORIES,
    },
  );
  return list;
}

interface Env {
  db: string;
  sampleDb: string;
  svcEnv: NodeJS.ProcessEnv;
  scripts: Record<FloorCommand, string>;
  evict: Evictor;
  time: string | null;
}

function argv(c: Case, env: Env): { file: string; args: string[] } {
  if ('node' in c.run) return { file: process.execPath, args: ['-e', '0'] };
  if ('sqlite' in c.run) return { file: 'sqlite3', args: ['-batch', env.db, `.read ${env.scripts[c.run.sqlite]}`] };
  if ('script' in c.run) return { file: process.execPath, args: [join(ROOT, 'test', 'bench', c.run.script), env.sampleDb] };
  return { file: process.execPath, args: [BIN, ...c.run.svc] };
}

function commandLine(c: Case, env: Env): string {
  const { file, args } = argv(c, env);
  return [file === process.execPath ? 'node' : file, ...args.map((a) => (a === BIN ? 'bin/svc.cjs' : /\s/.test(a) ? JSON.stringify(a) : a))].join(' ');
}

/** One timed run; the exit status and stderr tell a broken command from a slow one. */
function once(c: Case, env: Env): { ms: number; code: number | null; stderr: string } {
  if (c.cold) env.evict(env.db);
  if (c.clearVectors) clearVectors(env.sampleDb, c.clearVectors);
  const { file, args } = argv(c, env);
  const start = process.hrtime.bigint();
  const result = spawnSync(file, args, { env: envFor(c, env), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  // A script measures its own moment (e.g. after the encoder has loaded) and prints it.
  const ms = 'script' in c.run ? Number(String(result.stdout).trim()) : wall;
  return { ms, code: result.status, stderr: String(result.stderr ?? '') };
}

/** The environment a case runs in: the sample database for the sample rows. */
function envFor(c: Case, env: Env): NodeJS.ProcessEnv {
  return c.sample ? { ...env.svcEnv, SVC_DB: env.sampleDb } : env.svcEnv;
}

/** Forgets the vectors of the newest stories of a database, so that the next suggestion embeds them. */
function clearVectors(db: string, newest: number): void {
  const conn = new Database(db);
  try {
    conn.prepare('DELETE FROM story_vectors WHERE story_id IN (SELECT id FROM stories ORDER BY id DESC LIMIT ?)').run(newest);
  } finally {
    conn.close();
  }
}

/** Peak resident memory of one more run, through GNU time (null when it is not installed). */
function peakMb(c: Case, env: Env): number | null {
  if (!env.time) return null;
  if (c.cold) env.evict(env.db);
  if (c.clearVectors) clearVectors(env.sampleDb, c.clearVectors);
  const { file, args } = argv(c, env);
  const report = join(OUT, 'time.txt');
  spawnSync(env.time, ['-f', '%M', '-o', report, file, ...args], { env: envFor(c, env), stdio: 'ignore' });
  const kb = Number(readFileSync(report, 'utf8').trim().split('\n').at(-1));
  return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : null;
}

/** Whether this svc has the command at all: the budget names some that may come later. */
function hasCommand(c: Case, env: Env): boolean {
  if (!('svc' in c.run) || c.run.svc[0]?.startsWith('-')) return true;
  const words = c.run.svc.slice(0, c.run.svc[0] === 'story' || (c.run.svc[0] === 'practice' && c.run.svc[1] === 'suggest') ? 2 : 1);
  // An unknown command with --help prints the top-level help instead of its own.
  const result = spawnSync(process.execPath, [BIN, ...words, '--help'], { env: envFor(c, env), encoding: 'utf8' });
  return result.status === 0 && String(result.stdout).includes(`Usage: svc ${words.join(' ')} `);
}

/** One run of a command and the run of its floor taken right before it. */
export interface Pair {
  ms: number;
  floorMs: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

type Evictor = ((file: string) => void) & { method: string };

/**
 * Finds a way to drop the database from the page cache that works here: GNU dd's
 * nocache (no root needed), vmtouch, or the kernel's drop_caches as root. fincore
 * (util-linux) checks that the pages really left.
 */
function findEvictor(db: string): Evictor {
  const resident = (): number | null => {
    const r = spawnSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', db], { encoding: 'utf8' });
    return r.status === 0 ? Number(String(r.stdout).trim()) : null;
  };
  const files = () => [db, `${db}-wal`].filter((f) => existsSync(f));
  const ways: Array<[string, () => void]> = [
    ['dd iflag=nocache', () => files().forEach((f) => spawnSync('dd', [`if=${f}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' }))],
    ['vmtouch -e', () => spawnSync('vmtouch', ['-q', '-e', ...files()], { stdio: 'ignore' })],
    ['drop_caches', () => writeFileSync('/proc/sys/vm/drop_caches', '1')],
  ];
  for (const [method, drop] of ways) {
    try {
      spawnSync('sync', [], { stdio: 'ignore' });
      warm(db); // bring part of it into the cache, then see whether this way empties it
      drop();
      const left = resident();
      if (left === 0 || (left === null && method === 'drop_caches')) {
        return Object.assign((file: string) => {
          void file;
          spawnSync('sync', [], { stdio: 'ignore' });
          drop();
        }, { method });
      }
    } catch {
      // this way is not available here: try the next
    }
  }
  return Object.assign(() => undefined, { method: 'none (cold rows are warm)' });
}

/** Reads the first few megabytes of a file, so that some of it is cached. */
function warm(file: string): void {
  const fd = openSync(file, 'r');
  try {
    readSync(fd, Buffer.alloc(4 << 20), 0, 4 << 20, 0);
  } finally {
    closeSync(fd);
  }
}

function which(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

export function format(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Turns the runs into the table's rows: floors first, then each command against its floor. */
export function summarise(list: Case[], times: Map<string, number[]>, peaks: Map<string, number | null>, missing: Set<string>,
  errors: Map<string, string>, stories: number, commandLines: Map<string, string>, pairs: Map<string, Pair[]> = new Map()): Row[] {
  const med = (id: string) => median(times.get(id) ?? []);
  const floorOf = (c: Case, target: Target): number | null => {
    if (target.kind === 'ms' || target.kind === 'throughput') return null;
    const node = med('floor:node');
    if (target.floor === 'node') return node;
    const sqlite = med(`floor:${target.floor}${c.cold ? ':cold' : ''}`);
    return node === null || sqlite === null ? null : node + sqlite;
  };
  return list.map((c): Row => {
    const runsMs = (times.get(c.id) ?? []).map((ms) => Math.round(ms * 10) / 10);
    const medianMs = med(c.id);
    const peak = peaks.get(c.id) ?? null;
    const base = { id: c.id, label: c.label, command: commandLines.get(c.id) ?? '', runsMs, medianMs, peakMb: peak };
    const target = c.target;
    if (!target) return { ...base, floorMs: null, measure: '', target: '', status: 'floor' };
    const targetText =
      target.kind === 'ratio' ? `≤ ${target.max}×` : target.kind === 'ms' ? `< ${format(target.max)} ms` : target.kind === 'throughput' ? `≥ ${format(target.min)} stories/s` : '';
    const paired = pairs.get(c.id) ?? [];
    const ratios = target.kind === 'throughput' ? [] : paired.map((p) => p.ms / p.floorMs);
    const floorMs = paired.length ? median(paired.map((p) => p.floorMs)) : floorOf(c, target);
    if (missing.has(c.id)) return { ...base, floorMs, measure: '', target: targetText, status: 'missing', note: 'not in this svc yet' };
    const error = errors.get(c.id);
    if (error !== undefined || medianMs === null) return { ...base, floorMs, measure: '', target: targetText, status: 'error', note: error };
    const memoryOk = peak === null || peak < MEMORY_LIMIT_MB;
    let measure: string;
    let met: boolean | null;
    switch (target.kind) {
      case 'ratio':
      case 'none': {
        // Paired: the median of the per-pair ratios, and their range; else median over median.
        const ratio = ratios.length ? median(ratios) : floorMs ? medianMs / floorMs : null;
        const range = ratios.length > 1 ? ` (${format(Math.min(...ratios), 2)}–${format(Math.max(...ratios), 2)})` : '';
        measure = ratio === null ? '' : `${format(ratio, 2)}×${range}`;
        met = target.kind === 'ratio' && ratio !== null ? ratio <= target.max : null;
        break;
      }
      case 'ms':
        measure = `${format(medianMs)} ms`;
        met = medianMs < target.max;
        break;
      case 'throughput': {
        // Paired with the command that has nothing to embed: the indexing alone.
        const indexing = median((pairs.get(c.id) ?? []).map((p) => p.ms - p.floorMs));
        const perSecond = (c.clearVectors ?? (c.sample ? SAMPLE_STORIES : stories)) / ((indexing ?? medianMs) / 1000);
        measure = `${format(perSecond)} stories/s${indexing === null ? '' : ` (whole command ${format((c.clearVectors ?? 0) / (medianMs / 1000))}/s)`}`;
        met = perSecond >= target.min;
        break;
      }
    }
    const status: Status = !memoryOk ? 'fail' : met === null ? 'info' : met ? 'pass' : 'fail';
    const ratioRuns = ratios.length ? { ratios: ratios.map((r) => Math.round(r * 1000) / 1000) } : {};
    return { ...base, floorMs, ...ratioRuns, measure, target: targetText, status, ...(memoryOk ? {} : { note: `over ${MEMORY_LIMIT_MB} MB` }) };
  });
}

export function renderTable(rows: Row[], markdown: boolean): string {
  const header = ['command', 'median ms', 'floor ms', 'measured', 'target', 'peak MB', 'result'];
  const cells = rows.map((r) => [
    r.label,
    r.medianMs === null ? '—' : format(r.medianMs, 1),
    r.floorMs === null ? '—' : format(r.floorMs, 1),
    r.measure || '—',
    r.target || '—',
    r.peakMb === null ? '—' : format(r.peakMb, 1),
    r.status === 'floor' ? 'floor' : r.note ? `${r.status} (${r.note})` : r.status,
  ]);
  if (markdown) {
    const line = (c: string[]) => `| ${c.join(' | ')} |`;
    return [line(header), line(header.map((_, i) => (i === 0 || i === 6 ? '---' : '---:'))), ...cells.map(line)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 || i === 6 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Runs the benchmark; returns the exit code (1 when a target is missed, unless reportOnly). */
export function runBench(options: BenchOptions, log: (line: string) => void): number {
  mkdirSync(OUT, { recursive: true });
  const loadBefore = loadavg();
  if (!existsSync(join(ROOT, 'dist', 'svc.cjs'))) {
    log('bench: dist/ is missing: run `npm run build` first');
    return 2;
  }
  const db = join(OUT, `bench-${options.stories}.db`);
  log(`bench: ${format(options.stories)} stories in ${db}`);
  const generated = generate({ db, stories: options.stories, reuse: !options.fresh });
  log(generated.reused ? 'bench: reusing the database generated earlier (--fresh rebuilds it)' : `bench: generated in ${format(generated.ms / 1000, 1)} s`);

  const until = DEFAULT_UNTIL;
  const [previousSince, since] = [daysUntil(until, 57)[0] ?? until, daysUntil(until, 28)[0] ?? until];
  const period: Period = { since, until, previousSince, previousUntil: daysUntil(until, 29)[0] ?? until };
  const scripts = Object.fromEntries(
    (['report', 'practices', 'status'] as const).map((command) => {
      const file = join(OUT, `floor-${command}.sql`);
      writeFileSync(file, `${floorScript(command, period)}\n`);
      return [command, file];
    }),
  ) as Record<FloorCommand, string>;
  const sampleDb = join(OUT, `bench-sample-${SAMPLE_STORIES}.db`);
  generate({ db: sampleDb, stories: SAMPLE_STORIES, reuse: !options.fresh });
  const svcEnv: NodeJS.ProcessEnv = { ...process.env, SVC_DB: db, NO_COLOR: '1', SVC_NOW: `${until}T10:00:00` };
  delete svcEnv.SVC_DEBUG;
  const sqliteShell = which('sqlite3');
  // GNU time reports peak resident memory; the shell's built-in `time` does not.
  const env: Env = { db, sampleDb, svcEnv, scripts, evict: findEvictor(db), time: existsSync('/usr/bin/time') ? '/usr/bin/time' : null };
  if (options.cold) log(`bench: cold runs evict the database with ${env.evict.method}`);

  const only = options.only ? new Set(options.only) : null;
  const list = cases(options.cold)
    .filter((c) => sqliteShell || !('sqlite' in c.run))
    // --only: those commands, with the floors they are measured against.
    .filter((c, _, all) => !only || only.has(c.id) || (c.id.startsWith('floor:') && all.some((o) => only.has(o.id) && o.target && 'floor' in o.target && (c.id === 'floor:node' || c.id === `floor:${o.target.floor}${o.cold ? ':cold' : ''}`))));
  if (!sqliteShell) log('bench: the sqlite3 shell is not installed (apt-get install sqlite3): report, practices and status have no floor');
  const missing = new Set(list.filter((c) => !hasCommand(c, env)).map((c) => c.id));
  const errors = new Map<string, string>();
  const times = new Map<string, number[]>(list.map((c) => [c.id, []]));
  const measured = list.filter((c) => !missing.has(c.id));

  // One untimed round: caches warm, migrations applied, broken commands found.
  for (const c of measured) {
    const result = once(c, env);
    if (result.code !== 0) errors.set(c.id, `exit ${result.code}: ${result.stderr.trim().split('\n')[0] ?? ''}`);
  }
  const timed = measured.filter((c) => !errors.has(c.id));
  // Floors run inside the pairs of the commands they are the floor of.
  const order = [...timed.filter((c) => !c.heavy && !c.id.startsWith('floor:')), ...timed.filter((c) => c.heavy)];
  const floorCase = new Map(timed.map((c) => [c.id, c]));
  const pairs = new Map<string, Pair[]>();
  for (let round = 1; round <= options.runs; round++) {
    // Alternate: every command once per round, so a noisy moment hits them all alike.
    // Each svc command with a floor runs right after its floor (node -e 0, plus the
    // sqlite3 shell's queries where they are part of it): A B A B …, paired run for run.
    for (const c of order) {
      const target = c.target;
      if (c.clearVectors && target?.kind === 'throughput') {
        // The same command with nothing left to embed, right before: what it costs beyond
        // that is the indexing (the model's load included), the rate the budget names.
        const floorMs = once({ ...c, clearVectors: undefined }, env).ms;
        const ms = once(c, env).ms;
        times.get(c.id)?.push(ms);
        pairs.set(c.id, [...(pairs.get(c.id) ?? []), { ms, floorMs }]);
        continue;
      }
      const pairable = 'svc' in c.run && !c.heavy && target !== undefined && (target.kind === 'ratio' || target.kind === 'none');
      if (!pairable) {
        times.get(c.id)?.push(once(c, env).ms);
        continue;
      }
      let floorMs = 0;
      for (const id of ['floor:node', ...(target.floor === 'node' ? [] : [`floor:${target.floor}${c.cold ? ':cold' : ''}`])]) {
        const floor = floorCase.get(id);
        if (!floor) continue;
        const ms = once(floor, env).ms;
        times.get(id)?.push(ms);
        floorMs += ms;
      }
      const ms = once(c, env).ms;
      times.get(c.id)?.push(ms);
      if (floorMs > 0) pairs.set(c.id, [...(pairs.get(c.id) ?? []), { ms, floorMs }]);
    }
    log(`bench: round ${round}/${options.runs} done`);
  }
  const peaks = new Map(timed.map((c) => [c.id, peakMb(c, env)]));
  const rows = summarise(list, times, peaks, missing, errors, options.stories, new Map(list.map((c) => [c.id, commandLine(c, env)])), pairs);

  const table = renderTable(rows, options.markdown);
  process.stdout.write(`${table}\n`);
  const result = {
    date: new Date().toISOString(),
    stories: options.stories,
    runs: options.runs,
    cold: options.cold ? env.evict.method : false,
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    sqlite3: sqliteShell ? String(spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout).split(' ')[0] : null,
    // How busy the shared machine was (1-minute load average before and after).
    load: { before: loadBefore[0], after: loadavg()[0] },
    memoryLimitMb: MEMORY_LIMIT_MB,
    rows,
  };
  const json = join(OUT, `bench-${options.stories}.json`);
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  rmSync(join(OUT, 'time.txt'), { force: true });
  log(`bench: wrote ${json}`);

  const broken = rows.some((r) => r.status === 'error');
  const failed = rows.some((r) => r.status === 'fail');
  if (broken) log('bench: some commands failed to run (see result)');
  if (failed && options.reportOnly) log('bench: some targets were missed (reported only: at this size the ratios prove nothing)');
  return broken || (failed && !options.reportOnly) ? 1 : 0;
}
