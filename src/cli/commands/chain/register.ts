import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { parseChoice } from '../../options.ts';
import { CHAIN_FORMATS } from '../../../core/formats.ts';


/** `svc chain`: who serves whom inside the team (seed 003), and linking colleagues served to people. */
export const chainCommands: CommandGroup = { names: ['chain'], stage: 'monitor', register: registerChainCommands };

function registerChainCommands(program: Command): void {
  const chain = program
    .command('chain')
    .description('the service chain: who serves whom in the team (people and teams), who is never served, whether leaders serve')
    .option('--since <date>', 'start of the period: a date, or last-meeting (default: the last meeting, else 30 days ago)')
    .option('--until <date>', 'end of the period (default: today)')
    .option('--team <name>', 'only this team: who among its people and the teams inside it serves whom')
    .option('-f, --format <format>', `${CHAIN_FORMATS.join(', ')} (default text)`, parseChoice('--format', CHAIN_FORMATS))
    .option('-o, --out <file>', 'write to FILE (readable by you only) instead of stdout; - is stdout')
    .option('--force', 'let --out write through a symbolic link, or to a device or FIFO')
    .option('--json', 'print JSON (same as --format json)')
    .addHelpText(
      'after',
      examples(['svc chain', 'svc chain --team Support', 'svc chain --since 2026-01-01 --format html --out chain.html', 'svc chain unresolved   # colleagues served not linked to a person yet']),
    )
    .action(lazy(() => import('./handlers.ts'), 'chain'));

  chain
    .command('unresolved')
    .description('colleagues served in internal stories that are not linked to a person yet')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc chain unresolved', 'svc chain link Tom "Tom Berg"']))
    .action(lazy(() => import('./handlers.ts'), 'unresolved'));

  chain
    .command('link')
    .description('link a colleague served (as a story named them) to the person they are')
    .argument('<customer>', 'the colleague as the stories name them, or #id from svc chain unresolved')
    .argument('<person>', 'the person in svc')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc chain link Tom "Tom Berg"', 'svc chain link "#30" Lena']))
    .action(lazy(() => import('./handlers.ts'), 'link'));
}
