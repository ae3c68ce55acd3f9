// The `tags` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as list from './list.ts';
export * as rename from './rename.ts';
export * as merge from './merge.ts';
