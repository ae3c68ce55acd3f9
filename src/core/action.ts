/**
 * Actions (seed 000: "things to adjust"): what the team decided to change, with an owner
 * and a due day, usually from what customers said they would change. Pure rules here.
 */
import { parseDay, toDay, type Day } from './dates.ts';
import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';
import type { AgendaItem } from './report-parts.ts';

export const ACTION_TEXT_MAX = 500;

export interface ActionSource {
  interviewId: number;
  customer: string;
  heldOn: Day | null;
  /** The answer the action came from: what they would change. */
  change: string | null;
}

export interface Action {
  id: number;
  uuid: string;
  text: string;
  owner: string | null;
  dueOn: Day;
  status: 'open' | 'done';
  doneOn: Day | null;
  sources: ActionSource[];
  createdAt: string;
}

/** An action as shown: with whether it is overdue today. */
export type ActionView = Action & { overdue: boolean };

/** The action's text: given, else the "would change" answers it came from, joined. */
export function actionText(typed: string | undefined, sources: readonly ActionSource[]): string {
  const text = (typed ?? sources.map((s) => s.change ?? '').filter((c) => c.trim() !== '').join('; ')).replace(/\s+/gu, ' ').trim();
  if (text === '') throw new ValidationError(messages.actionNoText, messages.actionNoTextHint);
  if (text.length > ACTION_TEXT_MAX) throw new ValidationError(messages.actionTextTooLong(text.length, ACTION_TEXT_MAX), messages.actionNoTextHint);
  return text;
}

/** The due day: a date today or later ("friday", "2026-04-01"). */
export function actionDue(typed: string, now: Date): Day {
  const day = parseDay(typed, now, '--due', 'future');
  if (day < toDay(now)) throw new ValidationError(messages.actionDueInPast(day), messages.actionDueInPastHint);
  return day;
}

/** Whether an open action is past its day. */
export function withOverdue(action: Action, today: Day): ActionView {
  return { ...action, overdue: action.status === 'open' && action.dueOn < today };
}

/** The agenda items of the open actions, overdue first: the meeting follows each until it is done. */
export function actionAgendaItems(actions: readonly ActionView[]): AgendaItem[] {
  return actions
    .filter((a) => a.status === 'open')
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn) || a.id - b.id)
    .map((a) => ({
      kind: 'follow-up' as const,
      text: `${a.overdue ? 'Overdue: ' : ''}action #${a.id}, "${a.text}" (${a.owner ?? 'no owner'}, due ${a.dueOn}): done? (svc action done ${a.id})`,
    }));
}

/** The agenda with the open actions after the first item (they are what the last meeting promised), at most seven items. */
export function withActionAgenda(agenda: readonly AgendaItem[], actions: readonly ActionView[]): AgendaItem[] {
  const follow = actionAgendaItems(actions).slice(0, 3);
  if (follow.length === 0) return [...agenda];
  const items = [...agenda];
  items.splice(Math.min(1, items.length), 0, ...follow);
  return items.slice(0, 7);
}
