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

/** A draft for $EDITOR, from the practice and its strongest stories. */
export function draftProcedure(practice: Practice, matchers: readonly Matcher[], stories: readonly Story[]): string {
  const lines = [
    `${COMMENT} Procedure for "${practice.name}". Write the standard in plain steps a new colleague can follow.`,
    `${COMMENT} Lines starting with ${COMMENT} are ignored. Save and close to adopt it; leave it empty to cancel.`,
  ];
  if (matchers.length) lines.push(`${COMMENT} Matched by: ${matchers.map((m) => `${m.kind} "${m.value}"`).join(', ')}`);
  for (const story of stories) {
    lines.push(`${COMMENT} Story #${story.id} (${story.occurredOn}, ${story.staff.join(', ') || 'unnamed'}): ${story.text.replace(/\s+/gu, ' ')}`);
  }
  lines.push('', practice.description ?? practice.name, '', 'Steps:');
  const actions = stories.slice(0, 3).flatMap((story) => {
    const action = sentences(story.text).at(-1);
    return action ? [`- (as in story #${story.id}) ${action}`] : [];
  });
  lines.push(...(actions.length ? actions : ['1. ']));
  const impacts = stories.flatMap((s) => (s.impact ? [`- ${s.impact}`] : [])).slice(0, 2);
  if (impacts.length) lines.push('', 'Why it matters:', ...impacts);
  return `${lines.join('\n')}\n`;
}

/** The editor draft as saved: the leading block of instruction lines dropped. */
export function stripDraftComments(text: string): string {
  const lines = text.split(/\r?\n/u);
  let start = 0;
  while (start < lines.length && (lines[start] ?? '').startsWith(COMMENT)) start++;
  return lines.slice(start).join('\n');
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

const STEP_MARK = /^\s*(?:\d{1,3}[.)]|[-*•])\s+/u;

/**
 * A written procedure as its steps, when it is written as steps: numbered or bulleted
 * lines ("1. …", "2) …", "- …"), lines of their own, or one paragraph numbered inline
 * ("1. Ask. 2. Note it."). The marks are dropped: the renderer numbers the steps. Null
 * for one plain paragraph, which reads best as written.
 */
export function procedureSteps(text: string): string[] | null {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // A fenced or indented block is formatted text of its own: keep the procedure as written.
  if (text.split('\n').some((line) => /^(\s*(```|~~~)|( {4}|\t)\S)/u.test(line))) return null;
  if (lines.length >= 2) {
    // A line that does not start a step continues the one before (a wrapped step).
    const marked = lines.filter((line) => STEP_MARK.test(line)).length;
    if (marked === 0) return lines;
    const steps: string[] = [];
    for (const line of lines) {
      const last = steps.length - 1;
      if (STEP_MARK.test(line) || last < 0) steps.push(line.replace(STEP_MARK, ''));
      else steps[last] = `${steps[last]} ${line}`;
    }
    return steps.length >= 2 ? steps : null;
  }
  const inline = (lines[0] ?? '').split(/\s+(?=\d{1,3}[.)]\s)/u);
  if (inline.length >= 2 && /^1[.)]\s/u.test(inline[0] ?? '')) return inline.map((step) => step.replace(STEP_MARK, '').trim());
  return null;
}
