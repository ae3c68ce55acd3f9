import { editPerson } from '../../../app/teams.ts';
import { messages } from '../../../core/messages.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface EditOptions {
  role?: string;
  /** A team's name, or false for --no-team. */
  team?: string | false;
  leader?: boolean;
  json?: boolean;
}

export function run(options: WithArgs<EditOptions>, ctx: Context): void {
  const person = editPerson(
    ctx.store(),
    { name: String(options.args[0] ?? ''), role: options.role, team: options.team === false ? null : options.team, leader: options.leader },
    ctx.now,
  );
  if (options.json) ctx.print(JSON.stringify(person, null, 2));
  const place = [person.role, person.team ? `team ${person.team}` : 'no team', person.leader ? 'leader' : ''].filter(Boolean).map((s) => oneLine(String(s)));
  ctx.info(`${ctx.err.green(person.created ? 'Added' : 'Updated')} ${oneLine(person.name)}: ${place.join(', ')}`);
  if (person.created) ctx.info(ctx.err.dim(messages.newPeople([person.name])));
}
