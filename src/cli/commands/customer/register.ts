import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { parseCount } from '../../options.ts';

export const customerCommands: CommandGroup = { names: ['customer', 'customers'], stage: 'listen', register: registerCustomerCommands };

function registerCustomerCommands(program: Command): void {
  const customer = program
    .command('customer')
    .alias('customers')
    .description('the customers to listen to: import them, list them, merge or remove duplicates, forget one')
    .addHelpText('after', examples(['svc customers', 'svc customers import customers.csv', 'svc customer merge 14 3']));

  customer
    .command('list', { isDefault: true })
    .description('list customers with the date each was last contacted (the default)')
    .option('--include-contacts', 'show email and phone too (personal data: share with care)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc customers', 'svc customers --json', 'svc customer list --include-contacts']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  customer
    .command('import')
    .description('add or update customers from a CSV file with a header row, or a .json file')
    .argument('<file>', 'a .csv (columns: name, email, phone, segment, external id) or .json file; - reads CSV from stdin')
    .option('--skip-invalid', 'import the good rows and report the bad ones (default: a bad row imports nothing); a file with no good row is refused either way')
    .option('--json', 'print what was imported as JSON')
    .addHelpText(
      'after',
      examples([
        'svc customers import customers.csv',
        'svc customers import crm-export.csv --skip-invalid',
        'svc customers import customers.json --json',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'import'));

  customer
    .command('forget')
    .description("erase a customer's name, email, phone and external id everywhere, this machine's drafts included; stories and answers stay, anonymised")
    .argument('<customer>', 'the customer id, or their name')
    .option('--dry-run', 'list every record and draft that would change, with the change marked; change nothing')
    .option('-y, --yes', 'do not ask')
    .option('--wait <seconds>', 'how long to wait for other svc processes still reading old pages', parseCount('--wait', 0, 3600, 30), 30)
    .option('--json', 'print what was (or would be) changed as JSON')
    .addHelpText(
      'after',
      examples(['svc customer forget "Joan Wright" --dry-run', 'svc customer forget 13', 'svc customer forget "Ravi Shah" --yes --wait 120']),
    )
    .action(lazy(() => import('./handlers.ts'), 'forget'));

  customer
    .command('merge')
    .description('merge two records of one customer: stories and interviews move to the second, the first is deleted (the merge travels in exports)')
    .argument('<from>', 'the customer to merge away: id, or name')
    .argument('<into>', 'the customer to keep: id, or name')
    .option('-y, --yes', 'do not ask')
    .option('--json', 'print the kept customer as JSON (as svc customers --json shows it)')
    .option('--include-contacts', 'with --json, show their email and phone too (personal data: share with care)')
    .addHelpText('after', examples(['svc customer merge 14 3', 'svc customer merge 17 16 --yes --json', 'svc customers   # find the ids']))
    .action(lazy(() => import('./handlers.ts'), 'merge'));

  customer
    .command('rm')
    .description('remove a customer no story or interview refers to (the removal travels in exports)')
    .argument('<customer>', 'the customer id, or their name')
    .option('-y, --yes', 'do not ask')
    .option('--json', 'print the removed id as JSON')
    .addHelpText('after', examples(['svc customer rm 15', 'svc customer rm "Dev Patell" --yes']))
    .action(lazy(() => import('./handlers.ts'), 'rm'));
}
