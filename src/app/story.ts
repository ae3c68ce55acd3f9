import { isVaguePraise } from '../core/vague.ts';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Practice } from '../core/practice.ts';
import { FORGOTTEN_CUSTOMER } from '../core/customer.ts';
import { checkStoryEdit, CUSTOMER_ID, sameStory, storyChanges, type Story, type StoryChanges, type StoryDraft, type StoryInput } from '../core/story.ts';
import type { ImportedRow, RowProblem } from '../core/story-import.ts';
import { unique } from '../core/text.ts';
import { parseId } from '../core/ids.ts';
import { newPeopleAmong, type NewPerson } from './names.ts';
import { requirePractice } from './practice.ts';
import type { Store } from '../store/store.ts';

/**
 * Stores a story and links it to every practice whose tags or phrases it matches: the
 * one way a story enters svc (add, edit, interview log, import, demo). Call inside
 * store.transaction(), so that a story is never seen unlinked.
 */
export function insertLinkedStory(store: Store, draft: StoryDraft, now: string): number {
  const id = store.stories.insert(draft, now);
  store.practices.relinkStory(id, now);
  return id;
}

/** The story with the id as typed ("12" or "#12"), or a NotFoundError. */
export function requireStory(store: Store, typedId: unknown): Story {
  const id = parseId('story', String(typedId));
  const story = store.stories.get(id);
  if (!story) throw new NotFoundError(messages.storyNotFound(id), messages.storyNotFoundHint);
  return story;
}

/** Of these stories, those that praise without saying what was done: they show no practice. */
export function vagueStoryIds(store: Store, ids: readonly number[]): number[] {
  return store.stories.byIds([...ids]).filter((story) => isVaguePraise(story.text)).map((story) => story.id);
}

/** The practices named (by name or id), each found before anything is saved. */
export function requirePractices(store: Store, names: readonly string[]): Practice[] {
  return unique(names.map((name) => name.trim()).filter(Boolean)).map((name) => requirePractice(store, name));
}

export interface NewStory {
  draft: StoryDraft;
  /** Practices a person linked it to: evidence of the highest standing, never undone by detection. */
  practiceIds: readonly number[];
  /** The story's vector when the encoder already made one (at capture). */
  vector?: Uint8Array | undefined;
}

/**
 * The draft with a customer given by id ("#12") found: that customer's name and kind,
 * and the id, so that a story is linked to the one of two namesakes the person meant.
 * An id svc does not know, or a forgotten customer's, is a NotFoundError (exit 3).
 */
export function withCustomerById<T extends StoryChanges>(store: Store, draft: T): T {
  const byId = draft.customer === null || draft.customer === undefined ? null : CUSTOMER_ID.exec(draft.customer);
  if (!byId) return draft;
  const customer = store.customers.get(Number(byId[1]));
  if (!customer || customer.forgotten) throw new NotFoundError(messages.customerNotFound(`#${byId[1]}`), messages.customerNotFoundHint);
  return { ...draft, customer: customer.name, customerKind: customer.kind, customerId: customer.id };
}

/** Whether a row names its customer by id ("#12"), so that the import must look it up. */
export function namesCustomerById(row: ImportedRow): boolean {
  return row.draft.customer !== null && CUSTOMER_ID.test(row.draft.customer);
}

/**
 * Import rows with each customer given by id ("#12") found, as `story add --customer '#12'`
 * finds it; a row naming an id svc does not know (or a forgotten customer's) is a bad row,
 * reported with the others before anything is stored.
 */
export function withImportCustomers(store: Store | undefined, rows: readonly ImportedRow[]): { rows: ImportedRow[]; problems: RowProblem[] } {
  const found: ImportedRow[] = [];
  const problems: RowProblem[] = [];
  for (const row of rows) {
    try {
      if (namesCustomerById(row) && !store) throw new NotFoundError(messages.customerNotFound(row.draft.customer ?? ''), messages.customerNotFoundHint);
      found.push(namesCustomerById(row) && store ? { ...row, draft: withCustomerById(store, row.draft) } : row);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      problems.push({ line: row.line, reason: error.message, ambiguousDate: false });
    }
  }
  return { rows: found, problems };
}

/**
 * When a story's customer was given by a name that two customers or more have, which one
 * it went to (the oldest) and the others, so the person can say which was meant.
 */
export function namesakesOf(store: Store, draft: StoryDraft): { name: string; linked: number; others: number[] } | null {
  if (draft.customer === null || draft.customerId !== undefined || CUSTOMER_ID.test(draft.customer)) return null;
  const [linked, ...others] = store.customers.idsByName(draft.customer, draft.customerKind);
  return linked !== undefined && others.length > 0 ? { name: draft.customer, linked, others } : null;
}

/** The customers a story's customer name could be, to ask which (ids with what tells them apart). */
export function namesakeChoices(store: Store, namesakes: { linked: number; others: number[] }): Array<{ id: number; label: string }> {
  return [namesakes.linked, ...namesakes.others].flatMap((id) => {
    const customer = store.customers.get(id);
    if (!customer) return [];
    const stories = store.customers.references(id)['stories.customer_id'] ?? 0;
    const details = [
      customer.segment,
      customer.externalId,
      `${stories} ${stories === 1 ? 'story' : 'stories'}`,
      customer.lastContactedOn ? `last contacted ${customer.lastContactedOn}` : null,
    ].filter(Boolean);
    return [{ id, label: [`#${id} ${customer.name}`, ...details].join(' · ') }];
  });
}

/**
 * The staff a story credits who are not in svc yet (saving it creates them), each with the
 * closest name of someone who is. Read inside the transaction that saves the story, so that
 * of several saving at once only the one that creates the person says so. A team's first
 * story creates its first people, and there is nobody to mistake them for.
 */
