import { closeSync, existsSync, fchmodSync, fsyncSync, linkSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConflictError, ExitCode, SvcError, ValidationError, errorCode } from '../core/errors.ts';
import { messages } from '../core/messages.ts';

// Every file svc writes (backups, exports, reports, plans, playbooks, pre-migration
// backups) goes through here: written under a hidden temporary name in the target's own
// folder, fsynced, then renamed into place, so a kill or a full disk never leaves a
// half-written file under the real name. The temporary name carries the writer's PID, so
// the leftovers of a killed svc are recognised and removed by the next one (earlier
// versions wrote NAME.partial-PID, without the dot: those are recognised too).
const LEFTOVER = /^.+\.partial-(\d+)(?:-journal|-wal|-shm)?$/u;

/** The hidden name a file is written under, beside its target, until it is whole. */
export function partialPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM'; // alive, but another user's
  }
}

/** Removes the temporary files that killed svc processes left in dir (they may hold personal data); returns their names. */
export function removeLeftovers(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(LEFTOVER.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Someone else's file in a shared folder, or a read-only folder: left for them.
    }
  }
  return removed;
}

/** Temporary files that a signal ending svc removes first (see guardOnSignal), with the files SQLite keeps beside them. */
const guarded = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let guarding = false;

/**
 * On Ctrl-C (or a kill, or a closed terminal) the guarded temporary files go before svc
 * ends: a partial copy holds every customer's contact details, and the next svc to clean
 * it up may never run in that folder. The signal is then raised again with its default
 * action, so svc ends as it would have (130 in a shell). The handler stays once set: a
 * signal that arrives after the file was put in place still ends svc. It runs when the
 * event loop turns, so long writers yield to it (copy.ts loads a batch at a time).
 */
function guardOnSignal(temp: string): void {
  guarded.add(temp);
  if (guarding) return;
  guarding = true;
  const onSignal = (signal: NodeJS.Signals) => {
    for (const file of guarded) removeTemp(file);
    guarded.clear();
    for (const name of SIGNALS) process.removeListener(name, onSignal);
    process.kill(process.pid, signal);
  };
  for (const name of SIGNALS) process.on(name, onSignal);
}

/** Removes a temporary file and any journal, log or shared-memory file SQLite made beside it. */
function removeTemp(temp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
}

/** Makes a rename in dir survive a power cut; some file systems cannot sync a folder, which costs nothing. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // EISDIR/EINVAL on file systems without directory fsync.
  }
}

/** Turns a failed file operation on path into an error a person can act on (or returns it unchanged). */
export function fileError(error: unknown, path: string): unknown {
  // A store writing the file (a backup from a server) has already said "the disk is full" without the file: its cause has the code.
  const code = errorCode(error) || errorCode(error instanceof Error ? error.cause : undefined);
  // SQLite writing the file (a backup) reports the same through its own codes.
  if (['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL'].includes(code)) return new SvcError(messages.fileDiskFull(path), ExitCode.unexpected, messages.fileDiskFullHint);
  if (['EACCES', 'EPERM', 'EROFS'].includes(code)) return new ValidationError(messages.fileNotWritable(path, dirname(path)), messages.fileNotWritableHint);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ValidationError(messages.exportDirMissing(dirname(path)), messages.exportDirMissingHint);
  if (code === 'EISDIR') return new ValidationError(messages.outIsDirectory(path), messages.outIsDirectoryHint());
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return new SvcError(messages.fileWriteFailed(path), ExitCode.unexpected, messages.fileDiskFullHint);
  return error;
}

/** Writes all of data to fd, however many calls it takes. */
function writeAll(fd: number, data: Buffer): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done);
}

/** Where and how a document is written. */
export interface OutputFile {
  /** The path the text ends up at (a link's target with --force). */
  readonly path: string;
  /** True for a device or FIFO written through with --force: nothing is renamed. */
  readonly streamed: boolean;
  write(data: string | Buffer): void;
  /** Makes the file durable and puts it in place. */
  commit(): void;
  /** Gives up: the temporary file goes, the target stays as it was. */
  discard(): void;
}

/** Creates the temporary file, owner-only; one left by a killed svc that had this same PID is replaced. */
function openTemp(temp: string): number {
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    rmSync(temp, { force: true });
    fd = openSync(temp, 'wx', 0o600);
  }
  fchmodSync(fd, 0o600); // the umask may have taken bits away; it never adds any
  return fd;
}

/** A file being written under its temporary name. */
export interface PendingFile extends OutputFile {
  /** The temporary path, for writers that need a path (SQLite's backup and VACUUM INTO). */
  readonly temp: string;
}

