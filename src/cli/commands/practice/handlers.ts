// The `practice` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as list from './list.ts';
export * as add from './add.ts';
export * as suggest from './suggest.ts';
export * as show from './show.ts';
export * as link from './link.ts';
export * as unlink from './unlink.ts';
export * as unphrase from './unphrase.ts';
export * as rename from './rename.ts';
export * as status from './status.ts';
export * as adopt from './adopt.ts';
export * as history from './history.ts';
export * as retire from './retire.ts';
export * as unreject from './unreject.ts';
export * as ack from './ack.ts';
export * as review from './review.ts';
