import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { documentOutputOptions } from '../../options.ts';

export const peopleCommands: CommandGroup = { names: ['people', 'teams', 'team'], stage: 'collect', register: registerPeopleCommands };

function registerPeopleCommands(program: Command): void {
  const people = program
    .command('people')
    .description('the people in the stories, with story counts and their latest story')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people', 'svc people show Ana', 'svc people merge Aan Ana   # a typo made a new person']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  people
    .command('show')
    .description('one person\'s skills inventory: the practices their stories show, their tags, where they could coach')
    .argument('<name>', 'the person (case-insensitive)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people show Ana', 'svc people show Bo --json']))
    .action(lazy(() => import('./handlers.ts'), 'show'));

  people
    .command('edit')
    .description('set a person\'s role, team and whether they lead (a team starts when someone joins it)')
    .argument('<name>', 'the person (case-insensitive)')
    .option('--role <text>', 'their role, e.g. "support agent"')
    .option('--team <name>', 'the team they belong to')
    .option('--no-team', 'take them out of their team')
    .option('--leader', 'they lead: the chain shows whether leaders serve the people who serve customers')
    .option('--no-leader', 'they do not lead')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(['svc people edit Cy --team Support --role "support agent"', 'svc people edit Eli --team Support --leader', 'svc people edit Bo --no-team --json']),
    )
    .action(lazy(() => import('./handlers.ts'), 'edit'));

  documentOutputOptions(
    people
      .command('succession')
      .description('what depends on a person: agreed practices that would fall below two people without them, and who could learn each from whom')
      .argument('<name>', 'the person (case-insensitive)'),
  )
    .option('--pair <practice>', 'record that --learner pairs with them on this practice; its star share is then followed in practice show')
    .option('--learner <name>', 'the colleague who learns it')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(['svc people succession Ana', 'svc people succession Ana --format md --out ana.md', 'svc people succession Ana --pair "Call back the same day" --learner Bo', 'svc practice show "Call back the same day"   # the star share since']),
    )
    .action(lazy(() => import('./handlers.ts'), 'succession'));

  people
    .command('rename')
    .description('correct a person\'s name; their stories, evidence and trainings follow')
    .argument('<name>', 'the person as named now (case-insensitive)')
    .argument('<new-name>', 'the name to use from now on')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people rename Eli "Eli Novak"', 'svc people rename "ana" "Ana"']))
    .action(lazy(() => import('./handlers.ts'), 'rename'));

  people
    .command('merge')
    .description('one person under two names: moves the first\'s stories, evidence and trainings to the second, then deletes the first')
    .argument('<from>', 'the name to merge away (e.g. a typo)')
    .argument('<into>', 'the person to keep')
    .option('-y, --yes', 'do not ask')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people merge Aan Ana', 'svc people merge "Eli N" "Eli Novak" --yes']))
    .action(lazy(() => import('./handlers.ts'), 'merge'));

  people
    .command('deactivate')
    .description('someone who left: their stories stay, and they leave the "active people" figures')
    .argument('<name>', 'the person (case-insensitive)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people deactivate Cy', 'svc people activate Cy   # undo']))
    .action(lazy(() => import('./handlers.ts'), 'deactivate'));

  people
    .command('activate')
    .description('count a deactivated person in the team\'s figures again')
    .argument('<name>', 'the person (case-insensitive)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people activate Cy', 'svc people --json']))
    .action(lazy(() => import('./handlers.ts'), 'activate'));

  people
    .command('rm')
    .description('remove a person no story credits (a name typed by mistake); their training attendances go too')
    .argument('<name>', 'the person (case-insensitive)')
    .option('-y, --yes', 'do not ask')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people rm "Ana Typo"', 'svc people rm Aan --yes', 'svc people merge Aan Ana   # to keep what they did']))
    .action(lazy(() => import('./handlers.ts'), 'rm'));

  program
    .command('teams')
    .description('the teams, the team each belongs to, their people and leaders')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc teams', 'svc teams --json', 'svc people edit Fay --team Field   # a team starts when someone joins it']))
    .action(lazy(() => import('./handlers.ts'), 'teamList'));

  program
    .command('team')
    .description('organise teams: put one inside another')
    .command('edit')
    .description('put a team inside a parent team, or take it out (a team cannot end up inside itself)')
    .argument('<name>', 'the team (case-insensitive)')
    .option('--parent <name>', 'the team it belongs to')
    .option('--no-parent', 'make it a top-level team')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc team edit Support --parent Service', 'svc team edit Support --no-parent --json']))
    .action(lazy(() => import('./handlers.ts'), 'teamEdit'));
}
