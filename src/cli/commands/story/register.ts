import type { Command } from 'commander';
import { CHANNELS, SOURCES, TRIGGERS } from '../../../core/story-fields.ts';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { collectList, collectRepeat, parseChoice, parseCount } from '../../options.ts';

/** The fields a story has, shared by add and edit. */
function storyFieldOptions(command: Command): Command {
  return command
    .option('-s, --staff <names>', 'who delivered it (repeatable, or comma-separated)', collectList)
    .option('-c, --customer <name>', 'for whom: the customer (or colleague) served, by name or as #ID (one of two namesakes)')
    .option('--internal', 'the customer is a colleague (internal service)')
    .option('--external', 'the customer is a client (the default)')
    .option('--channel <channel>', `how it happened: ${CHANNELS.join(', ')}`)
    .option('-t, --tag <tags>', 'a tag (repeatable, or comma-separated); #tags in the text count too', collectList)
    .option('-w, --when <date>', 'when it happened: YYYY-MM-DD, today, yesterday, "3 days ago", monday (default: today)')
    .option('--title <title>', 'a short title')
    .option('--impact <text>', 'what resulted for the customer')
    .option('--source <source>', `where the story came from: ${SOURCES.join(', ')}`)
    .option('--trigger <trigger>', `what it responded to: ${TRIGGERS.join(', ')} (a failure, a need, or nothing)`)
    .option('--by <name>', 'who is reporting it')
    .option('--json', 'print the saved story as JSON');
}

/** Filters shared by `svc story list` and `svc stories`. */
function storyListOptions(command: Command): Command {
  return command
    .option('--since <date>', 'stories on or after this date (YYYY-MM-DD, "30 days ago", monday …)')
    .option('--until <date>', 'stories on or before this date')
    .option('-s, --staff <names>', 'only stories crediting these people (repeatable: all must appear)', collectList)
    .option('--team <name>', 'only stories crediting someone in this team or a team inside it')
    .option('-t, --tag <tags>', 'only stories with these tags (repeatable: all must appear)', collectList)
    .option('--channel <channel>', `only this channel (${CHANNELS.join(', ')})`, parseChoice('--channel', CHANNELS))
    .option('--internal', 'only service to colleagues')
    .option('--external', 'only service to clients')
    .option('-q, --search <query>', 'only stories containing these words')
    .option('-n, --limit <n>', 'how many, newest first (default 20; 0 for all)', parseCount('--limit', 0, 1_000_000))
    .option('--json', 'print JSON');
}

/** `import FILE` under both `story` and `stories`: stories from a form or spreadsheet export. */
function storyImportCommand(parent: Command): void {
  parent
    .command('import')
    .description('add stories from a form or spreadsheet export (CSV or JSON), each checked as story add checks it')
    .argument('<file>', 'the export: .csv (comma, semicolon or tab) or .json')
    .option('--map <field=column,…>', 'which column holds which field: text, staff, when, customer, channel, tags, title, impact (repeatable)', collectRepeat)
    .option('--date-format <order>', 'how the dates are written when the file leaves it open: D/M/YYYY or M/D/YYYY')
    .option('--dry-run', 'show what would be stored, and store nothing')
    .option('--skip-invalid', 'import the valid rows and list the others (default: a bad row stores nothing); a file with no valid row is refused either way')
    .option('--json', 'print what was imported as JSON')
    // `stories` has a --json of its own, which commander gives to it rather than to this subcommand.
    .hook('preAction', (_command, action) => {
      if (action.parent?.opts().json === true) action.setOptionValue('json', true);
    })
    .addHelpText(
      'after',
      examples([
        'svc stories import responses.csv --dry-run',
        'svc stories import responses.csv --map text="Tell us what happened",staff="Who was it?",when=Timestamp',
        'svc stories import export.csv --date-format D/M/YYYY --skip-invalid',
      ]),
    )
    .action(lazy(() => import('./import-handlers.ts'), 'importStories'));
}


export const storyCommands: CommandGroup = { names: ['story', 'stories'], stage: 'collect', register: registerStoryCommands };

function registerStoryCommands(program: Command): void {
  const story = program
    .command('story')
    .description('collect and manage exceptional service stories')
    .addHelpText('after', examples(['svc story add "Dee stayed on the line until the customer\'s printer worked" --staff Dee', 'svc story show 3', 'svc story list --tag call-back']));

  storyFieldOptions(
    story
      .command('add')
      .description('record a great service moment, seconds after it happened')
      .argument('[text...]', 'what happened (TEXT); without it, svc asks in a terminal or reads stdin')
      .option('--resume', 'save the story typed earlier that could not be saved (the database was busy)'),
  )
    .option('-p, --practice <name>', 'link it to this practice as evidence (repeatable); in a terminal svc suggests the likeliest', collectRepeat)
    .option('--served <name>', 'the colleague served, a person in svc (internal service; the chain shows who serves whom)')
    .addHelpText(
      'after',
      examples([
        'svc story add "Ana called the customer back within the hour with the fix" --staff Ana --tag call-back',
        'svc story add "Bo stayed late to help Ana close the month" --staff Bo --served Ana --trigger request',
        'svc story add "Ana rang him back the next morning" --staff Ana --practice "Call back the same day"',
        'echo "Cy remembered the customer\'s name and order" | svc story add --staff Cy --when yesterday',
      ]),
    )
    .action(lazy(() => import('./add-handlers.ts'), 'add'));

  storyListOptions(story.command('list').description('list stories, newest first'))
    .addHelpText('after', examples(['svc story list --since monday', 'svc story list --staff Ana --tag call-back --json']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  const stories = storyListOptions(program.command('stories').description('list stories, newest first (same as story list)'))
    .addHelpText('after', examples(['svc stories', 'svc stories --internal --since "4 weeks ago"', 'svc stories -n 0 --json', 'svc stories import responses.csv']))
    .action(lazy(() => import('./handlers.ts'), 'list'));
  storyImportCommand(stories);
  storyImportCommand(story);

  story
    .command('show')
    .description('show one story in full')
    .argument('<id>', 'the story id')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc story show 3', 'svc story show 3 --json']))
    .action(lazy(() => import('./handlers.ts'), 'show'));

  storyFieldOptions(
    story
      .command('edit')
      .description('change a story; with no flags in a terminal, opens $EDITOR on its text')
      .argument('<id>', 'the story id')
      .option('--text <text>', 'replace the story text'),
  )
    .addHelpText(
      'after',
      examples(['svc story edit 12 --staff Dee,Cy', 'svc story edit 12 --tag stayed-on --when yesterday', 'svc story edit 12']),
    )
    .action(lazy(() => import('./handlers.ts'), 'edit'));

  story
    .command('rm')
    .description('delete a story (asks first in a terminal)')
    .argument('<id>', 'the story id')
    .option('-y, --yes', 'do not ask')
    .option('--json', 'print the removed story as JSON')
    .addHelpText('after', examples(['svc story rm 11', 'svc story rm 4 --yes']))
    .action(lazy(() => import('./handlers.ts'), 'rm'));
}
