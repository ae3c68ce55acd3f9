import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';

export const tagCommands: CommandGroup = { names: ['tags', 'tag'], stage: 'collect', register: registerTagCommands };

function registerTagCommands(program: Command): void {
  const tags = program
    .command('tags')
    .alias('tag')
    .description('tags with how many stories use them (the default taxonomy included); rename or merge them')
    .option('--used', 'only tags at least one story uses')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc tags', 'svc tags --used --json', 'svc tag rename folow-up follow-up']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  // `svc tag list`, as `svc story list` is `svc stories`.
  tags
    .command('list')
    .description('the same as svc tags')
    .option('--used', 'only tags at least one story uses')
    .option('--json', 'print JSON')
    .action(lazy(() => import('./handlers.ts'), 'list'));

  tags
    .command('rename')
    .description('give a tag a new name no tag has yet; its stories and practice matchers follow')
    .argument('<tag>', 'the tag as named now')
    .argument('<new-name>', 'the new name (normalised: "#Follow Up" is follow-up)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc tag rename folow-up follow-up', 'svc tag rename "call back" callback --json']))
    .action(lazy(() => import('./handlers.ts'), 'rename'));

  tags
    .command('merge')
    .description('two tags for one thing: the first\'s stories get the second, then the first is deleted')
    .argument('<from>', 'the tag to merge away')
    .argument('<into>', 'the tag to keep')
    .option('-y, --yes', 'do not ask')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc tag merge call-back callback', 'svc tag merge kind empathy --yes']))
    .action(lazy(() => import('./handlers.ts'), 'merge'));
}
