// The `people` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as list from './list.ts';
export * as show from './show.ts';
export * as rename from './rename.ts';
export * as merge from './merge.ts';
export { activate, deactivate } from './active.ts';
export * as rm from './rm.ts';
export * as edit from './edit.ts';
export { list as teamList, edit as teamEdit } from './teams.ts';
export * as succession from './succession.ts';
