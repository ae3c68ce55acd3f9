// The `train` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as plan from './plan.ts';
export * as log from './log.ts';
export * as list from './list.ts';
export * as status from './status.ts';
export * as schedule from './schedule.ts';
export * as assign from './assign.ts';
