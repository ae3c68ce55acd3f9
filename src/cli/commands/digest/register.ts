import { Option, type Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { parseChoice } from '../../options.ts';
import { DIGEST_FORMATS } from '../../../core/formats.ts';


export const digestCommands: CommandGroup = { names: ['digest'], stage: 'monitor', register: registerDigestCommands };

function registerDigestCommands(program: Command): void {
  program
    .command('digest')
    .description("the team's week in one page, for people who read mail: new stories, what waits for review, what is due")
    .option('--since <date>', 'start of the period: a date, or last-digest (the day after the last digest made so; default: the last 7 days)')
    .addOption(new Option('-f, --format <format>', `${DIGEST_FORMATS.join(', ')} (default: text); eml is a mail with text and HTML, for sendmail -t`).argParser(parseChoice('--format', DIGEST_FORMATS)))
    .option('--team <name>', 'only this team: its people, the teams inside it, their stories and training; the digest carries its name')
    .option('-o, --out <file>', 'write the digest to FILE (- for stdout, the default)')
    .option('--to <addresses>', 'recipients of --format eml, comma-separated (default: digest.to in the config)')
    .option('--from <address>', 'sender of --format eml (default: digest.from in the config)')
    .option('--json', 'print the digest as JSON')
    .addHelpText(
      'after',
      examples([
        'svc digest',
        'svc digest --since last-digest --format eml --to "team@example.com" --from "svc <lead@example.com>" | sendmail -t',
        'svc digest --format html --out week.html',
        'svc digest --team Support --format md',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'digest'));
}
