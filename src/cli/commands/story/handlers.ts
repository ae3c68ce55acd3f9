// The `story` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as list from './list.ts';
export * as show from './show.ts';
export * as edit from './edit.ts';
export * as rm from './rm.ts';
