// The `detect` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as detect from './detect.ts';
export * as reindex from './reindex.ts';