/**
 * A new file under a temporary name beside target, owner-only. commit() fsyncs it and
 * renames it over target (or, when exclusive, links it there and fails if the name was
 * taken meanwhile); discard() removes it. Either way no half-written file is left; with
 * removeOnSignal, not even when a signal ends svc while it is written (see guardOnSignal).
 */
export function pendingFile(target: string, options: { exclusive?: boolean; keepOpen?: boolean; removeOnSignal?: boolean } = {}): PendingFile {
  removeLeftovers(dirname(target));
  const temp = partialPath(target);
  let fd: number | null;
  try {
    fd = openTemp(temp);
  } catch (error) {
    throw fileError(error, target);
  }
  if (!options.keepOpen) {
    closeSync(fd);
    fd = null;
  }
  if (options.removeOnSignal) guardOnSignal(temp);
  const cleanup = () => {
    removeTemp(temp);
    guarded.delete(temp);
  };
  const closeFd = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return {
    path: target,
    temp,
    streamed: false,
    write(data) {
      if (fd === null) throw new Error(`${temp} is not open`);
      try {
        writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      } catch (error) {
        throw fileError(error, target);
      }
    },
    commit() {
      try {
        const syncFd = fd ?? openSync(temp, 'r');
        try {
          fsyncSync(syncFd);
        } finally {
          if (fd === null) closeSync(syncFd);
          closeFd();
        }
        if (options.exclusive) {
          // link() fails if the name was taken meanwhile: such a file is never overwritten.
          linkSync(temp, target);
          rmSync(temp, { force: true });
        } else {
          renameSync(temp, target);
        }
        syncFolder(dirname(target));
      } catch (error) {
        if (errorCode(error) === 'EEXIST') throw new ConflictError(messages.exportExists(target), messages.exportExistsHint);
        throw fileError(error, target);
      } finally {
        closeFd();
        cleanup();
      }
    },
    discard() {
      try {
        closeFd();
      } finally {
        cleanup();
      }
    },
  };
}

/** A device or FIFO, opened as it is and written as a stream: never replaced by a file. */
function streamTo(path: string): OutputFile {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw fileError(error, path);
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    path,
    streamed: true,
    write(data) {
      try {
        writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      } catch (error) {
        close();
        if (errorCode(error) === 'ENOSPC') throw new SvcError(messages.deviceFull(path), ExitCode.unexpected, messages.fileDiskFullHint);
        throw fileError(error, path);
      }
    },
    commit: close,
    discard: close,
  };
}

function describeKind(stat: Stats): 'a FIFO' | 'a device' | 'a socket' {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

/** How --out FILE is opened: force writes through a link or device; fileName is suggested when FILE is a folder. */
export interface OutputOptions {
  force?: boolean | undefined;
  fileName?: string | undefined;
}

/**
 * Opens --out FILE for a document. A new or regular file is replaced whole (see
 * pendingFile). A symbolic link, device or FIFO is refused unless force: then a link's
 * target is written (itself replaced whole), and a device or FIFO is written through as a
 * stream, never replaced. A folder is refused, suggesting fileName inside it.
 */
export function openOutput(out: string, options: OutputOptions = {}): OutputFile {
  const target = resolve(out);
  let stat: Stats | undefined;
  try {
    stat = lstatSync(target);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') throw fileError(error, target);
  }
  if (!stat) {
    if (!existsSync(dirname(target))) throw new ValidationError(messages.exportDirMissing(dirname(target)), messages.exportDirMissingHint);
    return pendingFile(target, { keepOpen: true });
  }
  if (stat.isSymbolicLink()) {
    if (!options.force) throw new ConflictError(messages.outIsLink(target), messages.outIsLinkHint);
    let real: string;
    try {
      real = realpathSync(target);
    } catch {
      throw new ConflictError(messages.outLinkDangling(target), messages.outLinkDanglingHint);
    }
    return openOutput(real, options);
  }
  if (stat.isDirectory()) throw new ValidationError(messages.outIsDirectory(target), messages.outIsDirectoryHint(options.fileName && join(out, options.fileName)));
  if (!stat.isFile()) {
    if (!options.force) throw new ConflictError(messages.outIsDevice(target, describeKind(stat)), messages.outIsDeviceHint);
    return streamTo(target);
  }
  return pendingFile(target, { keepOpen: true });
}

/** Writes text to --out FILE as openOutput says; returns where it went. */
export function writeOutputFile(out: string, text: string, options: OutputOptions = {}): string {
  const file = openOutput(out, options);
  try {
    file.write(text);
    file.commit();
  } catch (error) {
    file.discard();
    throw error;
  }
  return file.path;
}
