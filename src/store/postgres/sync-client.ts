/**
 * A synchronous PostgreSQL client. The Store is synchronous (better-sqlite3's speed and
 * transactions that cannot interleave), and node-postgres is asynchronous, so the client
 * runs in a worker thread: each query is posted to it and this thread sleeps on a shared
 * flag (Atomics.wait) until the worker has posted the answer back, which is then read
 * without the event loop (receiveMessageOnPort). node-postgres is loaded only here, so a
 * SQLite user's start-up never parses it.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** What one statement returned: its rows (objects by column name) and how many rows it touched. */
export interface QueryResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number;
}

const POSTGRES_ERROR = Symbol.for('svc.postgresError');

/** A PostgreSQL error as the server reported it: the SQLSTATE code says which (40001 is a serialization failure). */
export class PostgresError extends Error {
  readonly [POSTGRES_ERROR] = true;
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'PostgresError';
  }
}

/** Whether an error is a PostgresError, from whichever bundle's client threw it (the entry's early connection is another bundle's). */
export function isPostgresError(error: unknown): error is PostgresError {
  return error instanceof Error && (error as Error & { [POSTGRES_ERROR]?: unknown })[POSTGRES_ERROR] === true;
}

export interface SyncPostgresClient {
  query(sql: string, params?: readonly unknown[]): QueryResult;
  close(): void;
}

interface Answer {
  rows?: Array<Record<string, unknown>>;
  rowCount?: number;
  error?: { message: string; code?: string };
}

