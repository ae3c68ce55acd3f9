import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { collectList, documentOutputOptions, parseCount } from '../../options.ts';

/** `svc train …`: train people on practices with the team's own stories. */
export const trainCommands: CommandGroup = { names: ['train'], stage: 'train', register: registerTrainCommands };

function registerTrainCommands(program: Command): void {
  const train = program
    .command('train')
    .description('train people on practices with the team\'s own stories, and see who has been trained')
    .addHelpText('after', examples(['svc train plan "Call back the same day" --format html --out plan.html', 'svc train log "Call back the same day" --people Ana,Bo', 'svc train status']));

  documentOutputOptions(
    train
      .command('plan')
      .description('a training brief built from evidence: stories, peer coaches, questions, a role-play')
      .argument('<practice>', 'the practice'),
  )
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      examples(['svc train plan "Call back the same day"', 'svc train plan "Call back the same day" --format md > plan.md', 'svc train plan 4 --format html --out plan.html']),
    )
    .action(lazy(() => import('./handlers.ts'), 'plan'));

  train
    .command('log')
    .description('record a training session; in a terminal without --people, pick attendees from a list')
    .argument('<practice>', 'the practice trained')
    .option('--people <names>', 'who attended (repeatable, or comma-separated)', collectList)
    .option('--on <date>', 'when it was held (default today)')
    .option('--facilitator <name>', 'who ran it')
    .option('--notes <text>', 'anything worth remembering')
    .option('--json', 'print the session as JSON')
    .addHelpText(
      'after',
      examples(['svc train log "Call back the same day" --people Ana,Bo,Cy --facilitator Dee', 'svc train log 4 --people Bo --on yesterday --notes "role-played story #5"', 'svc train log 4']),
    )
    .action(lazy(() => import('./handlers.ts'), 'log'));

  train
    .command('assign')
    .description('assign a practice\'s training to people or a team, due by a day; svc train log closes the assignments')
    .argument('<practice>', 'the practice to train')
    .option('--people <names>', 'who is to be trained (repeatable, or comma-separated)', collectList)
    .option('--team <name>', 'everyone active in this team and the teams inside it')
    .requiredOption('--due <date>', 'by when: YYYY-MM-DD, today, tomorrow, "in 2 weeks", "next friday"')
    .option('--json', 'print the assignments as JSON')
    .addHelpText(
      'after',
      examples([
        'svc train assign "Call back the same day" --people Ana,Bo --due "in 2 weeks"',
        'svc train assign "Call back the same day" --team "Front desk" --due "next friday"',
        'svc train log "Call back the same day" --people Ana,Bo   # closes their assignments',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'assign'));

  train
    .command('schedule')
    .description('plan a training session ahead; it goes into the team\'s calendar (svc calendar)')
    .argument('<practice>', 'the practice to train')
    .requiredOption('--on <date>', 'the day: YYYY-MM-DD, today, tomorrow, friday, "next friday"')
    .option('--at <time>', 'the start, HH:MM local time (without it, the whole day)')
    .option('--minutes <n>', 'how long it lasts (default 60)', parseCount('--minutes', 5, 1440, 60))
    .option('--facilitator <name>', 'who runs it')
    .option('--json', 'print the planned session as JSON')
    .addHelpText(
      'after',
      examples(['svc train schedule "Call back the same day" --on "next thursday" --at 14:00', 'svc train schedule 4 --on tomorrow --facilitator Dee --json']),
    )
    .action(lazy(() => import('./handlers.ts'), 'schedule'));

  train
    .command('list')
    .description('training sessions, newest first')
    .option('--practice <name>', 'only sessions on this practice')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc train list', 'svc train list --practice "Call back the same day" --json']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  train
    .command('status')
    .description('people × adopted and standard practices: adopted after training, trained, shows it untrained, or gap')
    .option('--practice <name>', 'only this practice')
    .option('--team <name>', 'only the people of this team and the teams inside it')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc train status', 'svc train status --team "Front desk"', 'svc train status --practice "Call back the same day" --json']))
    .action(lazy(() => import('./handlers.ts'), 'status'));
}
