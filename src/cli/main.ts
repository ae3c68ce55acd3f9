import pkg from '../../package.json' with { type: 'json' };
import { dbFlagIn, givenAddress, isPostgresAddress } from '../store/address.ts';
import { environment, isTerminal, useHost, write as writeTo, type Host } from './streams.ts';

/**
 * The one place that catches errors, prints them and sets the exit code. Everything
 * below throws typed errors; nothing else ends the process.
 */
export async function main(argv: string[]): Promise<void> {
  const code = await run(argv);
  if (code !== 0) process.exitCode = code;
}

/**
 * Runs one command line against host (the real process when none is given) and returns
 * the exit code the process should end with.
 */
export async function run(argv: string[], host?: Host): Promise<number> {
  useHost(host);
  let early: typeof import('../store/postgres/early.ts') | undefined;
  try {
    // `svc --version` alone needs no command tree: skip loading commander at all.
    if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
      writeTo('stdout', `${pkg.version}\n`);
      return 0;
    }
    // A command on a PostgreSQL address: start connecting now, while the command tree loads
    // (never for help, which reads no database).
    const words = argv.slice(2);
    const runsCommand = words.some((word) => !word.startsWith('-')) && !words.some((word) => word === '--help' || word === '-h' || word === 'help');
    // An empty --db is refused once the command runs: no connection to the environment's database meanwhile.
    const flag = dbFlagIn(argv);
    const address = runsCommand && flag?.trim() !== '' ? givenAddress(flag, environment()) : undefined;
    early = address !== undefined && isPostgresAddress(address) ? await import('../store/postgres/early.ts') : undefined;
    early?.connectEarly(address!.trim());
    try {
      const { buildProgram } = await import('./program.ts');
      await buildProgram(argv).parseAsync(argv);
      return 0;
    } catch (error) {
      return await report(error, argv);
    }
  } finally {
    // A command that failed before it opened the database leaves the early connection unused.
    early?.closeEarly();
    if (host) useHost(undefined);
  }
}

/** Prints an error as `svc: …` and `hint: …`; returns the exit code. */
async function report(error: unknown, argv: readonly string[]): Promise<number> {
  // Loaded only on failure: --version and commands that succeed never parse them.
  const [{ ExitCode, errorCode, isSvcError }, { messages }, { messageLine, showControls }] = await Promise.all([
    import('../core/errors.ts'),
    import('../core/messages.ts'),
    import('../core/safe-text.ts'),
  ]);
  // Messages may repeat what was typed: controls shown visibly, length bounded.
  const write = (line: string) => writeTo('stderr', `${messageLine(line)}\n`);
  const debug = environment().SVC_DEBUG === '1';
  if (errorCode(error).startsWith('commander.')) {
    // Commander already printed help, the version, or its own (reworded) error.
    return (error as { exitCode?: unknown }).exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (isSvcError(error)) {
    write(`svc: ${withPromptsReason(error.message, argv, messages.promptsTurnedOff)}`);
    if (error.hint) write(`hint: ${error.hint}`);
    if (debug && error.stack) writeTo('stderr', `${showControls(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`svc: ${messages.unexpected(message)}`);
  write(`hint: ${messages.unexpectedHint}`);
  if (debug && error instanceof Error && error.stack) writeTo('stderr', `${showControls(error.stack)}\n`);
  return ExitCode.unexpected;
}

/**
 * "…, and there is no terminal to ask" is wrong on a terminal where prompts were turned
 * off: it says instead what turned them off, so the person knows what to change.
 */
function withPromptsReason(message: string, argv: readonly string[], turnedOff: (why: 'CI' | '--no-input') => string): string {
  const clause = /, and there is no terminal to .*$/u;
  if (!clause.test(message) || !isTerminal('stdin') || !isTerminal('stdout')) return message;
  const why = argv.includes('--no-input') ? '--no-input' : environment().CI ? 'CI' : undefined;
  return why ? message.replace(clause, `, ${turnedOff(why)}`) : message;
}
