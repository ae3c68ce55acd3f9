import type { Command } from 'commander';
import { DEFAULT_COOLDOWN_DAYS, DEFAULT_PICK_COUNT, INTERVIEW_STATUSES } from '../../../core/choices.ts';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { collectList, parseChoice, parseCount } from '../../options.ts';

export const interviewCommands: CommandGroup = { names: ['interview', 'interviews'], stage: 'listen', register: registerInterviewCommands };

function registerInterviewCommands(program: Command): void {
  const interview = program
    .command('interview')
    .alias('interviews')
    .description('call three customers, ask three questions, hear what they say')
    .addHelpText('after', examples(['svc interview pick --for Dee', 'svc interview agree 7 --on tomorrow --at 10:30 --phone "+44 20 7946 0000"', 'svc interview log 7']));

  interview
    .command('list', { isDefault: true })
    .description('list interviews, planned ones first (the default)')
    .option('--status <status>', `only ${INTERVIEW_STATUSES.join(', ')}`, parseChoice('--status', INTERVIEW_STATUSES))
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc interviews', 'svc interview list --status planned', 'svc interviews --status done --json']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  interview
    .command('pick')
    .description('pick customers at random to call, plan the calls, and print who to contact with an invitation')
    .option('-n, --count <n>', `how many customers (default ${DEFAULT_PICK_COUNT})`, parseCount('--count', 1, 100, 3))
    .option('--for <name>', 'the member of staff who will call them')
    .option('--segment <segment>', 'only customers in this segment')
    .option('--cooldown <days>', `skip customers contacted in the last DAYS days (default ${DEFAULT_COOLDOWN_DAYS})`, parseCount('--cooldown', 0, 3_650, 180))
    .option('--seed <n>', 'a number that makes the random pick reproducible', parseCount('--seed', 0, 4_294_967_295, 42))
    .option('--json', 'print the planned interviews, with contact details, as JSON')
    .addHelpText(
      'after',
      examples(['svc interview pick --for Ana', 'svc interview pick --count 5 --segment retail --for Bo', 'svc interview pick --seed 42 --json']),
    )
    .action(lazy(() => import('./handlers.ts'), 'pick'));

  interview
    .command('log')
    .description('record how a call went: the three answers, or that they declined')
    .argument('[id]', 'the interview id (in a terminal, leave it out to choose)')
    .option('--learned <answer>', 'How did you learn about us?')
    .option('--liked <answer>', 'What do you like or enjoy most about the service?')
    .option('--change <answer>', 'If you could change one thing, what would it be?')
    .option('--declined', 'they declined the call')
    .option('--note <text>', 'anything else worth keeping')
    .option('--on <date>', 'when the call happened (default: today)')
    .option('--as-story', 'also save what they liked as a story crediting the staff it names (source: interview)')
    .option('-s, --staff <names>', 'with --as-story: who they were praising, if the answer does not say', collectList)
    .option('--confirms <practices>', 'practices what they liked confirms (name or id; repeatable), beside those svc links by itself', collectList)
    .option('--json', 'print the logged interview as JSON')
    .addHelpText(
      'after',
      examples([
        'svc interview log 8',
        'svc interview log 9 --learned "a friend" --liked "Ana always calls me back" --change "longer opening hours" --as-story',
        'svc interview log 10 --declined --note "busy until June"',
        'svc interview log 11 --liked "someone always calls back the same day" --confirms "Call back the same day"',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'log'));

  interview
    .command('agree')
    .description('record the day, time and number an invited customer agreed to be called on')
    .argument('<id>', 'the interview id')
    .option('--on <date>', 'the day of the call (YYYY-MM-DD, today, tomorrow, monday, "next monday")')
    .option('--at <time>', 'the time of the call, HH:MM')
    .option('--phone <number>', 'the number they gave')
    .option('--contact <text>', 'another way to reach them, instead of a phone number')
    .option('--json', 'print the interview as JSON')
    .addHelpText(
      'after',
      examples([
        'svc interview agree 12 --on "next tuesday" --at 10:30 --phone "+44 20 7946 0000"',
        'svc interview agree 13 --on tomorrow --at 16:00 --contact "Teams: j.doe@example.com"',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'agree'));

  interview
    .command('decline')
    .description('close an invited or agreed call: the customer said no')
    .argument('<id>', 'the interview id')
    .option('--json', 'print the interview as JSON')
    .addHelpText('after', examples(['svc interview decline 13', 'svc interview log 14 --declined --note "busy until June"']))
    .action(lazy(() => import('./handlers.ts'), 'decline'));

  interview
    .command('noreply')
    .description('close an invited call the customer never answered')
    .argument('<id>', 'the interview id')
    .option('--json', 'print the interview as JSON')
    .addHelpText('after', examples(['svc interview noreply 15', 'svc interviews --status no_reply']))
    .action(lazy(() => import('./handlers.ts'), 'noreply'));

  interview
    .command('show')
    .description('show one interview: where it stands, the agreed call, the answers, and the invitation to send')
    .argument('<id>', 'the interview id')
    .option('--json', 'print the interview and its invitation as JSON')
    .addHelpText('after', examples(['svc interview show 12', 'svc interview show 12 --json']))
    .action(lazy(() => import('./handlers.ts'), 'show'));

  interview
    .command('link')
    .description('link a held call to the practices its answer "what do you like most" confirms (shown in practice show and the report)')
    .argument('<id>', 'the interview id')
    .argument('<practices...>', 'the practices it confirms (name or id)')
    .option('--json', 'print the interview as JSON')
    .addHelpText('after', examples(['svc interview link 8 "Call back the same day"', 'svc interview link 8 2 5 --json', 'svc practice show "Call back the same day"   # the customers who confirmed it']))
    .action(lazy(() => import('./handlers.ts'), 'link'));

  interview
    .command('unlink')
    .description('remove the link between a held call and a practice it does not confirm after all')
    .argument('<id>', 'the interview id')
    .argument('<practice>', 'the practice (name or id)')
    .option('--json', 'print the interview as JSON')
    .addHelpText('after', examples(['svc interview unlink 8 "Call back the same day"', 'svc interview show 8   # its links']))
    .action(lazy(() => import('./handlers.ts'), 'unlink'));
}
