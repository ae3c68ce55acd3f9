/** Procedures: the written standard of a practice, versioned (issue: incorporate). */
import { daysBetween, type Day } from './dates.ts';
import { ValidationError } from './errors.ts';
import { DEFAULT_DRIFT_WEEKS } from './figures.ts';
import { messages } from './messages.ts';
import type { Matcher, Practice } from './practice.ts';
import type { Story } from './story.ts';
import { sentences } from './training.ts';

/** Reviewed every 90 days unless said otherwise, as well-kept knowledge bases do. */
export const DEFAULT_REVIEW_DAYS = 90;
export const MAX_PROCEDURE_LENGTH = 20_000;

/** Lines of the editor draft starting with this are instructions, not procedure text. */
const COMMENT = '#';

/**
 * The one format of a written procedure, shared by the draft svc writes and the reader
 * that splits a procedure into its parts: an opening paragraph, then the steps under
 * "Steps:", then what it does for the customer under "Why it matters:".
 */
export const PROCEDURE_HEADINGS = { steps: 'Steps:', why: 'Why it matters:' } as const;

/** A heading line, written as the draft writes it, in any case, without the colon or as a Markdown heading. */
function headingOf(line: string): keyof typeof PROCEDURE_HEADINGS | null {
  const bare = line.trim().replace(/^#{1,6}\s*/u, '').replace(/\s*:$/u, '').toLowerCase();
  for (const [part, heading] of Object.entries(PROCEDURE_HEADINGS) as Array<[keyof typeof PROCEDURE_HEADINGS, string]>) {
    if (bare === heading.replace(/:$/u, '').toLowerCase()) return part;
  }
  return null;
}

/** How the first draft marks a step taken from a story: the story's own words, not yet an instruction. */
const exampleStep = (storyId: number, action: string) => `- (as in story #${storyId}) ${action}`;

/** A draft for $EDITOR, from the practice and its strongest stories. */
export function draftProcedure(practice: Practice, matchers: readonly Matcher[], stories: readonly Story[]): string {
  const lines = [
    `${COMMENT} Procedure for "${practice.name}". Write the standard in plain steps a new colleague can follow.`,
    `${COMMENT} Lines starting with ${COMMENT} are ignored. Save and close to adopt it (saved unchanged, svc asks first); leave it empty to cancel.`,
    `${COMMENT} Under "${PROCEDURE_HEADINGS.steps}" one step a line; the steps below are the stories' own words: rewrite them as instructions.`,
  ];
  if (matchers.length) lines.push(`${COMMENT} Matched by: ${matchers.map((m) => `${m.kind} "${m.value}"`).join(', ')}`);
  for (const story of stories) {
    lines.push(`${COMMENT} Story #${story.id} (${story.occurredOn}, ${story.staff.join(', ') || 'unnamed'}): ${story.text.replace(/\s+/gu, ' ')}`);
  }
  lines.push('', practice.description ?? practice.name, '', PROCEDURE_HEADINGS.steps);
  const actions = stories.slice(0, 3).flatMap((story) => {
    const action = sentences(story.text).at(-1);
    return action ? [exampleStep(story.id, action)] : [];
  });
  lines.push(...(actions.length ? actions : ['1. ']));
  const impacts = stories.flatMap((s) => (s.impact ? [`- ${s.impact}`] : [])).slice(0, 2);
  if (impacts.length) lines.push('', PROCEDURE_HEADINGS.why, ...impacts);
  return `${lines.join('\n')}\n`;
}

/** The editor draft as saved: the leading block of instruction lines dropped. */
export function stripDraftComments(text: string): string {
  const lines = text.split(/\r?\n/u);
  let start = 0;
  while (start < lines.length && (lines[start] ?? '').startsWith(COMMENT)) start++;
  return lines.slice(start).join('\n');
}

/**
 * What a first draft saved from the editor still is: `written` when it was changed,
 * `unchanged` when saved as svc wrote it (its steps the stories' own words), `empty-steps`
 * when saved as written with no step under the heading (a team with no stories yet).
 */
export function draftState(saved: string, draft: string): 'written' | 'unchanged' | 'empty-steps' {
  const body = (text: string) => stripDraftComments(text).normalize('NFC').trim();
  if (body(saved) !== body(draft)) return 'written';
  return parseProcedure(body(saved)).steps?.length ? 'unchanged' : 'empty-steps';
}

/** The procedure text as saved: trimmed, not empty, not too long. */
export function cleanProcedure(text: string): string {
  const body = text.normalize('NFC').trim();
  if (!body) throw new ValidationError(messages.emptyProcedure, messages.emptyProcedureHint);
  if (body.length > MAX_PROCEDURE_LENGTH) {
    throw new ValidationError(messages.procedureTooLong(body.length, MAX_PROCEDURE_LENGTH), messages.procedureTooLongHint);
  }
  return body;
}

/** A procedure is due for review once its review day has come. */
export function isDueForReview(reviewDueOn: Day, today: Day): boolean {
  return reviewDueOn <= today;
}

/**
 * A standard practice has gone quiet when no story since its adoption shows it and the
 * adoption is at least `weeks` old (a practice adopted yesterday has had no chance yet).
 */
export function isQuietSinceAdoption(evidenceSinceAdoption: number, adoptedOn: Day, today: Day, weeks = DEFAULT_DRIFT_WEEKS): boolean {
  return evidenceSinceAdoption === 0 && daysBetween(adoptedOn, today) >= weeks * 7;
}

// A mark alone ("1." left from the draft) is an empty step, which is dropped.
const STEP_MARK = /^\s*(?:\d{1,3}[.)]|[-*•])(?:\s+|$)/u;

