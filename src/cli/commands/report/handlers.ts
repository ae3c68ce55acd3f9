// The `report` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as report from './report.ts';
export * as meetingHeld from './meeting-held.ts';
export * as meetingList from './meeting-list.ts';
export * as status from './status.ts';
export * as demo from './demo.ts';
