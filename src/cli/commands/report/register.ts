import { Option, type Command } from 'commander';
import { DEFAULT_DRIFT_WEEKS } from '../../../core/choices.ts';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { parseChoice, parseCount } from '../../options.ts';
import { REPORT_FORMATS } from '../../../core/formats.ts';


export const reportCommands: CommandGroup = { names: ['report', 'meeting', 'status'], stage: 'monitor', register: registerReportCommands };
export const demoCommands: CommandGroup = { names: ['demo'], stage: 'setup', register: registerDemoCommand };

function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('the report for the team meeting: stories, practices, training, what customers said, an agenda')
    .option('--since <date>', 'start of the period: a date, or last-meeting (default: the last meeting, else 30 days ago)')
    .option('--until <date>', 'end of the period (default: today)')
    .addOption(new Option('-f, --format <format>', `${REPORT_FORMATS.join(', ')} (default: text)`).argParser(parseChoice('--format', REPORT_FORMATS)))
    .option('-o, --out <file>', 'write the report to FILE (- for stdout)')
    .option('--force', 'let --out write through a symbolic link, or to a device or FIFO')
    .option('--drift-weeks <n>', `weeks without evidence before a standard practice drifts (default ${DEFAULT_DRIFT_WEEKS})`, parseCount('--drift-weeks', 1, 52, 4))
    .option('--team <name>', 'only this team: its people, the teams inside it, and their stories')
    .option('--json', 'print the report as JSON (same as --format json)')
    .addHelpText(
      'after',
      examples([
        'svc report',
        'svc report --format html --out meeting.html',
        'svc report --since 2026-01-01 --until 2026-03-31 --format md > q1.md',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'report'));

  const meeting = program
    .command('meeting')
    .description('team meetings: the next report starts on the day of the last one')
    .addHelpText('after', examples(['svc meeting held', 'svc meeting list']));
  meeting
    .command('held')
    .description('record that the team met (today unless --on)')
    .option('--on <date>', 'when it was held (YYYY-MM-DD, yesterday, monday …)')
    .option('--notes <text>', 'what was decided')
    .option('--json', 'print the recorded meeting as JSON')
    .addHelpText('after', examples(['svc meeting held', 'svc meeting held --on yesterday --notes "Agreed to train call-backs"']))
    .action(lazy(() => import('./handlers.ts'), 'meetingHeld'));
  meeting
    .command('list')
    .description('meetings, latest first')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc meeting list', 'svc meeting list --json']))
    .action(lazy(() => import('./handlers.ts'), 'meetingList'));

  program
    .command('status')
    .description('where the team stands in the loop, and the next command to run (also: svc with no command)')
    .option('--team <name>', 'only this team: its people, the teams inside it, and their stories')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc status', 'svc status --team Support', 'svc status --json']))
    .action(lazy(() => import('./handlers.ts'), 'status'));
}

function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('build a sample team\'s database and show the report and status for it')
    .option('--json', 'print what was built as JSON')
    .addHelpText('after', examples(['svc demo', 'svc --db /tmp/demo.db demo', 'svc --db /tmp/demo.db report --format html --out demo.html']))
    .action(lazy(() => import('./handlers.ts'), 'demo'));
}