/** A procedure split by its headings (PROCEDURE_HEADINGS); without them, all of it is `lead` and `steps` as before. */
export interface ProcedureParts {
  /** The text before the steps (the draft's one-line summary), or null. */
  lead: string | null;
  /** The steps without their marks, or null when the text is not written as steps. */
  steps: string[] | null;
  /** The lines under "Why it matters:", without their marks. */
  why: string[];
}

/**
 * A written procedure in its parts. The steps are the lines under "Steps:" (or, with no
 * heading, the whole text's) when written as steps: numbered or bulleted lines ("1. …",
 * "2) …", "- …"), lines of their own, or one paragraph numbered inline ("1. Ask. 2. Note
 * it."). The marks are dropped: the renderer numbers the steps.
 */
export function parseProcedure(text: string): ProcedureParts {
  const lines = text.split(/\r?\n/u);
  const sections: Record<'lead' | keyof typeof PROCEDURE_HEADINGS, string[]> = { lead: [], steps: [], why: [] };
  let part: keyof typeof sections = 'lead';
  let headed = false;
  for (const line of lines) {
    const heading = headingOf(line);
    if (heading) {
      part = heading;
      headed = true;
    } else sections[part].push(line);
  }
  if (!headed) return { lead: null, steps: stepsOf(text, false), why: [] };
  const lead = sections.lead.join('\n').trim();
  return { lead: lead || null, steps: stepsOf(sections.steps.join('\n'), true), why: stepsOf(sections.why.join('\n'), true) ?? [] };
}

/** A procedure as its steps, when it is written as steps; null for one plain paragraph, which reads best as written. */
export function procedureSteps(text: string): string[] | null {
  return parseProcedure(text).steps;
}

/** The steps of a text; `headed` (under a "Steps:" heading) makes one line one step. */
function stepsOf(text: string, headed: boolean): string[] | null {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // A fenced or indented block is formatted text of its own: keep the procedure as written.
  if (text.split('\n').some((line) => /^(\s*(```|~~~)|( {4}|\t)\S)/u.test(line))) return null;
  if (lines.length >= 2 || (headed && lines.length === 1 && STEP_MARK.test(lines[0] ?? ''))) {
    // A line that does not start a step continues the one before (a wrapped step).
    const marked = lines.filter((line) => STEP_MARK.test(line)).length;
    if (marked === 0) return lines;
    const steps: string[] = [];
    for (const line of lines) {
      const last = steps.length - 1;
      if (STEP_MARK.test(line) || last < 0) steps.push(line.replace(STEP_MARK, ''));
      else steps[last] = `${steps[last]} ${line}`.trim();
    }
    const filled = steps.filter(Boolean);
    return filled.length >= 2 || (headed && filled.length) ? filled : headed ? [] : null;
  }
  const inline = (lines[0] ?? '').split(/\s+(?=\d{1,3}[.)]\s)/u);
  if (inline.length >= 2 && /^1[.)]\s/u.test(inline[0] ?? '')) return inline.map((step) => step.replace(STEP_MARK, '').trim());
  if (headed) return lines.length ? [lines[0] ?? ''] : [];
  return null;
}
