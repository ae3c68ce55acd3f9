import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';

export const dbCommands: CommandGroup = { names: ['init', 'db'], stage: 'setup', register: registerDbCommands };

function registerDbCommands(program: Command): void {
  program
    .command('init')
    .description('create the database (a command that saves does it on first use, and says where) and print where it is')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc init', 'svc --db ./team.db init', 'SVC_DB=~/team.db svc init']))
    .action(lazy(() => import('./handlers.ts'), 'init'));

  const db = program.command('db').description('the database: where it is, whether it is whole, copying it elsewhere');
  db.command('path')
    .description('print where the database is (without creating it)')
    .addHelpText('after', examples(['svc db path', 'sqlite3 "$(svc db path)" .tables']))
    .action(lazy(() => import('./handlers.ts'), 'path'));

  db.command('check')
    .description('check the database for damage; show its schema version and how many records it holds')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc db check', 'svc --db /mnt/usb/svc.db db check', 'svc db check --json']))
    .action(lazy(() => import('./handlers.ts'), 'check'));

  db.command('copy')
    .description('copy everything (ids kept, counts checked) to another database: a new FILE.db, or postgres://…')
    .requiredOption('--to <address>', 'where to copy: a file path, or postgres://USER@HOST/DATABASE (created and migrated if new)')
    .option('--merge', 'copy into a database that holds svc data already: the newer copy of each record wins, nothing there is lost')
    .option('--json', 'print the rows copied per table as JSON')
    .addHelpText(
      'after',
      examples([
        'svc db copy --to postgres://svc@db.example.com/team',
        'SVC_DATABASE_URL=postgres://svc@db.example.com/team svc db copy --to ~/team-copy.db',
        'svc db copy --to postgres://svc@db.example.com/team --merge --json',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'copy'));
}
