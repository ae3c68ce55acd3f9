import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';

export const signalCommands: CommandGroup = { names: ['signal', 'signals'], stage: 'listen', register: registerSignalCommands };

/** The columns a signal file has, for --help. */
const FILE_HELP = `
A CSV file (or JSON, as svc stories import reads them) with a header row:
  date      the day measured, YYYY-MM-DD (not in the future)
  practice  the practice it is about (name or id), for a periodic figure
  story     or the story it is about (id), for a figure of one interaction
  measure   its name: "response time", "satisfaction" (60 characters at most)
  value     a number: 4.5, 12, -3 (1,200 is read as 1200)
Each row names a practice or a story. Example:
  date,practice,story,measure,value
  2026-03-01,Call back the same day,,response time (hours),6.5
  2026-03-02,,12,satisfaction,5
One bad row and nothing is imported; the error names its line. Importing the same
day, measure and practice (or story) again replaces its value.`;

function registerSignalCommands(program: Command): void {
  const signal = program
    .command('signal')
    .alias('signals')
    .description('outcome signals: figures the team keeps (response time, satisfaction), as trends beside the practice they concern')
    .addHelpText('after', examples(['svc signal import signals.csv', 'svc signals', 'svc practice show "Call back the same day"   # its trends']));

  signal
    .command('list', { isDefault: true })
    .description('the signals stored, latest first (the default)')
    .option('--measure <name>', 'only this measure')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc signals', 'svc signal list --measure satisfaction', 'svc signals --json']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  signal
    .command('import')
    .description('import signals from a CSV file: date, practice or story, measure, value')
    .argument('<file>', 'the CSV (or JSON) file; - reads CSV from stdin')
    .option('--json', 'print what was imported as JSON')
    .addHelpText('after', `${FILE_HELP}\n${examples(['svc signal import signals.csv', 'svc signal import response-times.csv --json'])}`)
    .action(lazy(() => import('./handlers.ts'), 'import'));
}
