import type { Command } from 'commander';

// Completion needs every command of svc, and svc's commands include completion: the
// program registers its builder here so that completion reaches it without an import
// circle. The builder is kept under a global symbol because the program and the
// completion handlers are built into separate bundles, each with its own copy of this
// module.
const BUILDER = Symbol.for('svc.programBuilder');
type WithBuilder = typeof globalThis & { [BUILDER]?: () => Command };

export function setProgramBuilder(build: () => Command): void {
  (globalThis as WithBuilder)[BUILDER] = build;
}

/** The whole command tree, every group registered. */
export function wholeProgram(): Command {
  const build = (globalThis as WithBuilder)[BUILDER];
  if (!build) throw new Error('the command tree was asked for before the program was built');
  return build();
}
