import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { parseChoice } from '../../options.ts';
import { EXPORT_FORMATS } from '../../../core/formats.ts';


export const transferCommands: CommandGroup = { names: ['export', 'import', 'backup'], stage: 'setup', register: registerTransferCommands };

function registerTransferCommands(program: Command): void {
  program
    .command('export')
    .description('write every record (stories, people, practices, training, procedures, interviews …) to a file')
    .option('-f, --format <format>', 'jsonl (default; for svc import), json, or csv (stories only, for spreadsheets)', parseChoice('--format', EXPORT_FORMATS))
    .option('-o, --out <file>', 'write to FILE, readable by you only (default: stdout; - is stdout)')
    .option('--force', 'let --out write through a symbolic link, or to a device or FIFO')
    .option('--include-contacts', "include customers' email and phone (left out by default)")
    .addHelpText(
      'after',
      examples(['svc export --out ~/svc-export.jsonl', 'svc export --format csv --out stories.csv', 'svc export --include-contacts --out full.jsonl']),
    )
    .action(lazy(() => import('./handlers.ts'), 'export'));

  program
    .command('import')
    .description("merge an export (yours or a colleague's): new records added, newer ones updated, nothing duplicated")
    .argument('<file>', 'a file made by svc export (jsonl or json)')
    .option('-n, --dry-run', 'show what would change, change nothing')
    .option('--json', 'print the counts as JSON')
    .addHelpText('after', examples(['svc import --dry-run ana.jsonl', 'svc import ana.jsonl', 'svc import team.json --json']))
    .action(lazy(() => import('./handlers.ts'), 'import'));

  program
    .command('backup')
    .description('copy the database to a new file, safely even while svc is in use')
    .argument('<file>', 'where to write the copy (must not exist yet)')
    .option('--json', 'print what was written as JSON')
    .addHelpText('after', examples(['svc backup ~/svc-$(date +%F).db', 'svc backup /mnt/usb/svc.db --json']))
    .action(lazy(() => import('./handlers.ts'), 'backup'));
}
