import { NotFoundError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { normalizePhrase } from '../../../core/text.ts';
import { matcherLabel } from '../../../core/practice.ts';
import { practiceMatchers, removeMatcher } from '../../../store/practices.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { phraseKeyFunction } from './add.ts';
import { requirePractice } from '../../../app/practice.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const practice = requirePractice(store, options.args[0]);
  const typed = String(options.args[1] ?? '');
  const phrases = practiceMatchers(store.db, practice.id).filter((m) => m.kind === 'phrase');
  // As `practice show` lists it ("call back", "call back (timing)"), else as written in a story ("called back the next day").
  const listed = normalizePhrase(typed);
  let matcher = phrases.find((m) => normalizePhrase(matcherLabel(m)) === listed);
  if (!matcher) {
    const read = (await phraseKeyFunction([typed]))(typed);
    matcher = phrases.find((m) => m.value === read.key && m.qualifier === read.qualifier);
  }
  if (!matcher) throw new NotFoundError(messages.matcherNotFound(practice.name, listed), messages.matcherNotFoundHint(practice.name));
  const removed = matcher;
  const label = matcherLabel(removed);
  const unlinked = store.write(() => removeMatcher(store.db, practice.id, removed, ctx.now().toISOString())) ?? 0;
  if (options.json) ctx.print(JSON.stringify({ practice: practice.name, removed, unlinked }, null, 2));
  ctx.info(
    `${ctx.err.yellow('Removed')} the phrase "${label}" from "${practice.name}": ${unlinked} ${unlinked === 1 ? 'story' : 'stories'} it alone linked ${unlinked === 1 ? 'is' : 'are'} no longer evidence.`,
  );
}
