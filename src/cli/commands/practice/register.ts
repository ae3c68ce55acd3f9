import type { Command } from 'commander';
import { PRACTICE_STATUSES } from '../../../core/choices.ts';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { collectList, collectRepeat, documentOutputOptions, parseChoice, parseCount } from '../../options.ts';

/** A comma-separated list of statuses, each checked. */
function parseStatuses(value: string, previous: string[] = []): string[] {
  return collectList(value, previous).map((status) => parseChoice('--status', PRACTICE_STATUSES)(status));
}

/** `svc practices` and `svc practice …`: from a behaviour to an adopted, written standard. */
export const practiceCommands: CommandGroup = { names: ['practices', 'practice'], stage: 'detect', register: registerPracticeCommands };

function registerPracticeCommands(program: Command): void {
  program
    .command('practices')
    .description('the team\'s practices: status, evidence, spread, star share, last evidence')
    .option('--status <statuses>', `only these statuses (${PRACTICE_STATUSES.join(', ')}; repeatable or comma-separated)`, parseStatuses)
    .option('--team <name>', 'figures from this team\'s stories only (its people and the teams inside it)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc practices', 'svc practices --status adopted,standard', 'svc practices --team "Front desk" --json']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  const practice = program
    .command('practice')
    .description('name, link, adopt and retire practices (repeatable behaviours worth spreading)')
    .addHelpText(
      'after',
      examples(['svc practice add "Explain the next step" --tag next-step', 'svc practice show "Call back the same day"', 'svc practice adopt "Call back the same day" --procedure-file callback.md']),
    );

  practice
    .command('add')
    .description('name a practice; its --tag matchers link existing and future stories to it')
    .argument('<name>', 'the practice, named as a behaviour')
    .option('-d, --description <text>', 'what the behaviour is and why it matters')
    .option('-t, --tag <tags>', 'stories with this tag are evidence (repeatable, or comma-separated)', collectList)
    .option('-p, --phrase <phrase>', 'stories with this behaviour phrase are evidence (repeatable)', collectRepeat)
    .option('--from-stories <ids>', 'name it from one or two example stories, linked by hand (comma-separated)', collectList)
    .option('--json', 'print the new practice as JSON')
    .addHelpText(
      'after',
      examples([
        'svc practice add "Stay on the line until it works" --tag stayed-on --description "Nobody is left to finish a fix alone"',
        'svc practice add "Remember the regulars" --phrase "remember name" --phrase "usual order"',
        'svc practice add "Walk them through it" --from-stories 8,12   # then: svc practice suggest "Walk them through it"',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'add'));

  practice
    .command('suggest')
    .description('"more like this": stories likely to show a practice, or practices a story likely shows')
    .argument('[name]', 'the practice whose likely stories to rank (not yet its evidence)')
    .option('--story <id>', 'rank the practices this story likely shows instead')
    .option('--review', 'confirm (y) or reject (n) each suggested story, in a terminal; rejections are remembered')
    .option('-n, --limit <count>', 'how many (default 10 stories, or 3 practices)', parseCount('--limit', 1, 1000, 10))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples([
        'svc practice suggest "Call back the same day"',
        'svc practice suggest "Call back the same day" --review',
        'svc practice suggest --story 15 --json',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'suggest'));

  practice
    .command('show')
    .description('one practice: matchers, status history, figures, people, evidence (matched or linked by hand)')
    .argument('<name>', 'the practice (name, case-insensitive, or id)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc practice show "Call back the same day"', 'svc practice show 3 --json']))
    .action(lazy(() => import('./handlers.ts'), 'show'));

  practice
    .command('link')
    .description('add stories to a practice\'s evidence by hand')
    .argument('<name>', 'the practice')
    .argument('<story-id...>', 'one or more story ids')
    .option('--json', 'print what was linked as JSON')
    .addHelpText('after', examples(['svc practice link "Stay on the line until it works" 8 12', 'svc practice link 3 1']))
    .action(lazy(() => import('./handlers.ts'), 'link'));

  practice
    .command('unlink')
    .description('take stories out of a practice\'s evidence')
    .argument('<name>', 'the practice')
    .argument('<story-id...>', 'one or more story ids')
    .option('--json', 'print what was unlinked as JSON')
    .addHelpText('after', examples(['svc practice unlink "Call back the same day" 14', 'svc practice unlink 3 1']))
    .action(lazy(() => import('./handlers.ts'), 'unlink'));

  practice
    .command('unphrase')
    .description('remove a phrase matcher (see them with practice show): stories only it linked stop being evidence')
    .argument('<name>', 'the practice')
    .argument('<phrase>', 'the phrase as practice show lists it ("call back"), or as written ("called back")')
    .option('--json', 'print what was removed as JSON')
    .addHelpText('after', examples(['svc practice unphrase "Remember the regulars" "usual order"', 'svc practice show "Remember the regulars"   # its matchers']))
    .action(lazy(() => import('./handlers.ts'), 'unphrase'));

  practice
    .command('rename')
    .description('rename a practice (its evidence, trainings and procedures stay)')
    .argument('<old>', 'the practice')
    .argument('<new>', 'its new name')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc practice rename "call back" "Call back as promised"']))
    .action(lazy(() => import('./handlers.ts'), 'rename'));

  practice
    .command('status')
    .description('move a practice along candidate → adopted → standard → retired (standard: use adopt)')
    .argument('<name>', 'the practice')
    // standard is taken here so the refusal can say how a practice becomes standard.
    .argument('<status>', 'adopted or retired (standard: use adopt)', parseChoice('STATUS', ['adopted', 'retired', 'standard'] as const))
    .option('--force', 'allow a step backwards (e.g. bring a retired practice back)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc practice status "Explain the next step" adopted', 'svc practice status "Call back within the hour" retired', 'svc practice status "Call back within the hour" adopted --force']))
    .action(lazy(() => import('./handlers.ts'), 'status'));

  practice
    .command('adopt')
    .description('make a practice standard with a written procedure; again with new text, a new version')
    .argument('<name>', 'the practice')
    .option('--procedure <text>', 'the procedure text')
    .option('--procedure-file <file>', 'read the procedure from FILE (- for stdin)')
    .option('--review-every <days>', 'review the procedure every N days (default 90, or as before)', parseCount('--review-every', 1, 3_650, 90))
    .option('--force', 'make a retired practice standard again')
    .option('--json', 'print the new version as JSON')
    .addHelpText(
      'after',
      examples([
        'svc practice adopt "Call back the same day" --procedure "1. Note the promised time. 2. Call before it, even without news."',
        'svc practice adopt "Call back the same day" --procedure-file callback.md --review-every 30',
        'svc practice adopt "Call back the same day"      # in a terminal: edit a draft built from its stories',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'adopt'));

  practice
    .command('history')
    .description('a practice\'s procedure versions with dates, and what changed between them')
    .argument('<name>', 'the practice')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc practice history "Call back the same day"', 'svc practice history 3 --json']))
    .action(lazy(() => import('./handlers.ts'), 'history'));

  documentOutputOptions(
    practice
      .command('review')
      .description('review a standard with the evidence: the stories since its current version, each following or going beyond its steps')
      .argument('<name>', 'the practice (a standard with a written procedure)'),
  )
    .option('--confirm', 'reviewed and unchanged: the next review counts from today, no new version')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples([
        'svc practice review "Call back the same day"',
        'svc practice review "Call back the same day" --format html --out review.html',
        'svc practice review "Call back the same day" --confirm',
        'svc practice adopt "Call back the same day"   # write the next version, drafted with the stories that go beyond it',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'review'));

  practice
    .command('ack')
    .description('record that a person read the current version of the practice\'s procedure; a new version asks again')
    .argument('<name>', 'the practice (a standard with a written procedure)')
    .requiredOption('--as <person>', 'who read it')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc practice ack "Call back the same day" --as Ana', 'svc status   # lists who has not read the current version yet']))
    .action(lazy(() => import('./handlers.ts'), 'ack'));

  practice
    .command('retire')
    .description('take a practice out of use and out of the playbook; everything about it is kept')
    .argument('<name>', 'the practice')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc practice retire "Remember the regulars"', 'svc practice retire 3 --json']))
    .action(lazy(() => import('./handlers.ts'), 'retire'));

  practice
    .command('unreject')
    .description('let svc detect suggest a rejected candidate again')
    .argument('<label>', 'the rejected candidate: its label, key or id (see svc detect --show-rejected)')
    .option('--json', 'print what was restored as JSON')
    .addHelpText('after', examples(['svc detect --show-rejected', 'svc practice unreject "greet by name"', 'svc practice unreject 2']))
    .action(lazy(() => import('./handlers.ts'), 'unreject'));
}
