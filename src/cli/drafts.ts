import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError, ExitCode, SvcError, errorCode, fileReadReason, isSvcError } from '../core/errors.ts';
import { draftIsTheirs, redactStoryInput, type DraftChange, type DraftsForget } from '../core/forget.ts';
import { messages } from '../core/messages.ts';
import type { StoryInput } from '../core/story.ts';
import { svcDataDir } from '../store/paths.ts';

/*
 * A story typed at the guided prompt that could not be saved (the database stayed busy,
 * the server went away) is kept as a draft file, owner-only, in svc's data folder, for
 * `svc story add --resume`. Drafts remember the database they were meant for, and are
 * offered back only there. A story's text edited in $EDITOR that could not be saved is
 * kept beside them as the text itself, for the person to take from when they edit again;
 * its name carries a digest of the database's address, as the text cannot.
 */

const KIND = 'svc-story-draft';

/** A draft kept on disk. */
export interface StoryDraftFile {
  path: string;
  savedAt: string;
  input: StoryInput;
}

function draftDir(env: Record<string, string | undefined>): string {
  return join(svcDataDir(env), 'drafts');
}

/**
 * Whether an error is the person's own doing (bad input, a name svc does not know, Ctrl-C),
 * not a failure to save what they typed: nothing is kept as a draft for those.
 */
export function isOwnInput(error: unknown): boolean {
  return isSvcError(error) && ([ExitCode.usage, ExitCode.notFound, ExitCode.cancelled] as number[]).includes(error.exitCode);
}

/** Why something typed was not saved, in words, and the exit code that says so (a locked database is a conflict). */
export function whyNotSaved(error: unknown): { reason: string; exitCode: ExitCode } {
  if (isSvcError(error)) return { reason: error.message, exitCode: error.exitCode };
  const code = errorCode(error);
  // SQLite's lock, or PostgreSQL's serialization failure after every retry: another writer held on.
  if (code.startsWith('SQLITE_BUSY') || code === '40001' || code === '40P01') return { reason: messages.dbBusy, exitCode: ExitCode.conflict };
  return { reason: error instanceof Error ? error.message : String(error), exitCode: ExitCode.unexpected };
}

