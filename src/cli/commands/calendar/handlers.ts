// The `calendar` command's handler, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as calendar from './calendar.ts';
