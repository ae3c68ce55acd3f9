// The `signal` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as list from './list.ts';
export * as import from './import.ts';
