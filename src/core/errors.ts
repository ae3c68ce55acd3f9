/** Exit codes, as DESIGN.md fixes them. */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

// The built program is several bundles, each with its own copy of these classes, so an
// error thrown in one is no instance of another's SvcError. A registry symbol tells them apart.
const SVC_ERROR = Symbol.for('svc.error');

/** An error the user can act on: a message, a hint, and the exit code it maps to. */
export class SvcError extends Error {
  readonly [SVC_ERROR] = true;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  /** cause: the error this one explains (SQLite's own), for code that knows more of the context. */
  constructor(message: string, exitCode: ExitCode, hint?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** Whether an error is an SvcError, from whichever bundle threw it. */
export function isSvcError(error: unknown): error is SvcError {
  return error instanceof Error && (error as Error & { [SVC_ERROR]?: unknown })[SVC_ERROR] === true;
}

/** Bad usage: a missing flag, an unknown option value. Exit 2. */
export class UsageError extends SvcError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint);
  }
}

/** Input that was understood but is not acceptable (empty text, future date). Exit 2. */
export class ValidationError extends SvcError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint);
  }
}

/** Something named does not exist. Exit 3. */
export class NotFoundError extends SvcError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.notFound, hint);
  }
}

/** Refused: a conflict, a database newer than the program, an impossible step. Exit 4. */
export class ConflictError extends SvcError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.conflict, hint);
  }
}

/** The user cancelled (Ctrl-C at a prompt). Exit 130; the message says what, if anything, was kept. */
export class CancelledError extends SvcError {
  constructor(message: string) {
    super(message, ExitCode.cancelled);
  }
}

/** The database file is damaged. Exit 1 with a way out. */
export class CorruptDatabaseError extends SvcError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.unexpected, hint);
  }
}

/** The `code` of a Node or SQLite error ("ENOENT", "SQLITE_FULL"), or "" when it has none. */
export function errorCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

// Why a file could not be read, in words: the codes a person meets (ENOENT …) say nothing to them.
const FILE_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a folder on its path is a file',
  ELOOP: 'its path loops through links',
};

/** Why a file could not be read, as a person would say it ("no such file"), else the error's code or text. */
export function fileReadReason(error: unknown): string {
  const code = errorCode(error);
  return FILE_REASONS[code] ?? (code || String(error));
}
