import { NotFoundError, UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { closestNames, looseKey, resolveName, type Named, type NamedKind, type ResolveOptions } from '../core/resolve.ts';
import { nameKey } from '../core/text.ts';
import type { Store } from '../store/store.ts';

export type { NamedKind } from '../core/resolve.ts';

const NOT_FOUND: Record<NamedKind, { empty: string; message: (typed: string) => string; hint: string; list: string; plural: string }> = {
  practice: { empty: messages.emptyPracticeName, message: messages.practiceNotFound, hint: messages.practiceNotFoundHint, list: 'list them with: svc practices', plural: 'practices' },
  person: { empty: messages.emptyPersonName, message: messages.personNotFound, hint: messages.personNotFoundHint, list: 'list them with: svc people', plural: 'people' },
  tag: { empty: messages.emptyTagName, message: messages.tagNotFound, hint: messages.tagNotFoundHint, list: 'list them with: svc tags', plural: 'tags' },
  customer: {
    empty: messages.emptyCustomerName,
    message: (typed) => messages.customerNotFound(/^#?\d+$/u.test(typed.trim()) ? `#${typed.trim().replace('#', '')}` : `called "${typed}"`),
    hint: messages.customerNotFoundHint,
    list: 'list them with: svc customers',
    plural: 'customers',
  },
};

/**
 * The one practice, person, tag or customer a typed name stands for: any case, accents
 * optional, the id ("12", "#12") or a unique prefix. None is a NotFoundError (exit 3)
 * suggesting the closest names; several, or an empty name, is a UsageError (exit 2).
 */
export function resolveNamed(store: Store, kind: NamedKind, typed: string, options: ResolveOptions = {}): Named {
  const words = NOT_FOUND[kind];
  // Nothing typed is a mistake in the command line, not a name svc lacks.
  if (typed.trim() === '') throw new UsageError(words.empty, messages.emptyNamedHint(words.list));
  const found = resolveName(typed, store.names.items(kind), options);
  if (found.kind === 'found') return found.item;
  if (found.kind === 'nameOrId') throw new UsageError(messages.nameOrId(typed, kind, found.named, found.byId), messages.nameOrIdHint(found.byId.id, found.named.id));
  if (found.kind === 'ambiguous') {
    // Namesakes (two customers called Dev Patel) only an id tells apart.
    if (kind === 'customer' && found.candidates.every((item) => looseKey(item.name) === looseKey(typed))) {
      const ids = found.candidates.map((item) => item.id);
      throw new UsageError(messages.customerAmbiguous(typed, ids), messages.customerAmbiguousHint(ids));
    }
    throw new UsageError(messages.ambiguousName(typed, words.plural, found.candidates), messages.ambiguousNameHint(found.candidates[0]?.id ?? 1));
  }
  const hint = found.closest.length > 0 ? messages.didYouMean(found.closest.map((item) => item.name), words.list) : words.hint;
  throw new NotFoundError(words.message(typed), hint);
}

/** The names as stored for several typed ones (filters such as --staff and --tag); any unknown one is refused. */
export function resolveNames(store: Store, kind: NamedKind, typed: readonly string[] | undefined): string[] | undefined {
  return typed?.map((name) => resolveNamed(store, kind, name).name);
}

/** What a shell completes a value from: the names of a kind, or the newest stories (id and text) for a story. */
export function completionItems(store: Store, input: { kind: NamedKind | 'story'; stories: number }): Named[] {
  return input.kind === 'story' ? store.names.recentStories(input.stories) : store.names.items(input.kind);
}

/** Every name svc knows of a kind, for prompts that offer them. */
export function knownNames(store: Store, kind: 'person' | 'tag' | 'practice'): string[] {
  if (kind === 'person') return store.people.names();
  if (kind === 'tag') return store.tags.names();
  return store.practices.list().map((p) => p.name);
}

/** The names of these practices, in order (#id for one gone meanwhile). */
export function practiceNames(store: Store, ids: readonly number[]): string[] {
  return ids.map((id) => store.practices.find(String(id))?.name ?? `#${id}`);
}

/** A person a command is about to create, with the closest name of someone already in svc. */
export interface NewPerson {
  name: string;
  near: string | null;
}

/**
 * Of the names a command records (a story's staff, a training's attendees), those of
 * nobody in svc yet, each with the closest name of someone who is: a typo makes a new
 * person, and the person typing should hear so. A close name is offered when the one typed
 * begins it ("an" for "Ana") or is long enough for a typo to be likelier than another
 * person ("Anna" for "Ana"; not "Jo" for "Bo"); never the name itself.
 */
export function newPeopleAmong(store: Store, names: readonly string[]): NewPerson[] {
  const fresh = names.filter((name) => store.people.find(name) === undefined);
  if (fresh.length === 0) return [];
  const everyone = store.people.names().map((name, id) => ({ id, name }));
  const near = (name: string) =>
    closestNames(name, everyone).find(
      (person) => nameKey(person.name) !== nameKey(name) && (looseKey(person.name).startsWith(looseKey(name)) || looseKey(name).length >= 4),
    )?.name ?? null;
  return fresh.map((name) => ({ name, near: near(name) }));
}
