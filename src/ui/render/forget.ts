import type { DraftChange, ForgetChange, ForgetReport, WrittenFile } from '../../core/forget.ts';
import { messages } from '../../core/messages.ts';
import type { Palette } from '../color.ts';
import { countOf as plural } from '../format.ts';
import { oneLine } from '../text.ts';

const ROW_NOUNS: Readonly<Record<string, string>> = {
  customers: 'customer',
  stories: 'story',
  story_tags: 'story',
  interviews: 'interview',
  tags: 'tag',
  practices: 'practice',
  practice_matchers: 'practice matcher',
  practice_status_changes: 'practice status change',
  trainings: 'training',
  procedures: 'procedure',
  meetings: 'meeting',
  rejected_candidates: 'rejected candidate',
  decided_candidates: 'candidate decided in review',
  drafts: 'draft',
};

const REMOVED_BECAUSE: Readonly<Record<string, string>> = {
  customers: '(erased)',
  tags: '(removed: only their stories carried it)',
  drafts: '(removed: saving it would make them a customer again; the story is saved without one)',
};

/** Which record a change is in: "story #12", "tag acme". */
function recordOf(change: ForgetChange): string {
  const noun = ROW_NOUNS[change.table] ?? change.table.replaceAll('_', ' ');
  return typeof change.row === 'number' ? `${noun} #${change.row}` : `${noun} ${oneLine(change.row)}`;
}

/**
 * The replaced runs of a redacted value: `after` is `before` with some runs replaced by
 * `replacement`, so the text between replacements anchors them. Undefined when it is
 * not that (a tag renamed, text normalised on the way): then the whole value is marked.
 */
export function replacedRuns(before: string, after: string, replacement: string): Array<{ kept: string; replaced?: string }> | undefined {
  const pieces = after.split(replacement);
  if (pieces.length < 2) return undefined;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const match = new RegExp(`^${pieces.map(escape).join('([\\s\\S]+?)')}$`, 'u').exec(before);
  if (!match) return undefined;
  return pieces.map((kept, i) => (i + 1 < pieces.length ? { kept, replaced: match[i + 1] ?? '' } : { kept }));
}

/**
 * One change with what goes marked: [-removed-] and {+added+}, as git's word diff
 * writes them, so it reads without colour too; a value that goes entirely says why.
 */
export function markedChange(change: ForgetChange, replacement: string, color: Palette): string {
  const before = oneLine(change.before ?? '');
  const removed = (text: string) => color.red(`[-${text}-]`);
  const added = (text: string) => color.green(`{+${text}+}`);
  let body: string;
  if (change.after === null) {
    body = `${removed(before)} ${REMOVED_BECAUSE[change.table] ?? '(removed: another says the same)'}`;
  } else {
    const after = oneLine(change.after);
    const runs = replacedRuns(before, after, replacement);
    body = runs
      ? runs
          // A run that already read "(forgotten)" (an earlier forget) is unchanged text: only real replacements are marked.
          .map((run) => run.kept + (run.replaced === undefined ? '' : run.replaced === replacement ? replacement : `${removed(run.replaced)}${added(replacement)}`))
          .join('')
      : `${removed(before)}${added(after)}`;
  }
  return `${recordOf(change)} ${change.column.replaceAll('_', ' ')}: ${body}`;
}

/** "3 stories, 1 interview and 2 tags": the records forgetting changes, for the confirmation and the summary. */
export function changedCounts(report: ForgetReport): string {
  const parts = [
    report.storiesChanged ? plural(report.storiesChanged, 'story', 'stories') : '',
    report.interviewsChanged ? plural(report.interviewsChanged, 'interview', 'interviews') : '',
    ...Object.entries(report.elsewhere).map(([table, n]) => plural(n, `${ROW_NOUNS[table] ?? table.replaceAll('_', ' ')} record`, `${ROW_NOUNS[table] ?? table.replaceAll('_', ' ')} records`)),
  ].filter(Boolean);
  if (parts.length === 0) return 'no story, answer or other record';
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The exports and backups svc made, as forget lists them with what to do. */
export function writtenFileLines(files: readonly WrittenFile[]): string[] {
  if (files.length === 0) return [];
  return [
    `svc made ${plural(files.length, 'copy', 'copies')} of the database before, which forget cannot reach; delete ${files.length === 1 ? 'it' : 'them'} or export again:`,
    ...files.map(
      (file) =>
        `  ${file.kind} ${file.path === null ? 'to standard output' : file.path} (${file.writtenAt}${file.kind === 'export' ? (file.contacts ? ', with contact details' : ', names and text only') : ''})`,
    ),
  ];
}

/** The documented JSON of a file in forget's output. */
export function writtenFileJson(file: WrittenFile): WrittenFile {
  return { kind: file.kind, path: file.path, contacts: file.contacts, writtenAt: file.writtenAt };
}

/** What forget found in the drafts on this machine, as the renderers take it. */
export interface DraftsFound {
  folder: string;
  checked: number;
  erasures: ReadonlyArray<{ path: string; changes: readonly DraftChange[] }>;
}

/** "1 story and 1 interview, and 2 drafts on this machine": the counts with the drafts forget changes. */
export function withDrafts(counts: string, drafts: DraftsFound): string {
  const n = drafts.erasures.length;
  return n === 0 ? counts : `${counts}, and ${plural(n, 'draft', 'drafts')} on this machine`;
}

/** One change in a draft, marked as a dry run marks a record's. */
export function markedDraftChange(path: string, change: DraftChange, replacement: string, color: Palette): string {
  return markedChange({ table: 'drafts', row: path, column: change.field, before: change.before, after: change.after }, replacement, color);
}

/** What forget did (or would do) to the drafts on this machine, and on a server what it cannot reach. */
export function draftLines(drafts: DraftsFound, dryRun: boolean, onServer: boolean): string[] {
  const lostCustomer = drafts.erasures.some((e) => e.changes.some((c) => c.field === 'customer'));
  return [
    drafts.erasures.length > 0
      ? messages.forgetDraftsChanged(drafts.erasures.length, drafts.erasures.map((e) => e.path), dryRun, lostCustomer)
      : messages.forgetDraftsNone(drafts.checked, drafts.folder),
    ...(onServer ? [messages.forgetDraftsElsewhere] : []),
  ];
}

/** The documented JSON of the drafts in forget's output; a dry run adds each change. */
export function draftsJson(drafts: DraftsFound, onServer: boolean, dryRun: boolean) {
  return {
    folder: drafts.folder,
    checked: drafts.checked,
    changed: drafts.erasures.map((e) => e.path),
    otherMachines: onServer,
    ...(dryRun ? { changes: drafts.erasures.flatMap((e) => e.changes.map((c) => ({ path: e.path, ...c }))) } : {}),
  };
}
