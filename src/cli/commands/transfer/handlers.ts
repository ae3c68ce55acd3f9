// The `transfer` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as export from './export.ts';
export * as import from './import.ts';
export * as backup from './backup.ts';
