import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { RunOptions, RunResult } from './cli.ts';

/** A sandbox spawning the binary (cli.ts) or running in-process (in-process.ts). */
interface RhythmSandbox {
  dir: string;
  run(args: string[], options?: RunOptions): RunResult | Promise<RunResult>;
  cleanup(): void;
}

/** The sandbox's own config directory, so no test reads the machine's config file. */
export function configEnv(svc: { dir: string }, extra: Record<string, string> = {}): Record<string, string> {
  return { XDG_CONFIG_HOME: join(svc.dir, 'xdg'), ...extra };
}

/** A new sandbox (made by create) with a config folder of its own before each test, removed after it; given to use. */
export function eachConfiguredSandbox<S extends RhythmSandbox>(create: () => S, use: (svc: S, env: Record<string, string>) => void): void {
  let current: S | undefined;
  beforeEach(() => {
    current = create();
    use(current, configEnv(current));
  });
  afterEach(() => current?.cleanup());
}

export function writeConfig(svc: { dir: string }, text: string): string {
  const dir = join(svc.dir, 'xdg', 'svc');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.toml'), text);
  return join(dir, 'config.toml');
}

/** The odd practice name every rhythm test carries: each format must escape it. */
export const ODD_PRACTICE = 'Listen fully; then, <summarise> & "ask"\\';

/**
 * A team in mid-rhythm on 2026-03-18 (the sandbox's clock, a Wednesday): stories from
 * Ana, Bo and Cy, Dee trained but with no story; one procedure due for review since
 * 2026-02-14 and one due on 2026-04-16; three interviews planned on 2026-03-01 (overdue),
 * one of them since held; training sessions planned on 2026-03-20 at 14:00 and on 2026-04-30.
 */
export async function seedRhythm(svc: RhythmSandbox, options: RunOptions = {}): Promise<void> {
  const ok = async (args: string[], at?: string) => {
    const result = await svc.run(args, { ...options, env: { ...options.env, ...(at ? { SVC_NOW: at } : {}) } });
    if (result.code !== 0) throw new Error(`svc ${args.join(' ')}: ${result.stderr}`);
    return result;
  };
  await ok(['story', 'add', 'Ana called the customer back within the hour with the fix.', '--staff', 'Ana', '--when', '2026-01-10', '--tag', 'call-back']);
  await ok(['story', 'add', 'Bo listened to the whole complaint before answering.', '--staff', 'Bo', '--when', '2026-01-12', '--tag', 'listening']);
  await ok(['practice', 'add', 'Call back the same day', '--tag', 'call-back']);
  await ok(['practice', 'add', ODD_PRACTICE, '--tag', 'listening']);
  await ok(['practice', 'adopt', ODD_PRACTICE, '--procedure', 'Let them finish, then summarise.', '--review-every', '30'], '2026-01-15T09:00:00');
  await ok(['practice', 'adopt', 'Call back the same day', '--procedure', '1. Note the promised time.\n2. Call before it.'], '2026-03-17T09:00:00');
  await ok(['train', 'log', 'Call back the same day', '--people', 'Bo,Dee', '--on', '2026-03-01']);
  await ok(['story', 'add', 'Cy stayed on the line until the router worked, and rang back the next morning to check.', '--staff', 'Cy', '--when', '2026-03-16', '--impact', 'The shop opened on time']);
  await ok(['story', 'add', 'Ana called back the courier the same day.', '--staff', 'Ana', '--when', '2026-03-17', '--tag', 'call-back']);
  const customers = join(svc.dir, 'customers.csv');
  writeFileSync(customers, ['name,email', 'Acme Ltd,a@example.com', 'Bolt Inc,b@example.com', 'Cobalt,c@example.com'].join('\n'));
  await ok(['customers', 'import', customers]);
  await ok(['interview', 'pick', '--seed', '1'], '2026-03-01T09:00:00');
  await ok(['interview', 'log', '1', '--liked', 'Ana calls back', '--on', '2026-03-05']);
  await ok(['train', 'schedule', 'Call back the same day', '--on', '2026-03-20', '--at', '14:00', '--minutes', '45', '--facilitator', 'Dee']);
  await ok(['train', 'schedule', ODD_PRACTICE, '--on', '2026-04-30']);
}