// The worker's source, run as CommonJS. Types are read as SQLite hands them back: 64-bit
// integers (ids, counts) as numbers, not strings; numeric as a number; dates and times as
// the text they were stored as.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
// node-postgres warns on stderr, at every connection, that it will read ~/.pgpass differently
// in its next major version: svc pins this one, and a person's terminal is no place for it.
process.noDeprecation = true;
// node-postgres through svc's code cache when the build's launcher is beside it, as the
// main thread loads its bundles: compiling it is most of what loading it costs.
let pg;
let saveCaches = () => {};
if (workerData.launch) {
  try {
    const { createBundleLoader, codeCacheDir } = require(workerData.launch);
    const loader = createBundleLoader(codeCacheDir());
    pg = loader.load(workerData.pg);
    saveCaches = loader.saveCaches;
  } catch {}
}
pg ??= require(workerData.pg);
const { port, flag, url } = workerData;
// However this thread ends, the waiting thread hears of it (2: stopped) instead of waiting out its time.
process.on('exit', () => { Atomics.store(flag, 0, 2); Atomics.notify(flag, 0); });
for (const oid of [20]) pg.types.setTypeParser(oid, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
for (const oid of [1082, 1083, 1114, 1184]) pg.types.setTypeParser(oid, (v) => v);
const fs = require('node:fs');
// libpq's password file, read as libpq reads it and only when the server asks for a
// password; node-postgres's own reading would print a raw WARNING line for a file others
// may read, and send no password at all when none is found. What is wrong is answered to
// the first query, with a code (SVC_NO_PASSWORD) the store turns into svc's own message.
function passwordFromFile(params) {
  const file = process.env.PGPASSFILE || require('node:path').join(require('node:os').homedir(), '.pgpass');
  const host = !params.host || params.host.startsWith('/') ? 'localhost' : params.host;
  const wanted = [host, String(params.port), params.database, params.user];
  const missing = (reason) => Object.assign(new Error(JSON.stringify({ file, reason, wanted: wanted.join(':') })), { code: 'SVC_NO_PASSWORD' });
  let stat;
  try { stat = fs.statSync(file); } catch { throw missing('missing'); }
  if (!stat.isFile() || (stat.mode & 0o077) !== 0) throw missing('unsafe');
  for (const line of fs.readFileSync(file, 'utf8').split(/\\r?\\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const fields = [''];
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '\\\\' && i + 1 < line.length) fields[fields.length - 1] += line[++i];
      else if (ch === ':' && fields.length < 5) fields.push('');
      else fields[fields.length - 1] += ch;
    }
    if (fields.length === 5 && wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields[4];
  }
  throw missing('no-line');
}
let client;
let ready;
try {
  client = new pg.Client({ connectionString: url, application_name: 'svc' });
  // No password in the address nor PGPASSWORD: asked for one, the client reads the password file.
  if (client.password == null) client.password = passwordFromFile;
  ready = client.connect();
} catch (error) {
  // An address node-postgres cannot read: answered to the first query.
  ready = Promise.reject(error);
}
// Written once connected, when V8 has compiled what a connection needs.
ready.then(() => saveCaches(), () => {});
// A refused connection is answered to the first query, not thrown in the worker.
ready.catch(() => {});
let broken = null;
client?.on('error', (error) => { broken = error; });
function answer(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
port.on('message', async (request) => {
  try {
    await ready;
    if (broken) throw broken;
    if (request.close) { await client.end(); answer({ rows: [], rowCount: 0 }); port.close(); return; }
    const result = await client.query({ text: request.sql, values: request.params });
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    answer({ rows: last.rows ?? [], rowCount: last.rowCount ?? 0 });
  } catch (error) {
    answer({ error: { message: String(error && error.message || error), code: error && error.code } });
  }
});
`;

const WAITING = 0;
const IDLE = 1;
const STOPPED = 2;

// A query that takes longer than this is a server that stopped answering.
const QUERY_TIMEOUT_MS = 120_000;

/**
 * node-postgres as the build bundles it beside this code (dist/pg.cjs: one file loads
 * several times faster than its forty modules), else from node_modules (tests of the source).
 */
function nodePostgresPath(): string {
  const here = fileURLToPath(import.meta.url);
  const bundled = join(dirname(here), 'pg.cjs');
  return existsSync(bundled) ? bundled : createRequire(import.meta.url).resolve('pg');
}

/** The address parsed, with its sslmode (or PGSSLMODE when it says none); undefined when it does not parse. */
function sslAddress(url: string, env: Record<string, string | undefined>): { parsed: URL; mode: string | undefined } | undefined {
  try {
    const parsed = new URL(url);
    return { parsed, mode: parsed.searchParams.get('sslmode') ?? env.PGSSLMODE };
  } catch {
    return undefined;
  }
}

/**
 * The address with libpq's meaning of sslmode: node-postgres reads `require` as
 * `verify-full` (and warns) unless asked for libpq's meanings, under which `require`
 * encrypts without checking the certificate and `verify-ca`/`verify-full` check it. A
 * PGSSLMODE in the environment counts as libpq's does, when the address sets none.
 */
export function withLibpqSslModes(url: string, env: Record<string, string | undefined> = process.env): string {
  const address = sslAddress(url, env);
  if (!address) return url; // node-postgres reports what is wrong with it
  const { parsed, mode } = address;
  if (!mode || parsed.searchParams.has('uselibpqcompat')) return url;
  // node-postgres has no `allow` (plain text first): it encrypts without checking, as `prefer` does there.
  parsed.searchParams.set('sslmode', mode === 'allow' ? 'prefer' : mode);
  parsed.searchParams.set('uselibpqcompat', 'true');
  return parsed.toString();
}

/** The sslmode values libpq knows. */
export const SSL_MODES: readonly string[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/**
 * What makes an address unusable before anything is sent: an sslmode libpq does not know
 * (from the address, or PGSSLMODE when it says none), or a certificate or key file that is
 * not there or cannot be read. As a PostgresError with a code of svc's own (SVC_SSLMODE,
 * SVC_SSL_FILE), which the store turns into a message; undefined when there is nothing.
 */
export function addressProblem(url: string, env: Record<string, string | undefined> = process.env): PostgresError | undefined {
  const address = sslAddress(url, env);
  if (!address) return undefined; // node-postgres reports what is wrong with it
  const { parsed, mode } = address;
  if (mode && !SSL_MODES.includes(mode)) return new PostgresError(mode, 'SVC_SSLMODE');
  for (const parameter of ['sslrootcert', 'sslcert', 'sslkey']) {
    const file = parsed.searchParams.get(parameter);
    if (!file) continue;
    if (!existsSync(file)) return new PostgresError(JSON.stringify({ parameter, file, reason: 'missing' }), 'SVC_SSL_FILE');
    try {
      accessSync(file, constants.R_OK);
    } catch {
      return new PostgresError(JSON.stringify({ parameter, file, reason: 'unreadable' }), 'SVC_SSL_FILE');
    }
  }
  return undefined;
}

/** A client that never connected: every query throws what was wrong with its address. */
function refusedClient(problem: PostgresError): SyncPostgresClient {
  return {
    query() {
      throw problem;
    },
    close() {},
  };
}

/** A connection started at the entry (connectEarly), on the global object: the entry and the store are different bundles. */
const EARLY = Symbol.for('svc.postgres.earlyConnection');
type EarlySlot = { url: string; client: SyncPostgresClient };
const slot = globalThis as { [EARLY]?: EarlySlot };

/**
 * Starts connecting to url in the background, as soon as a command line names a
 * PostgreSQL address: the worker loads node-postgres and the server forks a backend and
 * checks the password while the command tree and its handlers load. takeEarly(url)
 * hands the connection to the store; closeEarly ends it if no store took it.
 */
export function connectEarly(url: string): void {
  closeEarly();
  slot[EARLY] = { url, client: connectPostgres(url) };
}

/** The connection connectEarly started for url, now the caller's to close. */
export function takeEarly(url: string): SyncPostgresClient | undefined {
  const early = slot[EARLY];
  if (early?.url !== url) return undefined;
  delete slot[EARLY];
  return early.client;
}

/** Ends a connection connectEarly started that no store took (the command never needed the database). */
export function closeEarly(): void {
  slot[EARLY]?.client.close();
  delete slot[EARLY];
}

/** The build's launcher (dist/launch.cjs, which keeps the code cache) beside the bundled node-postgres, if that is what pgPath is. */
function launcherBeside(pgPath: string): string | undefined {
  const launcher = join(dirname(pgPath), 'launch.cjs');
  return pgPath.endsWith('pg.cjs') && existsSync(launcher) ? launcher : undefined;
}

/**
 * Sleeps until the flag leaves WAITING (the worker answered or stopped), or the time is
 * up. A wake-up alone proves nothing: the worker notifies after it sets the flag, so when
 * this thread saw the previous answer before that notify arrived, the late notify wakes
 * it during the next request, before that request is answered.
 */
export function waitWhileWaiting(flag: Int32Array, timeoutMs: number): 'answered' | 'timed-out' {
  const deadline = performance.now() + timeoutMs;
  while (Atomics.load(flag, 0) === WAITING) {
    const left = deadline - performance.now();
    if (left <= 0) return 'timed-out';
    Atomics.wait(flag, 0, WAITING, left);
  }
  return 'answered';
}

/** Connects to the database at `url` (a postgres:// address; libpq's PG* variables fill what it leaves out). */
export function connectPostgres(url: string): SyncPostgresClient {
  const problem = addressProblem(url);
  if (problem) return refusedClient(problem);
  const pgPath = nodePostgresPath();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  // execArgv: [] — the worker's source is CommonJS whatever flags started this process
  // (`node --input-type=module -e …` would make it a module without require, and it would never answer).
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { pg: pgPath, launch: launcherBeside(pgPath), port: port2, flag, url: withLibpqSslModes(url) }, transferList: [port2] });
  // The worker must not keep the process alive once the command is done.
  worker.unref();
  let closed = false;

  // The flag: 1 while the worker is idle (or has answered), 0 while a request waits, 2 once the worker has stopped.
  Atomics.store(flag, 0, IDLE);
  let stuck = false;

  function call(request: object): Answer {
    // Only from idle to waiting: a worker that stopped meanwhile must not be waited for.
    if (Atomics.compareExchange(flag, 0, IDLE, WAITING) !== IDLE) throw new PostgresError('the PostgreSQL connection ended', undefined);
    port1.postMessage(request);
    if (waitWhileWaiting(flag, QUERY_TIMEOUT_MS) === 'timed-out') {
      stuck = true;
      throw new PostgresError(`PostgreSQL did not answer within ${QUERY_TIMEOUT_MS / 1000} s`, undefined);
    }
    // The answer first, if the worker stopped right after giving it.
    const received = receiveMessageOnPort(port1 as MessagePort);
    if (!received && Atomics.load(flag, 0) === STOPPED) throw new PostgresError('the PostgreSQL connection ended', undefined);
    if (!received) throw new PostgresError('the PostgreSQL connection closed without an answer', undefined);
    return received.message as Answer;
  }

  return {
    query(sql, params = []) {
      if (closed) throw new PostgresError('the PostgreSQL connection is closed', undefined);
      const answer = call({ sql, params });
      if (answer.error) throw new PostgresError(answer.error.message, answer.error.code);
      return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0 };
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        // A worker that stopped, or a server that stopped answering, is not waited for again.
        if (!stuck && Atomics.load(flag, 0) === IDLE) call({ close: true });
      } catch {
        // Ending anyway: the connection is gone with the worker.
      } finally {
        port1.close();
        void worker.terminate();
      }
    },
  };
}
