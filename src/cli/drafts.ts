import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoryInput } from '../core/story.ts';
import { svcDataDir } from '../store/paths.ts';

/*
 * A story typed at the guided prompt that could not be saved (the database stayed busy)
 * is kept as a draft file, owner-only, in svc's data folder, for `svc story add --resume`.
 * Drafts remember the database they were meant for, and are offered back only there.
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
