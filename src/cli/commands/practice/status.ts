import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { checkTransition, type Practice, type PracticeStatus } from '../../../core/practice.ts';
import { findPractice, setPracticeStatus } from '../../../store/practices.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from '../../../app/practice.ts';

/** Moves a practice along its lifecycle (refusing impossible steps) and says so. */
export function changeStatus(ctx: Context, practice: Practice, to: PracticeStatus, force: boolean, json: boolean | undefined): void {
  if (to === 'standard') throw new UsageError(messages.standardNeedsAdopt, messages.standardNeedsAdoptHint(practice.name));
  checkTransition(practice.name, practice.status, to, force);
  const store = ctx.store();
  if (practice.status !== to) {
    store.write(() => setPracticeStatus(store.db, practice, to, ctx.now().toISOString(), force ? 'forced' : undefined));
  }
  const updated = findPractice(store.db, String(practice.id)) ?? practice;
  if (json) ctx.print(JSON.stringify({ id: updated.id, name: updated.name, from: practice.status, status: updated.status }, null, 2));
  if (practice.status === to) ctx.info(`"${practice.name}" is already ${to}; nothing changed.`);
  else ctx.info(`${ctx.err.green('Moved')} "${practice.name}" from ${practice.status} to ${to}`);
  if (to === 'retired' && practice.status !== to) ctx.info(ctx.err.dim('hint: its stories, trainings and procedures are kept; it has left the playbook'));
}

export function run(options: WithArgs<{ force?: boolean; json?: boolean }>, ctx: Context): void {
  const practice = requirePractice(ctx.store(), options.args[0]);
  changeStatus(ctx, practice, options.args[1] as PracticeStatus, Boolean(options.force), options.json);
}
