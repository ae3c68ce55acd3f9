import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';

export const completionCommands: CommandGroup = { names: ['completion', '__complete'], stage: 'setup', register: registerCompletionCommands };

function registerCompletionCommands(program: Command): void {
  program
    .command('completion')
    .description('the shell completion script for bash, zsh or fish: commands, options, practices, people, tags, customers, story ids')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText(
      'after',
      examples([
        'echo \'eval "$(svc completion bash)"\' >> ~/.bashrc',
        'echo \'eval "$(svc completion zsh)"\' >> ~/.zshrc',
        'svc completion fish > ~/.config/fish/completions/svc.fish',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'completion'));

  // What the completion scripts call for each TAB: not for people, so not in help.
  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(lazy(() => import('./handlers.ts'), 'complete'));
}
