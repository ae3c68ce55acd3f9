// The `chain` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as chain from './chain.ts';
export { unresolved, link } from './link.ts';
