import { diffLines } from 'diff';
import type { Practice } from '../../core/practice.ts';
import type { Look } from '../look.ts';
import { formatDay } from '../format.ts';
import { neutralize } from '../text.ts';

interface ProcedureVersion {
  version: number;
  body: string;
  reviewEveryDays: number;
  createdAt: string;
  sourceStoryIds: number[];
}

export interface DiffLine {
  op: 'add' | 'remove' | 'same';
  text: string;
}

/** A line diff from one procedure version to the next. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before.endsWith('\n') ? before : `${before}\n`, after.endsWith('\n') ? after : `${after}\n`)) {
    const op = part.added ? 'add' : part.removed ? 'remove' : 'same';
    for (const text of part.value.replace(/\n$/u, '').split('\n')) lines.push({ op, text });
  }
  return lines;
}

/** The documented JSON of `svc practice history`: versions oldest first, each with its diff from the one before. */
export function procedureHistoryJson(practice: Practice, versions: ProcedureVersion[]) {
  return {
    practice: practice.name,
    status: practice.status,
    versions: versions.map((v, i) => {
      const previous = versions[i - 1];
      return {
        version: v.version,
        createdAt: v.createdAt,
        reviewEveryDays: v.reviewEveryDays,
        sourceStoryIds: v.sourceStoryIds,
        body: v.body,
        diff: previous ? lineDiff(previous.body, v.body) : [],
      };
    }),
  };
}

/** Versions newest first, the first in full, each later one as a diff from the one before. */
export function procedureHistoryText(practice: Practice, versions: ProcedureVersion[], look: Look): string {
  const c = look.color;
  const day = (iso: string) => formatDay(iso.slice(0, 10), look.now, look.tty);
  let out = `${c.bold(`Procedure history of "${neutralize(practice.name)}"`)} ${c.dim(`(${practice.status}, ${versions.length} ${versions.length === 1 ? 'version' : 'versions'})`)}\n`;
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i];
    if (!v) continue;
    const previous = versions[i - 1];
    out += `\n${c.bold(`version ${v.version}`)}  ${day(v.createdAt)}  ${c.dim(`review every ${v.reviewEveryDays} days · from ${v.sourceStoryIds.length} ${v.sourceStoryIds.length === 1 ? 'story' : 'stories'}`)}\n`;
    if (!previous) {
      out += neutralize(v.body).replace(/^/gmu, '    ') + '\n';
      continue;
    }
    out += c.dim(`  changes from version ${previous.version}:`) + '\n';
    for (const line of lineDiff(previous.body, v.body)) {
      const text = neutralize(line.text);
      out += line.op === 'add' ? c.green(`  + ${text}`) : line.op === 'remove' ? c.red(`  - ${text}`) : c.dim(`    ${text}`);
      out += '\n';
    }
  }
  return out;
}