/** Saves what was typed for the database at dbPath; returns the draft's path. */
export function saveDraft(env: Record<string, string | undefined>, dbPath: string, input: StoryInput, now: Date): string {
  const dir = draftDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const savedAt = now.toISOString();
  const path = join(dir, `story-${savedAt.replace(/[:.]/g, '-')}-${process.pid}.json`);
  const partial = `${path}.partial`;
  // Written whole under another name first: a draft is either all there or not there.
  writeFileSync(partial, `${JSON.stringify({ kind: KIND, version: 1, db: dbPath, savedAt, input }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, path);
  return path;
}

/** The mark of a database in the name of an edit kept for it: its address, digested (a path holds slashes, an address a user name). */
function databaseMark(dbPath: string): string {
  return createHash('sha256').update(dbPath).digest('hex').slice(0, 12);
}

/**
 * A database file by the path it really has: one file opened through a symbolic link and
 * by its own name is one database, whose drafts its forget must reach. A server's address,
 * or a file not there, is taken as written.
 */
function canonical(dbPath: string): string {
  try {
    return realpathSync(dbPath);
  } catch {
    return dbPath;
  }
}

/** Whether a draft kept for the database at `kept` is one of the database at dbPath. */
function sameDatabase(kept: string, dbPath: string): boolean {
  return kept === dbPath || canonical(kept) === canonical(dbPath);
}

/** Whether an edit's mark is the database at dbPath's: by the path it was opened by, or the file's own (edits are kept under that). */
function marksDatabase(mark: string, dbPath: string): boolean {
  return mark === databaseMark(dbPath) || mark === databaseMark(canonical(dbPath));
}

// An edit kept for story #ID; since the database mark came in, the name ends with it.
const EDIT_DRAFT = /^edit-story-(\d+)-.*?(?:-db([0-9a-f]{12}))?\.txt$/u;

/** Keeps the text an edit of story #storyId in the database at dbPath could not save; returns the file's path. */
export function saveEditDraft(env: Record<string, string | undefined>, dbPath: string, storyId: number, text: string, now: Date): string {
  const dir = draftDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `edit-story-${storyId}-${now.toISOString().replace(/[:.]/g, '-')}-${process.pid}-db${databaseMark(canonical(dbPath))}.txt`);
  const partial = `${path}.partial`;
  writeFileSync(partial, text, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, path);
  return path;
}

/** The drafts kept for the database at dbPath, newest first; unreadable files are skipped. */
export function listDrafts(env: Record<string, string | undefined>, dbPath: string): StoryDraftFile[] {
  const dir = draftDir(env);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith('story-') && name.endsWith('.json'));
  } catch {
    return [];
  }
  const drafts: StoryDraftFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as { kind?: unknown; db?: unknown; savedAt?: unknown; input?: unknown };
      if (data.kind !== KIND || typeof data.db !== 'string' || !sameDatabase(data.db, dbPath) || typeof data.savedAt !== 'string' || typeof data.input !== 'object' || data.input === null) continue;
      drafts.push({ path, savedAt: data.savedAt, input: data.input as StoryInput });
    } catch {
      continue;
    }
  }
  return drafts.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** Removes a draft once its story is saved. */
export function removeDraft(path: string): void {
  rmSync(path, { force: true });
}

/** A draft that holds the customer's details: what forgetting changes in it, and what it then holds. */
export interface DraftErasure {
  path: string;
  changes: DraftChange[];
  content: string;
}

/** What a forget found in the drafts folder. */
export interface DraftsScan {
  folder: string;
  /** Drafts looked in: this database's, and those whose database svc cannot tell. */
  checked: number;
  erasures: DraftErasure[];
  /** For an import: the first draft that could not be read or rewritten (the others were still done). */
  failed?: SvcError;
}

/**
 * Who looks in the drafts, which says what a draft that fails means: svc customer forget
 * looks before the records change, so it can be run again; an import after it erased
 * them, when svc can no longer look again; an import's dry run, which changes nothing.
 */
export type DraftsStage = 'forget' | 'import' | 'import dry run';

function unreadable(path: string, error: unknown, id: number, stage: DraftsStage): ConflictError {
  const reason = fileReadReason(error);
  if (stage === 'import') return new ConflictError(messages.forgetDraftUnreadableAfter(path, reason, id), messages.forgetDraftAfterHint);
  if (stage === 'import dry run') return new ConflictError(messages.forgetDraftUnreadableDryRun(path, reason));
  return new ConflictError(messages.forgetDraftUnreadable(path, reason, id), messages.forgetDraftUnreadableHint(id));
}

/**
 * Looks through the drafts folder for the customer's details: this database's stories not
 * saved and its kept edits, and the files whose database svc cannot tell (edits kept before
 * their names carried it, damaged or half-written drafts). Another database's drafts are
 * that database's forget's to reach. Changes nothing. A draft it cannot read is never
 * passed over in silence, as it may hold them: for a forget it is refused (ConflictError);
 * an import, whose records are erased whatever the drafts say, notes it as `failed` and
 * goes on with the others.
 */
export function scanDrafts(env: Record<string, string | undefined>, dbPath: string, target: DraftsForget, stage: DraftsStage = 'forget'): DraftsScan {
  const folder = draftDir(env);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes(errorCode(error))) return { folder, checked: 0, erasures: [] };
    const failure = unreadable(folder, error, target.customerId, stage);
    if (stage === 'forget') throw failure;
    return { folder, checked: 0, erasures: [], failed: failure };
  }
  let checked = 0;
  const erasures: DraftErasure[] = [];
  let failed: SvcError | undefined;
  for (const name of names.filter((n) => n.startsWith('story-') || n.startsWith('edit-story-')).sort()) {
    const path = join(folder, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue; // saved or removed meanwhile
      const failure = unreadable(path, error, target.customerId, stage);
      if (stage === 'forget') throw failure;
      failed ??= failure;
      continue;
    }
    const found = eraseInDraft(name, text, dbPath, target);
    if (found === 'another database') continue;
    checked++;
    if (found.changes.length > 0) erasures.push({ path, ...found });
  }
  return { folder, checked, erasures, ...(failed ? { failed } : {}) };
}

/**
 * What forgetting changes in one draft. A story draft loses the details as a story does;
 * a kept edit as its story's text does. Where the database is not known the text loses the
 * full name, email, phone and external id only, never a single part of the name.
 */
function eraseInDraft(name: string, text: string, dbPath: string, target: DraftsForget): { changes: DraftChange[]; content: string } | 'another database' {
  const draft = storyDraftIn(text);
  if (draft) {
    if (!sameDatabase(draft.db, dbPath)) return 'another database';
    const customer = typeof draft.input.customer === 'string' ? draft.input.customer : undefined;
    const theirs = draftIsTheirs(customer, { id: target.customerId, name: target.name, nameShared: target.nameShared });
    const { input, changes } = redactStoryInput(draft.input, target.redactor, theirs);
    return { changes, content: `${JSON.stringify({ ...draft.data, input }, null, 2)}\n` };
  }
  const edit = EDIT_DRAFT.exec(name);
  const mark = edit?.[2];
  if (mark !== undefined && !marksDatabase(mark, dbPath)) return 'another database';
  const linked = mark !== undefined && target.storyIds.includes(Number(edit?.[1]));
  const after = target.redactor.redact(text, linked);
  return after === null || after === text ? { changes: [], content: text } : { changes: [{ field: 'text', before: text, after }], content: after };
}

/** A story draft's own data, when the text is one. */
function storyDraftIn(text: string): { data: Record<string, unknown>; db: string; input: StoryInput } | undefined {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (data.kind !== KIND || typeof data.db !== 'string' || typeof data.input !== 'object' || data.input === null) return undefined;
    return { data, db: data.db, input: data.input as StoryInput };
  } catch {
    return undefined;
  }
}

/**
 * Erases the customer's details from the drafts that hold them, found again just before.
 * Each new content is written whole beside its draft (owner-only), then put in its place.
 * For a forget every new content is written before any draft is replaced, so a folder that
 * refuses a write changes nothing and the forget stops (the error is thrown); an import
 * rewrites each draft it can and notes the first it could not as `failed`.
 */
export function eraseDrafts(env: Record<string, string | undefined>, dbPath: string, target: DraftsForget, stage: DraftsStage = 'forget'): DraftsScan {
  const scan = scanDrafts(env, dbPath, target, stage);
  const allOrNothing = stage === 'forget';
  let failed = scan.failed;
  const fail = (path: string, error: unknown) => {
    const failure = draftWriteError(path, error, target.customerId, stage);
    if (allOrNothing) throw failure;
    failed ??= failure;
  };
  const temps: Array<{ erasure: DraftErasure; temp: string }> = [];
  for (const erasure of scan.erasures) {
    const temp = `${erasure.path}.forget-${process.pid}.partial`;
    try {
      writeFileSync(temp, erasure.content, { mode: 0o600 });
      chmodSync(temp, 0o600);
      temps.push({ erasure, temp });
    } catch (error) {
      rmSync(temp, { force: true });
      if (allOrNothing) for (const left of temps) rmSync(left.temp, { force: true });
      fail(erasure.path, error);
    }
  }
  const done: DraftErasure[] = [];
  for (const [i, { erasure, temp }] of temps.entries()) {
    try {
      // A draft saved meanwhile (story add --resume removes it) is not brought back.
      if (existsSync(erasure.path)) {
        renameSync(temp, erasure.path);
        done.push(erasure);
      } else rmSync(temp, { force: true });
    } catch (error) {
      rmSync(temp, { force: true });
      if (allOrNothing) for (const left of temps.slice(i + 1)) rmSync(left.temp, { force: true });
      fail(erasure.path, error);
    }
  }
  return { folder: scan.folder, checked: scan.checked, erasures: done, ...(failed ? { failed } : {}) };
}

/** A draft that could not be rewritten, in words: a full disk is a failure (exit 1), anything else a refusal (exit 4). */
function draftWriteError(path: string, error: unknown, customerId: number, stage: DraftsStage): SvcError {
  const code = errorCode(error);
  const diskFull = ['ENOSPC', 'EDQUOT'].includes(code);
  const reason = diskFull ? messages.forgetDiskFull : code === 'EROFS' ? 'the file system is read-only' : fileReadReason(error);
  const exitCode = diskFull ? ExitCode.unexpected : ExitCode.conflict;
  if (stage !== 'forget') return new SvcError(messages.forgetDraftUnwritableAfter(path, reason, customerId), exitCode, messages.forgetDraftAfterHint, error);
  return new SvcError(messages.forgetDraftUnwritable(path, reason, customerId), exitCode, messages.forgetDraftUnwritableHint(customerId, diskFull), error);
}
