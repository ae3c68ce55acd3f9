import type { Command } from 'commander';
import type { Context, GlobalOptions } from './context.ts';

/** What every command module exports: one run(options, ctx). */
export interface Handler<O> {
  run(options: O, ctx: Context): Promise<void> | void;
}

/** Options as handlers receive them: the command's flags plus its positional arguments. */
export type WithArgs<O> = O & { args: unknown[] };

/**
 * A commander action that loads its handler (and the context, which loads the store)
 * only when the command runs, so --help and --version stay fast and touch nothing.
 */
export function lazy<O>(load: () => Promise<Handler<WithArgs<O>>>) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received.at(-1) as Command;
    const args = received.slice(0, -2);
    const [{ createContext }, handler] = await Promise.all([import('./context.ts'), load()]);
    const ctx = createContext(command.optsWithGlobals<GlobalOptions>());
    try {
      await handler.run({ ...(command.opts() as O), args }, ctx);
    } catch (error) {
      // SQLite failures mid-command (a full disk, a damaged page) become errors a person can act on.
      const { translateSqliteError } = await import('../store/db.ts');
      throw translateSqliteError(error, ctx.dbPath().path);
    } finally {
      ctx.close();
    }
  };
}

/** The "Examples:" block every command's help ends with. */
export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
