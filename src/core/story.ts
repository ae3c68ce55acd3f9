import type { Day } from './dates.ts';
import { parsePastDay, toDay } from './dates.ts';
import { ValidationError } from './errors.ts';
import { cappedText, refuseNul } from './limits.ts';
import { messages } from './messages.ts';
import { CHANNELS, oneOf, SOURCES, TRIGGERS, type Channel, type CustomerKind, type Source, type Trigger } from './story-fields.ts';
import { checkName } from './names.ts';
import { cleanName, inlineTags, nameKey, normalizeTag, unique } from './text.ts';

export { CHANNELS, CUSTOMER_KINDS, SOURCES, TRIGGERS, oneOf } from './story-fields.ts';
export type { Channel, CustomerKind, Source, Trigger } from './story-fields.ts';

export const MAX_STORY_LENGTH = 20_000;
/** Caps on a story's short fields, the same on the command line and in an import. */
export const MAX_TITLE_LENGTH = 200;
export const MAX_IMPACT_LENGTH = 2_000;
export const MAX_NAME_LENGTH = 100;
export const MAX_CUSTOMER_NAME_LENGTH = 200;
export const MAX_TAG_LENGTH = 60;
export const MAX_NAMES = 50;
export const MAX_TAGS = 50;

/** A story as the rest of the program sees it. */
export interface Story {
  id: number;
  uuid: string;
  title: string | null;
  text: string;
  occurredOn: Day;
  staff: string[];
  customer: string | null;
  customerKind: CustomerKind;
  channel: Channel | null;
  source: Source | null;
  trigger: Trigger | null;
  impact: string | null;
  reportedBy: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** What a person typed for a new story, before validation. */
export interface StoryInput {
  text?: string | undefined;
  staff?: string[] | undefined;
  customer?: string | undefined;
  internal?: boolean | undefined;
  channel?: string | undefined;
  tags?: string[] | undefined;
  when?: string | undefined;
  title?: string | undefined;
  impact?: string | undefined;
  source?: string | undefined;
  trigger?: string | undefined;
  by?: string | undefined;
}

/** A validated story, ready to be stored: a story without its identity and record times. */
export type StoryDraft = Omit<Story, 'id' | 'uuid' | 'createdAt' | 'updatedAt'> & {
  /** The customer by id (`--customer '#12'`): a name may be two customers' (namesakes). */
  customerId?: number | undefined;
};

/** A customer given as "#12" is that customer, by id; anything else is a name. */
export const CUSTOMER_ID = /^#(\d{1,15})$/u;

/** Story text: required, not blank, at most MAX_STORY_LENGTH characters. */
export function checkStoryText(text: string | undefined): string {
  const trimmed = (text ?? '').normalize('NFC').trim();
  if (!trimmed) throw new ValidationError(messages.emptyStory, messages.emptyStoryHint);
  if (trimmed.length > MAX_STORY_LENGTH) {
    throw new ValidationError(messages.storyTooLong(trimmed.length, MAX_STORY_LENGTH), messages.storyTooLongHint);
  }
  return refuseNul(trimmed, 'the story text');
}

/**
 * A person's name cleaned, control characters refused, within MAX_NAME_LENGTH; `flag` and
 * `what` name it in the errors. The one check for every command that writes a person's name.
 */
export function checkedName(name: string, flag: string, what = 'name'): string {
  const cleaned = cleanName(checkName(name, what));
  if (cleaned.length > MAX_NAME_LENGTH) {
    throw new ValidationError(messages.fieldTooLong(flag, cleaned.length, MAX_NAME_LENGTH), messages.fieldTooLongHint);
  }
  return cleaned;
}

/** A tag as typed, normalised, control characters refused, within MAX_TAG_LENGTH; `flag` names it in the error. */
export function checkedTag(tag: string, flag = '--tag'): string {
  const name = tagName(tag);
  if (name.length > MAX_TAG_LENGTH) throw new ValidationError(messages.fieldTooLong(flag, name.length, MAX_TAG_LENGTH), messages.fieldTooLongHint);
  return name;
}

/** Tags normalised, each within MAX_TAG_LENGTH, at most MAX_TAGS of them. */
function checkedTags(tags: readonly string[]): string[] {
  const normalized = unique(tags.map((tag) => checkedTag(tag)).filter(Boolean));
  if (normalized.length > MAX_TAGS) throw new ValidationError(messages.tooMany('--tag', normalized.length, MAX_TAGS), messages.fieldTooLongHint);
  return normalized;
}

/** A tag as typed, normalised; control characters refused. */
export function tagName(tag: string): string {
  return normalizeTag(checkName(tag, 'tag'));
}

/** Distinct names, cleaned, matched case-insensitively; the first spelling wins. */
export function cleanNames(names: readonly string[], flag = '--staff'): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const cleaned = checkedName(name, flag);
    if (cleaned && !byKey.has(nameKey(cleaned))) byKey.set(nameKey(cleaned), cleaned);
  }
  if (byKey.size > MAX_NAMES) throw new ValidationError(messages.tooMany(flag, byKey.size, MAX_NAMES), messages.fieldTooLongHint);
  return [...byKey.values()];
}

