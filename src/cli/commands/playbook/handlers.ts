// `svc playbook`, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as playbook from './playbook.ts';
