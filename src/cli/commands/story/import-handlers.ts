// `svc stories import`, a bundle of its own: it loads csv-parse, which no other story command needs.
export { runCommand } from '../../run.ts';
export * as importStories from './import.ts';
