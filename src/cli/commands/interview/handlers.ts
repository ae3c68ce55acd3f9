// The `interview` commands' handlers, one bundle of the build; runCommand rides along (see ../../run.ts).
export { runCommand } from '../../run.ts';
export * as list from './list.ts';
export * as pick from './pick.ts';
export * as log from './log.ts';
export * as agree from './agree.ts';
export * as decline from './decline.ts';
export * as noreply from './noreply.ts';
export * as show from './show.ts';
export * as link from './link.ts';
export * as unlink from './unlink.ts';
