import { ConflictError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { personEvidence, personFacilitated, removePerson } from '../../../store/people.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';
import { requirePerson } from './find.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const person = requirePerson(store, options.args[0]);
  const refuseWithEvidence = () => {
    const stories = personEvidence(store.db, person.id);
    if (stories > 0) throw new ConflictError(messages.personHasEvidence(person.name, stories), messages.personHasEvidenceHint(person.name));
    const trainings = personFacilitated(store.db, person.id);
    if (trainings > 0) throw new ConflictError(messages.personFacilitated(person.name, trainings), messages.personHasEvidenceHint(person.name));
  };
  refuseWithEvidence();
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `removing ${oneLine(person.name)}`,
    command: `svc people rm "${person.name}"`,
    question: `Remove ${oneLine(person.name)}? No story credits them and they facilitated no training; the trainings they attended lose them.`,
  });
  if (!go) return;
  store.write(() => {
    // Read again under the lock: another svc may have changed them while we asked.
    refuseWithEvidence();
    removePerson(store.db, requirePerson(store, person.name).id, ctx.now().toISOString());
  });
  if (options.json) ctx.print(JSON.stringify({ removed: person.name }, null, 2));
  ctx.info(`${ctx.err.yellow('Removed')} ${oneLine(person.name)}.`);
}
