#!/usr/bin/env node
// Start-up of `svc story add` with the bundles per noun (the build's layout) against one
// commands bundle (`scripts/build.mjs --one-commands-bundle`), paired as the benchmark
// pairs: each round runs node -e 0, then one layout, node -e 0, then the other (the order
// alternating by round), and reports medians of the per-run ratios to the floor run
// right before, and the median per-round difference between the layouts. CPU time
// (user + system, read by a preloaded hook at exit) is reported beside wall time: it
// moves far less than wall time when other work shares the machine.
//   node test/bench/compare-layouts.mjs [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(process.argv.includes('--runs') ? process.argv[process.argv.indexOf('--runs') + 1] : 40);
const STORY_ADD = ['story', 'add', 'Ana called the customer back within the hour with the fix and followed up the next day', '--staff', 'Ana Novak', '--tag', 'call-back', '--channel', 'phone', '--when', 'yesterday'];

const work = mkdtempSync(join(tmpdir(), 'svc-layouts-'));
const cpuFile = join(work, 'cpu');
const hook = join(work, 'cpu-hook.cjs');
writeFileSync(hook, `process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeFileSync(${JSON.stringify(cpuFile)}, String(u.user + u.system)); });`);

/** An install of svc in its own folder, built with the given build flags. */
function install(name, flags) {
  const dir = join(work, name);
  for (const folder of ['bin', 'migrations']) cpSync(join(root, folder), join(dir, folder), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), ...flags, '--outdir', join(dir, 'dist')], { stdio: 'inherit' });
  return { name, bin: join(dir, 'bin/svc.cjs'), db: join(dir, 'svc.db'), cache: join(dir, 'cache'), ms: [], cpu: [], ratios: [], cpuRatios: [] };
}

/** Wall and CPU milliseconds of one run. */
function time(args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', hook, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  return { ms, cpu: Number(readFileSync(cpuFile, 'utf8')) / 1000 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const range = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;

try {
  const layouts = [install('per-noun', []), install('one-commands-bundle', ['--one-commands-bundle'])];
  const envOf = (layout) => ({ SVC_DB: layout.db, XDG_CACHE_HOME: layout.cache, NO_COLOR: '1', SVC_NOW: '2026-03-18T10:00:00' });
  // Untimed: the database made, the code caches written.
  for (const layout of layouts) for (let i = 0; i < 3; i++) time([layout.bin, ...STORY_ADD], envOf(layout));
  const floor = { ms: [], cpu: [] };
  for (let round = 0; round < runs; round++) {
    for (const layout of round % 2 ? [...layouts].reverse() : layouts) {
      const base = time(['-e', '0'], {});
      const run = time([layout.bin, ...STORY_ADD], envOf(layout));
      floor.ms.push(base.ms);
      floor.cpu.push(base.cpu);
      layout.ms.push(run.ms);
      layout.cpu.push(run.cpu);
      layout.ratios.push(run.ms / base.ms);
      layout.cpuRatios.push(run.cpu / base.cpu);
    }
  }
  console.log(`node -e 0: median ${median(floor.ms).toFixed(1)} ms wall, ${median(floor.cpu).toFixed(1)} ms CPU (${floor.ms.length} runs)`);
  for (const layout of layouts) {
    console.log(
      `svc story add, ${layout.name}: wall ${median(layout.ms).toFixed(1)} ms, ${median(layout.ratios).toFixed(2)}× (${range(layout.ratios)}); ` +
        `CPU ${median(layout.cpu).toFixed(1)} ms, ${median(layout.cpuRatios).toFixed(2)}× (${range(layout.cpuRatios)})`,
    );
  }
  const [perNoun, one] = layouts;
  const wall = median(one.ms.map((ms, i) => ms - perNoun.ms[i]));
  const cpu = median(one.cpu.map((ms, i) => ms - perNoun.cpu[i]));
  console.log(`one commands bundle − per-noun bundles, median per round: ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
