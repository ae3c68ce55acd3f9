import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { collectRepeat } from '../../options.ts';

export const assessCommands: CommandGroup = { names: ['assess'], stage: 'listen', register: registerAssessCommands };

function registerAssessCommands(program: Command): void {
  const assess = program
    .command('assess')
    .description("the team's self-assessment: a one-minute check-in each person answers on their own, anonymous by default")
    .addHelpText('after', examples(['svc assess --as Ana', 'svc assess --as Bo --answer returns-calls=4 --answer listening=5', 'svc assess results']));

  assess
    .command('answer', { isDefault: true })
    .description('answer this round: 1 to 5 and an optional note per question (the default; a terminal asks each question)')
    .option('--as <name>', 'who is answering (counted once per round; the answers are kept without the name)')
    .option('--answer <key=score>', 'a score from 1 to 5 for a question, by its key (repeatable)', collectRepeat)
    .option('--note <key=text>', 'a note on a question you scored (repeatable)', collectRepeat)
    .option('--json', 'print what was saved as JSON')
    .addHelpText(
      'after',
      examples([
        'svc assess --as Ana',
        'svc assess --as Dee --answer returns-calls=4 --answer customer-wants=3 --note "customer-wants=we say no to refunds too fast"',
        'svc assess question list   # the keys',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'answer'));

  assess
    .command('import')
    .description('import check-ins from a form export (CSV or JSON): a name column, a column per question key, optional "KEY note" columns')
    .argument('<file>', 'the form export')
    .option('--json', 'print what was saved as JSON')
    .addHelpText('after', examples(['svc assess import check-in.csv', 'svc assess import responses.json --json']))
    .action(lazy(() => import('./handlers.ts'), 'importForm'));

  assess
    .command('results')
    .alias('show')
    .description('the team figures of each round: a mean per question once 3 or more answered it, and the notes')
    .option('--format <format>', 'text, md or html (default text)')
    .option('-o, --out <file>', 'write the results to FILE (- for stdout, the default)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc assess results', 'svc assess results --format md --out check-in.md', 'svc assess results --json']))
    .action(lazy(() => import('./handlers.ts'), 'results'));

  assess
    .command('close')
    .description('close the open round before its day, to debrief: its figures show, and it takes no more answers')
    .option('--json', 'print the closed round as JSON')
    .addHelpText('after', examples(['svc assess close', 'svc assess results --format md   # its figures, now that it is closed']))
    .action(lazy(() => import('./handlers.ts'), 'close'));

  const question = assess
    .command('question')
    .alias('questions')
    .description('the questions the check-in asks: the built-in ones and the team\'s own');

  question
    .command('list', { isDefault: true })
    .description('list the questions, open ones first, with their keys')
    .option('--all', 'include retired questions')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc assess question list', 'svc assess questions --all --json']))
    .action(lazy(() => import('./handlers.ts'), 'questionList'));

  question
    .command('add')
    .description("add one of the team's own questions (a retired key comes back as its next version)")
    .argument('<key>', 'a short key, e.g. follow-up')
    .argument('<text>', 'a statement the team rates from 1 (hardly ever) to 5 (always)')
    .option('--attribute <name>', 'the quality it asks about: positive-demeanor, clear-head, listening, empathy, responsiveness or knowledge')
    .option('--json', 'print the question as JSON')
    .addHelpText(
      'after',
      examples([
        'svc assess question add follow-up "We follow up every promise we make to a customer"',
        'svc assess question add knows-products "We can answer product questions without passing the customer on" --attribute knowledge',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'questionAdd'));

  question
    .command('retire')
    .description('stop asking a question; its past answers stay in their rounds')
    .argument('<key>', 'the question key')
    .addHelpText('after', examples(['svc assess question retire correspondence', 'svc assess question list --all']))
    .action(lazy(() => import('./handlers.ts'), 'questionRetire'));
}
