// The `config` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as get from './get.ts';
export * as set from './set.ts';
export * as list from './list.ts';
export * as path from './path.ts';
