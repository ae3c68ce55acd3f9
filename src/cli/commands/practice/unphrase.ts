import { NotFoundError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { normalizePhrase } from '../../../core/text.ts';
import { practiceMatchers, removeMatcher } from '../../../store/practices.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { phraseKeyFunction } from './add.ts';
import { requirePractice } from '../../../app/practice.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const practice = requirePractice(store, options.args[0]);
  const typed = String(options.args[1] ?? '');
  const phrases = practiceMatchers(store.db, practice.id).filter((m) => m.kind === 'phrase').map((m) => m.value);
  // As `practice show` lists it ("call back"), else as written in a story ("called back").
  let value = normalizePhrase(typed);
  if (!phrases.includes(value)) value = (await phraseKeyFunction([typed]))(typed);
  if (!phrases.includes(value)) throw new NotFoundError(messages.matcherNotFound(practice.name, normalizePhrase(typed)), messages.matcherNotFoundHint(practice.name));
  const unlinked = store.write(() => removeMatcher(store.db, practice.id, { kind: 'phrase', value }, ctx.now().toISOString())) ?? 0;
  if (options.json) ctx.print(JSON.stringify({ practice: practice.name, removed: { kind: 'phrase', value }, unlinked }, null, 2));
  ctx.info(
    `${ctx.err.yellow('Removed')} the phrase "${value}" from "${practice.name}": ${unlinked} ${unlinked === 1 ? 'story' : 'stories'} it alone linked ${unlinked === 1 ? 'is' : 'are'} no longer evidence.`,
  );
}
