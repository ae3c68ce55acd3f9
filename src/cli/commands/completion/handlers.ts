// `svc completion` and the hidden `svc __complete`, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as completion from './print.ts';
export * as complete from './complete.ts';
