import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, errorCode, isSvcError } from '../core/errors.ts';
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

/** Keeps the text an edit of story #storyId in the database at dbPath could not save; returns the file's path. */
export function saveEditDraft(env: Record<string, string | undefined>, dbPath: string, storyId: number, text: string, now: Date): string {
  const dir = draftDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `edit-story-${storyId}-${now.toISOString().replace(/[:.]/g, '-')}-${process.pid}-db${databaseMark(dbPath)}.txt`);
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
      if (data.kind !== KIND || data.db !== dbPath || typeof data.savedAt !== 'string' || typeof data.input !== 'object' || data.input === null) continue;
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
