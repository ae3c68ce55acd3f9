// `svc story add` alone, one bundle of the build: the command typed seconds after a great
// interaction loads no table renderer or list code. runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as add from './add.ts';
