import type { Command } from 'commander';
import { DEFAULT_LIMIT, DEFAULT_MIN_STAFF, DEFAULT_MIN_STORIES } from '../../../core/detect-defaults.ts';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { parseCount } from '../../options.ts';

export const detectCommands: CommandGroup = { names: ['detect', 'reindex'], stage: 'detect', register: registerDetectCommands };

function registerDetectCommands(program: Command): void {
  program
    .command('detect')
    .description('find the practices several people already show in their stories, and the qualities customers perceive')
    .option('--since <date>', 'only stories on or after this date (YYYY-MM-DD, "12 weeks ago", monday …)')
    .option('--min-stories <n>', `a candidate needs at least this many stories (default ${DEFAULT_MIN_STORIES})`, parseCount('--min-stories', 1, 100_000))
    .option('--min-staff <n>', `… shown by at least this many people (default ${DEFAULT_MIN_STAFF})`, parseCount('--min-staff', 1, 10_000))
    .option('-n, --limit <n>', `how many candidates (default ${DEFAULT_LIMIT}; 0 for all)`, parseCount('--limit', 0, 10_000))
    .option('--review', 'walk the candidates in a terminal: accept, merge, skip or reject each')
    .option('--show-rejected', 'list the candidates rejected so far')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(['svc detect', 'svc detect --since "12 weeks ago" --min-staff 3', 'svc detect --review']),
    )
    .action(lazy(() => import('./handlers.ts'), 'detect'));

  program
    .command('reindex')
    .description('extract the behaviour phrases of every story again (after an upgrade, or to check)')
    .option('--json', 'print how many stories were indexed, as JSON')
    .addHelpText('after', examples(['svc reindex', 'svc reindex --json']))
    .action(lazy(() => import('./handlers.ts'), 'reindex'));
}
