import { actionDue, actionText, withOverdue, type ActionView } from '../core/action.ts';
import { parsePastDay, toDay, type Day } from '../core/dates.ts';
import { ConflictError, NotFoundError, UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Store } from '../store/store.ts';
import { requirePersonExactly } from './people.ts';

/**
 * Adds an action: what will change, who sees it through, by when, and the interviews
 * whose answers it came from (its text defaults to what they would change).
 */
export function addAction(
  store: Store,
  input: { text?: string | undefined; owner?: string | undefined; due?: string | undefined; interviews: readonly number[] },
  now: Date,
): ActionView {
  if (input.owner === undefined) throw new UsageError(messages.actionNeedsOwner, messages.actionNeedsOwnerHint);
  if (input.due === undefined) throw new UsageError(messages.actionNeedsDue, messages.actionNeedsDueHint);
  const dueOn = actionDue(input.due, now);
  const id = store.transaction(() => {
    const owner = requirePersonExactly(store, input.owner ?? '');
    const sources = store.actions.interviewSources(input.interviews);
    const missing = input.interviews.find((id) => !sources.some((s) => s.interviewId === id));
    if (missing !== undefined) throw new NotFoundError(messages.interviewNotFound(missing), messages.interviewNotFoundHint);
    const text = actionText(input.text, sources);
    return store.actions.insert({ text, ownerId: owner.id, dueOn, interviewIds: input.interviews }, now.toISOString());
  });
  return actionView(store, id, now);
}

/** One action as shown, with the interviews it came from. */
export function actionView(store: Store, id: number, now: Date): ActionView {
  const action = store.actions.get(id);
  if (!action) throw new NotFoundError(messages.actionNotFound(id), messages.actionNotFoundHint);
  return withOverdue(action, toDay(now));
}

/** Open actions (or all), overdue ones flagged. */
export function actionList(store: Store, input: { all: boolean }, now: Date): ActionView[] {
  return store.actions.list({ openOnly: !input.all }).map((a) => withOverdue(a, toDay(now)));
}

/** Marks an action done (today, or on a past day given). */
export function completeAction(store: Store, input: { id: number; on?: string | undefined }, now: Date): ActionView {
  const on: Day = input.on === undefined ? toDay(now) : parsePastDay(input.on, now, '--on', messages.futureActionDoneHint);
  store.transaction(() => {
    const action = store.actions.get(input.id);
    if (!action) throw new NotFoundError(messages.actionNotFound(input.id), messages.actionNotFoundHint);
    if (action.status === 'done') throw new ConflictError(messages.actionAlreadyDone(input.id, action.doneOn ?? ''), messages.actionAlreadyDoneHint);
    store.actions.markDone(input.id, on, now.toISOString());
  });
  return actionView(store, input.id, now);
}

/** The report's actions: every open one, and those done in the period; null when there are none. */
export function actionsForReport(store: Store, period: { since: Day; until: Day }, now: Date): { open: ActionView[]; doneInPeriod: ActionView[] } | null {
  const all = actionList(store, { all: true }, now);
  const open = all.filter((a) => a.status === 'open');
  const doneInPeriod = all.filter((a) => a.status === 'done' && a.doneOn !== null && a.doneOn >= period.since && a.doneOn <= period.until);
  return open.length + doneInPeriod.length === 0 ? null : { open, doneInPeriod };
}
