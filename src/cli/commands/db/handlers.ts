// The `db` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as init from './init.ts';
export * as path from './path.ts';
export * as check from './check.ts';
export * as copy from './copy.ts';
