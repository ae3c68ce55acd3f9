// The `assess` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as answer from './answer.ts';
export * as importForm from './import.ts';
export * as results from './results.ts';
export * as questionList from './question-list.ts';
export * as questionAdd from './question-add.ts';
export * as questionRetire from './question-retire.ts';
export * as close from './close.ts';
