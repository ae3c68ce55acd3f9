// The `customer` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as list from './list.ts';
export * as import from './import.ts';
export * as forget from './forget.ts';
export * as merge from './merge.ts';
export * as rm from './rm.ts';
