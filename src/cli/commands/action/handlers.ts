// The `action` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as list from './list.ts';
export * as add from './add.ts';
export * as done from './done.ts';
export * as show from './show.ts';
