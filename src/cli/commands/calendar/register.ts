import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';

export const calendarCommands: CommandGroup = { names: ['calendar'], stage: 'monitor', register: registerCalendarCommands };

function registerCalendarCommands(program: Command): void {
  program
    .command('calendar')
    .description("the team's rhythm as an iCalendar file: the weekly meeting, interview rounds, procedure reviews")
    .option('-o, --out <file>', 'write the calendar to FILE (- for stdout, the default)')
    .option('--json', 'print the events as JSON instead')
    .addHelpText(
      'after',
      examples([
        'svc calendar --out team.ics',
        'svc calendar --out /var/www/html/team.ics   # a file a web server serves, to subscribe to',
        'svc calendar --json',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'calendar'));
}
