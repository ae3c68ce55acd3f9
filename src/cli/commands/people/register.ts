import type { Command } from 'commander';
import { examples, lazy } from '../../action.ts';

export function registerPeopleCommands(program: Command): void {
  const people = program
    .command('people')
    .description('the people in the stories, with story counts and their latest story')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people', 'svc people --json', 'svc people show Ana']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  people
    .command('show')
    .description('one person\'s skills inventory: the practices their stories show, their tags, where they could coach')
    .argument('<name>', 'the person (case-insensitive)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people show Ana', 'svc people show "Bo Lind" --json']))
    .action(async (...received: unknown[]) => {
      // commander gives `people show NAME --json` to the parent's --json: pass it on.
      const command = received.at(-1) as Command;
      if (command.parent?.opts().json) command.setOptionValue('json', true);
      await lazy(() => import('./handlers.ts'), 'show')(...received);
    });
}
