import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';

export const configCommands: CommandGroup = { names: ['config'], stage: 'setup', register: registerConfigCommands };

function registerConfigCommands(program: Command): void {
  const config = program
    .command('config')
    .description("the team's settings: meeting day and time, intervals, default --by, form columns …")
    .addHelpText('after', examples(['svc config list --origin', 'svc config set meeting.weekday tuesday', 'svc config get team.name']));
  config
    .command('get')
    .description('print the value of one setting')
    .argument('<key>', 'a key such as meeting.weekday (svc config list shows them all)')
    .option('--json', 'print the key, value and origin as JSON')
    .addHelpText('after', examples(['svc config get meeting.time', 'svc config get report.drift_weeks --json']))
    .action(lazy(() => import('./handlers.ts'), 'get'));
  config
    .command('set')
    .description('write one setting to the config file, keeping its comments and order')
    .argument('<key>', 'a key such as meeting.weekday')
    .argument('<value>', 'its value')
    .addHelpText(
      'after',
      examples(['svc config set team.name "Support & Field"', 'svc config set meeting.time 09:30', 'svc config set import.map.text "What happened?"']),
    )
    .action(lazy(() => import('./handlers.ts'), 'set'));
  config
    .command('list')
    .description('every setting with its value (and, with --origin, where it came from)')
    .option('--origin', 'show where each value came from: default, the config file and line, or an SVC_* variable')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc config list', 'svc config list --origin', 'svc config list --json']))
    .action(lazy(() => import('./handlers.ts'), 'list'));
  config
    .command('path')
    .description('print where the config file is (it need not exist yet)')
    .addHelpText('after', examples(['svc config path', '$EDITOR "$(svc config path)"']))
    .action(lazy(() => import('./handlers.ts'), 'path'));
}
