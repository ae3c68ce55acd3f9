import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Settings } from '../core/config.ts';
import { messages } from '../core/messages.ts';
import { showControls, showControlsKeepingColour } from '../core/safe-text.ts';
import { openStore, type Store } from '../store/db.ts';
import { resolveDbPath } from '../store/paths.ts';
import { loadSettings, settingsOrDefaults } from './config.ts';
import { environment, isTerminal, stdinStream, write } from './streams.ts';
import { testSwitches } from './test-switches.ts';
import { colorFor, type Palette } from '../ui/color.ts';
import type { Look } from '../ui/look.ts';

/** Options every command accepts (set on the root program). */
export interface GlobalOptions {
  db?: string;
  color?: boolean;
  input?: boolean;
}

/** What a command handler may touch of the outside world: streams, clock, store. */
export interface Context {
  readonly env: Record<string, string | undefined>;
  readonly stdin: NodeJS.ReadStream;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  /** stdin and stdout are terminals, and neither --no-input nor CI is set. */
  readonly canPrompt: boolean;
  readonly out: Palette;
  readonly err: Palette;
  now(): Date;
  /** How human output on stdout should look (terminal or not, colour, today). */
  look(): Look;
  /** The database path and whether it is the default one. */
  dbPath(): { path: string; isDefault: boolean };
  /** The store, opened (and migrated) on first use. */
  store(): Store;
  /** Writes the result to stdout. */
  print(text: string): void;
  /** Writes the result to stdout as given, a piece at a time (see ui/json-stream.ts). */
  printPieces(pieces: Iterable<string>): void;
  /** Writes a message (confirmation, progress, warning) to stderr. */
  info(text: string): void;
  /** The team's settings (config file, SVC_* variables, defaults), read on first use; a bad file is refused. */
  settings(): Settings;
  close(): void;
}

/**
 * Builds the context from the process, or from the host the run was given (streams.ts).
 * Loaded only when a command runs (never for --help or --version); the database opens
 * on first use.
 */
export function createContext(globals: GlobalOptions): Context {
  const env = environment();
  const stdinIsTTY = isTerminal('stdin');
  const stdoutIsTTY = isTerminal('stdout');
  const colorAllowed = globals.color !== false;
  const out = colorFor(stdoutIsTTY, env, colorAllowed);
  const err = colorFor(isTerminal('stderr'), env, colorAllowed);
  // Every piece of text reaches the terminal through here, its controls shown visibly:
  // stored names and typed input cannot move the cursor, set the clipboard (OSC 52) or
  // reorder a line. JSON passes through unchanged in meaning (see core/safe-text.ts).
  const safeStdout = out.level > 0 ? showControlsKeepingColour : showControls;
  const safeStderr = err.level > 0 ? showControlsKeepingColour : showControls;
  let store: Store | undefined;
  let dbPath: { path: string; isDefault: boolean } | undefined;
  let settings: Settings | undefined;
  let hintsOn: boolean | undefined;
  const context: Context = {
    env,
    // A getter: building the stdin stream costs milliseconds, and most commands never read it.
    get stdin() {
      return stdinStream();
    },
    stdinIsTTY,
    stdoutIsTTY,
    canPrompt: stdinIsTTY && stdoutIsTTY && globals.input !== false && !env.CI,
    out,
    err,
    // SVC_NOW pins the clock, so examples and tests can speak of fixed dates.
    now: () => (env.SVC_NOW ? new Date(env.SVC_NOW) : new Date()),
    look: () => ({ tty: stdoutIsTTY, color: context.out, now: context.now() }),
    dbPath: () => (dbPath ??= resolveDbPath(globals.db, env)),
    store: () => {
      if (!store) {
        store = openDefaultStore(context.dbPath(), env);
        if (store.migration.backup) context.info(messages.migrationBackup(store.migration.backup));
      }
      return store;
    },
    print: (text) => write('stdout', safeStdout(text.endsWith('\n') ? text : `${text}\n`)),
    printPieces: (pieces) => {
      let last = '';
      for (const piece of pieces) if (piece) write('stdout', safeStdout((last = piece)));
      if (!last.endsWith('\n')) write('stdout', '\n');
    },
    info: (text) => {
      // hints = false in the config silences the "hint:" lines; a broken config never does.
      if (HINT_LINE.test(text) && !(hintsOn ??= settings?.hints ?? settingsOrDefaults(env).hints)) return;
      write('stderr', safeStderr(text.endsWith('\n') ? text : `${text}\n`));
    },
    settings: () => (settings ??= loadSettings(env).values),
    close: () => {
      store?.close();
      store = undefined;
    },
  };
  return context;
}

/** A "hint: …" line, coloured or not. */
const HINT_LINE = /^(?:\u001b\[[\d;]*m)*hint: /u;

function openDefaultStore(where: { path: string; isDefault: boolean }, env: NodeJS.ProcessEnv): Store {
  // The default data directory is ours to create, private to the user; a --db path's
  // directory must already exist.
  if (where.isDefault) mkdirSync(dirname(where.path), { recursive: true, mode: 0o700 });
  return openStore(where.path, testSwitches(env));
}
