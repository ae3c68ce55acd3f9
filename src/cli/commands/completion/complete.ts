import type { Command, Option } from 'commander';
import { looseKey, type Named } from '../../../core/resolve.ts';
import { wholeProgram } from '../../program-tree.ts';
import { completionItems, type NamedKind } from '../../../app/names.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

type ValueKind = NamedKind | 'story';

// Options whose value names something svc knows.
const OPTION_KINDS: Record<string, ValueKind> = {
  '--staff': 'person',
  '--facilitator': 'person',
  '--attendees': 'person',
  '--interviewer': 'person',
  '--by': 'person',
  '--tag': 'tag',
  '--practice': 'practice',
  '--customer': 'customer',
  '--story': 'story',
  '--from-stories': 'story',
};

// What a command's NAME-like argument names, by the command's first word.
const NOUN_KINDS: Record<string, ValueKind> = {
  practice: 'practice',
  practices: 'practice',
  train: 'practice',
  people: 'person',
  tags: 'tag',
  tag: 'tag',
  customer: 'customer',
  customers: 'customer',
  story: 'story',
  stories: 'story',
};
const NAMING_ARGUMENTS = new Set(['name', 'from', 'into', 'id', 'ids', 'story-ids', 'story-id']);
const STORY_IDS = 50;

/** `svc __complete -- WORD… CURRENT`: candidates for the last word, one a line ("value<TAB>description"). */
export async function run(options: WithArgs<Record<string, unknown>>, ctx: Context): Promise<void> {
  const words = ((options.args[0] as string[] | undefined) ?? []).map(String);
  const current = (words.pop() ?? '').replace(/^["']/u, '');
  const candidates = candidatesFor(wholeProgram(), words, current, (kind) => valuesOf(ctx, kind));
  if (candidates.length > 0) ctx.print(candidates.join('\n'));
}

/** What may come next on a command line: a subcommand, an option, or a value svc knows. */
export function candidatesFor(program: Command, words: readonly string[], current: string, values: (kind: ValueKind) => Named[]): string[] {
  const path: Command[] = [program];
  let positional = 0;
  let pending: Option | undefined;
  for (const word of words) {
    const command = path.at(-1) as Command;
    if (pending) {
      pending = undefined;
      continue;
    }
    if (word.startsWith('-')) {
      const option = optionsOf(path).find((o) => o.long === word || o.short === word);
      if (option && (option.required || option.optional)) pending = option;
      continue;
    }
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub && positional === 0) path.push(sub);
    else positional++;
  }
  const command = path.at(-1) as Command;
  if (pending) {
    const kind = OPTION_KINDS[pending.long ?? ''];
    return kind ? named(values(kind), current, kind) : [];
  }
  if (current.startsWith('-')) {
    return optionsOf(path)
      .filter((o) => !o.hidden && o.long?.startsWith(current))
      .map((o) => `${o.long}\t${o.description}`);
  }
  const subcommands = positional === 0
    ? command.commands
        .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
        .flatMap((c) => [c.name(), ...c.aliases()].map((name) => `${name}\t${c.description().split('\n')[0]}`))
        .filter((line) => line.startsWith(current))
    : [];
  const kind = argumentKind(path, positional);
  return [...subcommands, ...(kind ? named(values(kind), current, kind) : [])];
}

function optionsOf(path: readonly Command[]): Option[] {
  return path.flatMap((command) => command.options as Option[]);
}

/** The kind of thing the command's next positional argument names, if any. */
function argumentKind(path: readonly Command[], positional: number): ValueKind | undefined {
  const command = path.at(-1) as Command;
  const args = command.registeredArguments;
  const argument = args[positional] ?? (args.at(-1)?.variadic ? args.at(-1) : undefined);
  if (!argument) return undefined;
  const name = argument.name();
  const byName: Record<string, ValueKind> = { practice: 'practice', customer: 'customer', tag: 'tag', person: 'person', story: 'story' };
  if (byName[name]) return byName[name];
  if (command.name() === 'add' || !NAMING_ARGUMENTS.has(name)) return undefined;
  return NOUN_KINDS[path[1]?.name() ?? ''];
}

/** Names (or story ids) that the typed start fits loosely, each with what identifies it. */
function named(items: readonly Named[], current: string, kind: ValueKind): string[] {
  const key = looseKey(current);
  if (kind === 'story') {
    return items.filter((item) => String(item.id).startsWith(current.replace(/^#/u, ''))).map((item) => `${item.id}\t${oneLine(item.name)}`);
  }
  return items.filter((item) => item.name !== '' && looseKey(item.name).startsWith(key)).map((item) => `${item.name}\t#${item.id}`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** What the database holds of a kind, read-only; a missing database completes nothing (and is not created). */
function valuesOf(ctx: Context, kind: ValueKind): Named[] {
  const store = ctx.readOnlyStore();
  return store ? completionItems(store, { kind, stories: STORY_IDS }) : [];
}
