import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { sandbox, type RunOptions, type SvcSandbox } from './cli.ts';

/** The sandbox's own config directory, so no test reads the machine's config file. */
export function configEnv(svc: SvcSandbox, extra: Record<string, string> = {}): Record<string, string> {
  return { XDG_CONFIG_HOME: join(svc.dir, 'xdg'), ...extra };
}

/** A new sandbox with a config folder of its own before each test, removed after it; given to use. */
export function eachConfiguredSandbox(use: (svc: SvcSandbox, env: Record<string, string>) => void): void {
  let current: SvcSandbox | undefined;
  beforeEach(() => {
    current = sandbox();
    use(current, configEnv(current));
  });
  afterEach(() => current?.cleanup());
}

export function writeConfig(svc: SvcSandbox, text: string): string {
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
export function seedRhythm(svc: SvcSandbox, options: RunOptions = {}): void {
  const ok = (args: string[], at?: string) => {
    const result = svc.run(args, { ...options, env: { ...options.env, ...(at ? { SVC_NOW: at } : {}) } });
    if (result.code !== 0) throw new Error(`svc ${args.join(' ')}: ${result.stderr}`);
    return result;
  };
  ok(['story', 'add', 'Ana called the customer back within the hour with the fix.', '--staff', 'Ana', '--when', '2026-01-10', '--tag', 'call-back']);
  ok(['story', 'add', 'Bo listened to the whole complaint before answering.', '--staff', 'Bo', '--when', '2026-01-12', '--tag', 'listening']);
  ok(['practice', 'add', 'Call back the same day', '--tag', 'call-back']);
  ok(['practice', 'add', ODD_PRACTICE, '--tag', 'listening']);
  ok(['practice', 'adopt', ODD_PRACTICE, '--procedure', 'Let them finish, then summarise.', '--review-every', '30'], '2026-01-15T09:00:00');
  ok(['practice', 'adopt', 'Call back the same day', '--procedure', '1. Note the promised time.\n2. Call before it.'], '2026-03-17T09:00:00');
  ok(['train', 'log', 'Call back the same day', '--people', 'Bo,Dee', '--on', '2026-03-01']);
  ok(['story', 'add', 'Cy stayed on the line until the router worked, and rang back the next morning to check.', '--staff', 'Cy', '--when', '2026-03-16', '--impact', 'The shop opened on time']);
  ok(['story', 'add', 'Ana called back the courier the same day.', '--staff', 'Ana', '--when', '2026-03-17', '--tag', 'call-back']);
  const customers = join(svc.dir, 'customers.csv');
  writeFileSync(customers, ['name,email', 'Acme Ltd,a@example.com', 'Bolt Inc,b@example.com', 'Cobalt,c@example.com'].join('\n'));
  ok(['customers', 'import', customers]);
  ok(['interview', 'pick', '--seed', '1'], '2026-03-01T09:00:00');
  ok(['interview', 'log', '1', '--liked', 'Ana calls back', '--on', '2026-03-05']);
  ok(['train', 'schedule', 'Call back the same day', '--on', '2026-03-20', '--at', '14:00', '--minutes', '45', '--facilitator', 'Dee']);
  ok(['train', 'schedule', ODD_PRACTICE, '--on', '2026-04-30']);
}
