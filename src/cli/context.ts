import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Settings } from '../core/config.ts';
import { NotFoundError, UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { showControls, showControlsKeepingColour } from '../core/safe-text.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.ts';
import { translateSqliteError } from '../store/db.ts';
import { resolveDbPath, type DatabaseLocation } from '../store/paths.ts';
import { shownAddress } from '../store/address.ts';
import type { PostgresOpenOptions } from '../store/postgres/store.ts';
import { loadSettings, settingsOrDefaults } from './config.ts';
import { pagerCommand, showPaged } from './pager.ts';
import { environment, isTerminal, stdinStream, write } from './streams.ts';
import { testSwitches } from './test-switches.ts';
import { colorFor, type Palette } from '../ui/color.ts';
import type { Look } from '../ui/look.ts';

/** Options every command accepts (set on the root program). */
export interface GlobalOptions {
  db?: string;
  color?: boolean;
  input?: boolean;
  quiet?: boolean;
  /** false for --no-pager. */
  pager?: boolean;
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
  /** The database path (or PostgreSQL address: show it through shownAddress), whether it is the default one, and its engine. */
  dbPath(): DatabaseLocation;
  /** The database's path or address as it may be shown: a PostgreSQL password replaced by ***. */
  shownDb(): string;
  /** Whether --db named the database on the command line (rather than SVC_DATABASE_URL, SVC_DB or the default). */
  dbFromFlag(): boolean;
  /** The store, opened (and migrated) on first use. */
  store(): SqliteStore;
  /** A store at another path (created and migrated if new), for the caller to close: the demo builds one. */
  openStore(path: string): SqliteStore;
  /** The existing database opened read-only (never created nor migrated), or undefined when there is none. */
  readOnlyStore(): SqliteStore | undefined;
  /**
   * Another database than the command's, by the address a flag gave (svc db copy's --to; an
   * empty one is refused); PostgreSQL's driver loads only for a postgres:// one.
   */
  otherDatabase(address: string, flag: string): Promise<OtherDatabase>;
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

/** A database a command works on besides its own (see Context.otherDatabase). */
export interface OtherDatabase {
  /** The address as it may be shown: a PostgreSQL password replaced by ***. */
  readonly shown: string;
  /** The file's absolute path (a SQLite database, existing or not); null for a server's database. */
  readonly file: string | null;
  /** Whether it is a file that does not exist yet. */
  readonly missing: boolean;
  /** Opens it (creating and migrating a new file, migrating a server's database), for the caller to close. */
  open(): SqliteStore;
  /** Its own failures (a refused login, a full disk …) as errors a person can act on. */
  explain(error: unknown): unknown;
}

/** Opens a PostgreSQL store: postgres/store.ts's, loaded by the caller only when the address is PostgreSQL. */
export type PostgresOpener = (url: string, options?: PostgresOpenOptions) => SqliteStore;

/** Where the command's database is, from --db and the environment: the caller loads the PostgreSQL driver only if it must. */
export function databaseLocation(globals: GlobalOptions): DatabaseLocation {
  return resolveDbPath(refuseEmpty(globals.db, '--db'), environment());
}

/**
 * An address typed empty (--db "", --to "") names no database: refused, rather than read as
 * "not given", which would put the command on the environment's database or the default file.
 */
function refuseEmpty<T extends string | undefined>(address: T, flag: string): T {
  if (address !== undefined && address.trim() === '') throw new UsageError(messages.emptyDbAddress(flag), messages.emptyDbAddressHint(flag));
  return address;
}

/**
 * Builds the context from the process, or from the host the run was given (streams.ts).
 * Loaded only when a command runs (never for --help or --version); the database opens
 * on first use.
 */
export function createContext(
  globals: GlobalOptions,
  command: { createsDatabase?: boolean; pages?: boolean } = {},
  openPostgres?: PostgresOpener,
): Context {
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
  let store: SqliteStore | undefined;
  let readOnly: SqliteStore | undefined;
  let dbPath: DatabaseLocation | undefined;
  let settings: Settings | undefined;
  let hintsOn: boolean | undefined;
  // On a terminal, what a paging command prints (and says, when stderr is the same terminal)
  // is gathered and shown through the pager once the command is done.
  const pager = command.pages && stdoutIsTTY && globals.pager !== false ? pagerCommand(env) : undefined;
  let paged = '';
  const toStdout = (text: string) => (pager === undefined ? write('stdout', text) : (paged += text));
  const toStderr = (text: string) => (pager !== undefined && isTerminal('stderr') ? (paged += text) : write('stderr', text));
  const postgresOpener = (): PostgresOpener => {
    // runCommand loads the driver before the context is built, whenever the address is PostgreSQL.
    if (!openPostgres) throw new Error('the PostgreSQL store was not loaded for a postgres:// address');
    return openPostgres;
  };
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
    look: () => ({ tty: stdoutIsTTY, color: context.out, now: context.now(), width: stdoutIsTTY ? terminalWidth(env) : undefined }),
    dbPath: () => (dbPath ??= resolveDbPath(refuseEmpty(globals.db, '--db'), env)),
    shownDb: () => shownAddress(context.dbPath().path),
    dbFromFlag: () => Boolean(globals.db),
    store: () => {
      // On a server as with a file, only a command that saves something gives an empty database svc's schema.
      if (!store && context.dbPath().engine === 'postgres') store = postgresOpener()(context.dbPath().path, { createsSchema: command.createsDatabase === true });
      if (!store) {
        const where = context.dbPath();
        const created = !existsSync(where.path) && prepareMissing(where, command.createsDatabase === true);
        store = openDefaultStore(where, env);
        if (created) context.info(messages.dbCreated(where.path));
        if (store.migration.backup) context.info(messages.migrationBackup(store.migration.backup));
      }
      return store;
    },
    openStore: (path) => (resolveDbPath(path, env).engine === 'postgres' ? postgresOpener()(path) : openSqliteStore(path, testSwitches(env))),
    otherDatabase: async (address, flag) => {
      const where = resolveDbPath(refuseEmpty(address, flag), env);
      const shown = shownAddress(where.path);
      if (where.engine === 'postgres') {
        // The same bundle runCommand loads for a postgres:// --db (src/cli/run.ts).
        const postgres = await import('../store/postgres/store.ts');
        return { shown, file: null, missing: false, open: () => postgres.openPostgresStore(where.path, { role: 'copy-target' }), explain: (error) => postgres.translatePostgresError(error, where.path, 'copy-target') };
      }
      return {
        shown,
        file: where.path,
        missing: !existsSync(where.path),
        open: () => openSqliteStore(where.path, testSwitches(env)),
        explain: (error) => translateSqliteError(error, where.path),
      };
    },
    readOnlyStore: () => {
      const { path, engine } = context.dbPath();
      if (!readOnly && engine === 'postgres') readOnly = postgresOpener()(path, { readonly: true });
      if (!readOnly && existsSync(path)) readOnly = openSqliteStore(path, { readonly: true });
      return readOnly;
    },
    print: (text) => toStdout(safeStdout(text.endsWith('\n') ? text : `${text}\n`)),
    printPieces: (pieces) => {
      let last = '';
      for (const piece of pieces) if (piece) toStdout(safeStdout((last = piece)));
      if (!last.endsWith('\n')) toStdout('\n');
    },
    info: (text) => {
      // hints = false in the config silences the "hint:" lines; a broken config never does.
      // --quiet keeps only warnings: a script wants the result and what went wrong.
      if (globals.quiet && !WARNING_LINE.test(text)) return;
      if (HINT_LINE.test(text) && !(hintsOn ??= settings?.hints ?? settingsOrDefaults(env).hints)) return;
      toStderr(safeStderr(text.endsWith('\n') ? text : `${text}\n`));
    },
    settings: () => (settings ??= loadSettings(env).values),
    close: () => {
      store?.close();
      store = undefined;
      readOnly?.close();
      readOnly = undefined;
      if (pager !== undefined && paged) showPaged(paged, pager, env);
      paged = '';
    },
  };
  return context;
}

/** The terminal's columns: as the terminal says, else $COLUMNS, else 80. */
function terminalWidth(env: Record<string, string | undefined>): number {
  return process.stdout.columns || Number(env.COLUMNS) || 80;
}

/** A "hint: …" line, coloured or not. */
const HINT_LINE = /^(?:\u001b\[[\d;]*m)*hint: /u;
/** A "warning: …" line, coloured or not. */
const WARNING_LINE = /^(?:\u001b\[[\d;]*m)*warning: /u;

/**
 * Whether a missing database is to be created: a command that reads refuses it (a
 * mistyped --db or SVC_DB would otherwise answer from a new, empty file), naming the path.
 */
function prepareMissing(where: { path: string; isDefault: boolean }, creates: boolean): boolean {
  // A --db in a missing directory gets openStore's own message, which says to create it.
  if (!creates && (where.isDefault || existsSync(dirname(where.path)))) throw new NotFoundError(messages.dbMissing(where.path), messages.dbMissingHint);
  return creates;
}

function openDefaultStore(where: { path: string; isDefault: boolean }, env: NodeJS.ProcessEnv): SqliteStore {
  // The default data directory is ours to create, private to the user; a --db path's
  // directory must already exist.
  if (where.isDefault) mkdirSync(dirname(where.path), { recursive: true, mode: 0o700 });
  return openSqliteStore(where.path, testSwitches(env));
}
