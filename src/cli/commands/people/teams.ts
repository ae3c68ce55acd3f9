import { editTeam, teamsView } from '../../../app/teams.ts';
import { teamTable } from '../../../ui/render/people.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

/** `svc teams`: each team, the team it belongs to, its people and leaders. */
export const list = {
  run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
    const teams = teamsView(ctx.store());
    if (options.json) {
      ctx.print(JSON.stringify(teams, null, 2));
      return;
    }
    if (teams.length === 0) {
      ctx.info('No teams yet: put someone in one with svc people edit NAME --team TEAM');
      return;
    }
    ctx.print(teamTable(teams, ctx.look()));
  },
};

/** `svc team edit NAME --parent P | --no-parent`. */
export const edit = {
  run(options: WithArgs<{ parent?: string | false; json?: boolean }>, ctx: Context): void {
    const team = editTeam(ctx.store(), { name: String(options.args[0] ?? ''), parent: options.parent === false ? null : options.parent }, ctx.now);
    if (options.json) ctx.print(JSON.stringify(team, null, 2));
    ctx.info(`${ctx.err.green('Updated')} team ${oneLine(team.name)}: ${team.parent ? `inside ${oneLine(team.parent)}` : 'a top-level team'}`);
  },
};
