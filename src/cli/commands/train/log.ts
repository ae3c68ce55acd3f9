import { attendeeChoices, logTraining, trainingToLog } from '../../../app/train.ts';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { attendeeQuestion, attendeesFromAnswer } from '../../../core/training.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface LogOptions {
  people?: string[];
  on?: string;
  facilitator?: string;
  notes?: string;
  json?: boolean;
}

export async function run(options: WithArgs<LogOptions>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const { practice, heldOn } = trainingToLog(store, { practice: String(options.args[0] ?? ''), on: options.on }, ctx.now);
  let people = options.people ?? [];
  if (options.people === undefined) {
    if (!ctx.canPrompt) throw new UsageError(messages.missingAttendees, messages.missingAttendeesHint);
    const { ask } = await import('../../prompts.ts');
    people = attendeesFromAnswer((await ask([attendeeQuestion(attendeeChoices(store))])).people);
  }
  const logged = logTraining(
    store,
    { practice, heldOn, people, facilitator: options.facilitator, notes: options.notes },
    ctx.now,
  );
  const { training, closedAssignments: closed, newcomers } = logged;
  if (options.json) ctx.print(JSON.stringify(training, null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(String(training.id));
  ctx.info(`${ctx.err.green('Logged')} training #${training.id} on "${practice.name}" (${heldOn}) with ${logged.people.join(', ')}`);
  if (closed) ctx.info(`It closes ${closed} training ${closed === 1 ? 'assignment' : 'assignments'} on "${practice.name}".`);
  for (const person of newcomers) ctx.info(ctx.err.dim(messages.newPerson(person)));
  ctx.info(ctx.err.dim('hint: svc train status shows who shows the practice since their training'));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