export function newStaffOf(store: Store, draft: Pick<StoryDraft, 'staff'>): NewPerson[] {
  return store.people.names().length === 0 ? [] : newPeopleAmong(store, draft.staff);
}

/** Saves a new story with its links, in one transaction; returns it as stored. */
export function saveStory(store: Store, input: NewStory, now: Date): Story {
  return addStory(store, input, now).story;
}

/**
 * Saves a new story with its links, in one transaction; returns it as stored, and the
 * people it created (found in that transaction: another svc saving meanwhile cannot make
 * two processes say they created the same person).
 */
export function addStory(store: Store, input: NewStory, now: Date): { story: Story; newStaff: NewPerson[] } {
  const at = now.toISOString();
  const draft = withCustomerById(store, input.draft);
  const { id, newStaff } = store.transaction(() => {
    const created = newStaffOf(store, draft);
    const storyId = insertLinkedStory(store, draft, at);
    for (const practiceId of unique([...input.practiceIds])) store.practices.link(practiceId, storyId, 'manual', at);
    if (input.vector) store.vectors.saveStoryVectors([{ storyId, vector: input.vector }]);
    return { id: storyId, newStaff: created };
  });
  return { story: storedStory(store, id), newStaff };
}

/** Links a saved story to practices by hand (a person's link outranks a matcher's), in one transaction. */
export function linkStoryByHand(store: Store, input: { storyId: number; practiceIds: readonly number[] }, now: Date): void {
  const at = now.toISOString();
  store.transaction(() => {
    for (const practiceId of unique([...input.practiceIds])) store.practices.link(practiceId, input.storyId, 'manual', at);
  });
}

export interface StoryEdit {
  /** The story as read before the edit: its id, and what the person saw. */
  story: Story;
  changes: StoryInput;
  /**
   * The person wrote the changes looking at `story` (in $EDITOR, at a prompt): refuse them if
   * the story changed since, rather than write back what they saw over someone else's change
   * (a forgotten customer's name among it). Flag edits leave it out: their fields go on top
   * of the story as it is when written.
   */
  refuseIfChanged?: boolean;
}

/**
 * Writes the changed fields over the story as it is now, and relinks it, in one
 * transaction that reads it first; returns it as stored. A stale edit (refuseIfChanged) is
 * a ConflictError, with nothing written.
 */
export function editStory(store: Store, input: StoryEdit, now: Date): Story {
  const id = input.story.id;
  const checked = checkStoryEdit(input.changes, now); // every check of what was typed happens before the write
  const at = now.toISOString();
  store.transaction(() => {
    const current = store.stories.lock(id);
    if (!current) {
      if (input.refuseIfChanged) throw new ConflictError(messages.storyGoneMeanwhile(id), messages.storyNotFoundHint);
      throw new NotFoundError(messages.storyNotFound(id), messages.storyNotFoundHint);
    }
    if (input.refuseIfChanged && !sameStory(current, input.story)) {
      const forgotten = current.customer === FORGOTTEN_CUSTOMER && input.story.customer !== FORGOTTEN_CUSTOMER;
      throw new ConflictError(messages.storyChangedMeanwhile(id, forgotten), messages.storyChangedMeanwhileHint(id));
    }
    store.stories.update(id, withCustomerById(store, storyChanges(current, checked)), at);
    store.practices.relinkStory(id, at);
  });
  return storedStory(store, id);
}

export interface StoryImport {
  /** Rows already checked, in file order. */
  rows: readonly ImportedRow[];
  /** Say what would be stored, store nothing. */
  dryRun: boolean;
  /** Hears of each stored row: done so far, out of the rows to store. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface StoryImportResult {
  /** The rows stored (or that would be, on a dry run, with story null), in file order. */
  stored: Array<ImportedRow & { id: number | null; story: Story | null }>;
  /** File lines whose content was imported before. */
  alreadyImported: number[];
}

/**
 * Stores the rows not imported before (the same row twice in one file is one story), in one
 * transaction. A dry run may be given no store: a database that does not exist yet knows no rows.
 */
export function importStories(store: Store | undefined, input: StoryImport, now: Date): StoryImportResult {
  const fresh = () => {
    const known = store ? store.storyImports.knownKeys(input.rows.map((row) => row.key)) : new Set<string>();
    const rows: ImportedRow[] = [];
    const alreadyImported: number[] = [];
    for (const row of input.rows) {
      if (known.has(row.key)) alreadyImported.push(row.line);
      else {
        known.add(row.key);
        rows.push(row);
      }
    }
    return { rows, alreadyImported };
  };
  if (input.dryRun) {
    const { rows, alreadyImported } = fresh();
    return { stored: rows.map((row) => ({ ...row, id: null, story: null })), alreadyImported };
  }
  if (!store) throw new Error('an import that stores rows needs the database');
  const at = now.toISOString();
  const { ids, rows, alreadyImported } = store.transaction(() => {
    const found = fresh();
    const stored = found.rows.map((row, i) => {
      const id = insertLinkedStory(store, row.draft, at);
      store.storyImports.record(row.key, id, at);
      input.onProgress?.(i + 1, found.rows.length);
      return id;
    });
    return { ...found, ids: stored };
  });
  return { stored: rows.map((row, i) => ({ ...row, id: ids[i] ?? null, story: storedStory(store, ids[i] ?? 0) })), alreadyImported };
}

/** Deletes a story and its links. */
export function removeStory(store: Store, story: Pick<Story, 'id'>, now: Date): void {
  store.transaction(() => store.stories.remove(story.id, now.toISOString()));
}

function storedStory(store: Store, id: number): Story {
  const story = store.stories.get(id);
  if (!story) throw new Error(`story #${id} vanished after saving`);
  return story;
}