/** Given tags, then the text's inline #tags; an inline tag beyond the caps stays text only. */
function withInlineTags(tags: readonly string[], text: string): string[] {
  const inline = inlineTags(text).filter((tag) => tag.length <= MAX_TAG_LENGTH);
  return unique([...tags, ...inline]).slice(0, Math.max(tags.length, MAX_TAGS));
}

/** A story's fields but its text: validated on their own so a guided prompt can refuse bad flags before asking. */
export type StoryFields = Omit<StoryDraft, 'text'>;

/**
 * Validates and normalises every field of a new story but its text. The one set of rules
 * for a story's fields: the command line and an import both go through it.
 */
export function checkStoryFields(input: Omit<StoryInput, 'text'>, now: Date): StoryFields {
  const customer = cappedText(input.customer, '--customer', MAX_CUSTOMER_NAME_LENGTH);
  const by = cappedText(input.by, '--by', MAX_NAME_LENGTH);
  return {
    title: cappedText(input.title, '--title', MAX_TITLE_LENGTH),
    occurredOn: input.when === undefined ? toDay(now) : parsePastDay(input.when, now, '--when', messages.futureDateHint),
    staff: cleanNames(input.staff ?? []),
    customer: customer === null ? null : cleanName(checkName(customer, 'customer name')),
    customerKind: input.internal ? 'internal' : 'external',
    channel: input.channel === undefined ? null : oneOf(input.channel, CHANNELS, '--channel'),
    source: input.source === undefined ? null : oneOf(input.source, SOURCES, '--source'),
    trigger: input.trigger === undefined ? null : oneOf(input.trigger, TRIGGERS, '--trigger'),
    impact: cappedText(input.impact, '--impact', MAX_IMPACT_LENGTH),
    reportedBy: by === null ? null : cleanName(checkName(by, 'name')),
    tags: checkedTags(input.tags ?? []),
  };
}

/** Validates and normalises a new story; inline #tags join the --tag ones. */
export function draftStory(input: StoryInput, now: Date): StoryDraft {
  const text = checkStoryText(input.text);
  const fields = checkStoryFields(input, now);
  return { ...fields, text, tags: withInlineTags(fields.tags, text) };
}

/** The fields an edit writes: only those given appear (a story's fields are replaced, never the whole row). */
export type StoryChanges = Partial<StoryDraft>;

/**
 * Validates the fields an edit gives, each as a new story's would be, before anything is
 * read or written: only the fields given appear. Tags given are the new tags; a new
 * text's inline #tags join them (or the story's own) in storyChanges.
 */
export function checkStoryEdit(input: StoryInput, now: Date): StoryChanges {
  const changes: StoryChanges = {};
  if (input.title !== undefined) changes.title = cappedText(input.title, '--title', MAX_TITLE_LENGTH);
  if (input.text !== undefined) changes.text = checkStoryText(input.text);
  if (input.when !== undefined) changes.occurredOn = parsePastDay(input.when, now, '--when', messages.futureDateHint);
  if (input.staff !== undefined) changes.staff = cleanNames(input.staff);
  if (input.customer !== undefined) changes.customer = cappedText(checkName(input.customer, 'customer name'), '--customer', MAX_CUSTOMER_NAME_LENGTH);
  if (input.internal !== undefined) changes.customerKind = input.internal ? 'internal' : 'external';
  if (input.channel !== undefined) changes.channel = oneOf(input.channel, CHANNELS, '--channel');
  if (input.source !== undefined) changes.source = oneOf(input.source, SOURCES, '--source');
  if (input.trigger !== undefined) changes.trigger = oneOf(input.trigger, TRIGGERS, '--trigger');
  if (input.impact !== undefined) changes.impact = cappedText(input.impact, '--impact', MAX_IMPACT_LENGTH);
  if (input.by !== undefined) changes.reportedBy = cappedText(checkName(input.by, 'name'), '--by', MAX_NAME_LENGTH);
  if (input.tags !== undefined) changes.tags = checkedTags(input.tags);
  return changes;
}

/**
 * What an edit writes on top of the story as it is now: the checked fields, and when the
 * text changes, its inline #tags added to the tags given or, if none were, to the story's.
 */
export function storyChanges(current: Pick<Story, 'tags'>, changes: StoryChanges): StoryChanges {
  if (changes.text === undefined) return changes;
  return { ...changes, tags: withInlineTags(changes.tags ?? current.tags, changes.text) };
}

/**
 * Applies an edit to an existing story: only the fields given change. Tags given
 * replace the old ones; inline #tags of new text are added.
 */
export function applyStoryEdit(story: Story, input: StoryInput, now: Date): StoryDraft {
  const { id: _id, uuid: _uuid, createdAt: _created, updatedAt: _updated, ...fields } = story;
  return { ...fields, ...storyChanges(story, checkStoryEdit(input, now)) };
}

/** Whether two reads of a story show the same story: every field, and when it was last written. */
export function sameStory(a: Story, b: Story): boolean {
  const keys = Object.keys(a) as Array<keyof Story>;
  return keys.length === Object.keys(b).length && keys.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}
