import { spawnSync } from 'node:child_process';
import { write } from './streams.ts';

/** The pager to show long output through: $SVC_PAGER, else $PAGER, else less; none when set empty or to cat. */
export function pagerCommand(env: Record<string, string | undefined>): string | undefined {
  const command = (env.SVC_PAGER ?? env.PAGER ?? 'less -FRX').trim();
  return command === '' || command === 'cat' ? undefined : command;
}

/**
 * Shows text through the pager (less -F leaves at once when it fits the screen; -R keeps
 * colours; -X leaves it on the screen). A pager that cannot start costs nothing: the text
 * is written as it would have been.
 */
export function showPaged(text: string, command: string, env: Record<string, string | undefined>): void {
  const result = spawnSync(command, { input: text, stdio: ['pipe', 'inherit', 'inherit'], shell: true, env: { ...env, LESS: env.LESS ?? 'FRX' } });
  if (result.error || result.status === 126 || result.status === 127) write('stdout', text);
}
