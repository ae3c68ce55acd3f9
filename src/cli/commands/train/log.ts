import { parsePastDay, toDay } from '../../../core/dates.ts';
import { ConflictError, UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { cappedText, MAX_NOTE_LENGTH } from '../../../core/limits.ts';
import { checkedName, cleanNames } from '../../../core/story.ts';
import { nameKey } from '../../../core/text.ts';
import { attendeeQuestion, attendeesFromAnswer } from '../../../core/training.ts';
import { personNames } from '../../../store/people.ts';
import { assignmentsClosedBy } from '../../../store/programme.ts';
import { insertTraining, listTrainings } from '../../../store/trainings.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from '../../../app/practice.ts';

interface LogOptions {
  people?: string[];
  on?: string;
  facilitator?: string;
  notes?: string;
  json?: boolean;
}

export async function run(options: WithArgs<LogOptions>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const practice = requirePractice(store, options.args[0]);
  if (practice.status === 'retired') throw new ConflictError(messages.trainRetired(practice.name), messages.trainRetiredHint(practice.name));
  const now = ctx.now();
  const heldOn = options.on === undefined ? toDay(now) : parsePastDay(options.on, now, '--on');
  let people = cleanNames(options.people ?? []);
  if (options.people === undefined) {
    if (!ctx.canPrompt) throw new UsageError(messages.missingAttendees, messages.missingAttendeesHint);
    const { ask } = await import('../../prompts.ts');
    people = cleanNames(attendeesFromAnswer((await ask([attendeeQuestion(personNames(store.db))])).people));
  }
  if (people.length === 0) throw new UsageError(messages.noAttendeesPicked, messages.noAttendeesPickedHint);
  const facilitator = options.facilitator === undefined ? null : checkedName(options.facilitator, '--facilitator', 'facilitator name') || null;
  const notes = cappedText(options.notes, '--notes', MAX_NOTE_LENGTH);
  const known = new Set(personNames(store.db).map(nameKey));
  const newcomers = [...people, ...(facilitator ? [facilitator] : [])].filter((name) => !known.has(nameKey(name)));
  const id = store.write(() =>
    insertTraining(store.db, { practiceId: practice.id, heldOn, people, facilitator, notes }, now.toISOString()),
  );
  const training = listTrainings(store.db, practice.id).find((t) => t.id === id);
  if (options.json) ctx.print(JSON.stringify(training, null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(String(id));
  ctx.info(`${ctx.err.green('Logged')} training #${id} on "${practice.name}" (${heldOn}) with ${people.join(', ')}`);
  const closed = assignmentsClosedBy(store.db, id);
  if (closed) ctx.info(`It closes ${closed} training ${closed === 1 ? 'assignment' : 'assignments'} on "${practice.name}".`);
  if (newcomers.length) ctx.info(ctx.err.dim(`new ${newcomers.length === 1 ? 'person' : 'people'}: ${newcomers.join(', ')} (check the spelling: svc people)`));
  ctx.info(ctx.err.dim('hint: svc train status shows who shows the practice since their training'));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
