import type { Day } from './dates.ts';
import { parsePastDay, toDay } from './dates.ts';
import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';
import { CHANNELS, oneOf, SOURCES, TRIGGERS, type Channel, type CustomerKind, type Source, type Trigger } from './story-fields.ts';
import { checkName } from './names.ts';
import { cleanName, inlineTags, nameKey, normalizeTag, unique } from './text.ts';

export { CHANNELS, CUSTOMER_KINDS, SOURCES, TRIGGERS, oneOf } from './story-fields.ts';
export type { Channel, CustomerKind, Source, Trigger } from './story-fields.ts';

export const MAX_STORY_LENGTH = 20_000;

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
export type StoryDraft = Omit<Story, 'id' | 'uuid' | 'createdAt' | 'updatedAt'>;

/** Story text: required, not blank, at most MAX_STORY_LENGTH characters. */
export function checkStoryText(text: string | undefined): string {
  const trimmed = (text ?? '').normalize('NFC').trim();
  if (!trimmed) throw new ValidationError(messages.emptyStory, messages.emptyStoryHint);
  if (trimmed.length > MAX_STORY_LENGTH) {
    throw new ValidationError(messages.storyTooLong(trimmed.length, MAX_STORY_LENGTH), messages.storyTooLongHint);
  }
  return trimmed;
}

function optionalText(value: string | undefined): string | null {
  const trimmed = value?.normalize('NFC').trim();
  return trimmed ? trimmed : null;
}

/** A tag as typed, normalised; control characters refused. */
export function tagName(tag: string): string {
  return normalizeTag(checkName(tag, 'tag'));
}

/** Distinct names, cleaned, matched case-insensitively; the first spelling wins. */
export function cleanNames(names: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const cleaned = cleanName(checkName(name, 'name'));
    if (cleaned && !byKey.has(nameKey(cleaned))) byKey.set(nameKey(cleaned), cleaned);
  }
  return [...byKey.values()];
}

/** Validates and normalises a new story; inline #tags join the --tag ones. */
export function draftStory(input: StoryInput, now: Date): StoryDraft {
  const text = checkStoryText(input.text);
  const tags = unique([...(input.tags ?? []).map(tagName), ...inlineTags(text)].filter(Boolean));
  return {
    title: optionalText(input.title),
    text,
    occurredOn: input.when === undefined ? toDay(now) : parsePastDay(input.when, now, '--when'),
    staff: cleanNames(input.staff ?? []),
    customer: optionalText(input.customer) === null ? null : cleanName(checkName(input.customer ?? '', 'customer name')),
    customerKind: input.internal ? 'internal' : 'external',
    channel: input.channel === undefined ? null : oneOf(input.channel, CHANNELS, '--channel'),
    source: input.source === undefined ? null : oneOf(input.source, SOURCES, '--source'),
    trigger: input.trigger === undefined ? null : oneOf(input.trigger, TRIGGERS, '--trigger'),
    impact: optionalText(input.impact),
    reportedBy: input.by === undefined || !cleanName(input.by) ? null : cleanName(checkName(input.by, 'name')),
    tags,
  };
}

/**
 * Applies an edit to an existing story: only the fields given change. Tags given
 * replace the old ones; inline #tags of new text are added.
 */
export function applyStoryEdit(story: Story, input: StoryInput, now: Date): StoryDraft {
  const text = input.text === undefined ? story.text : checkStoryText(input.text);
  const baseTags = input.tags === undefined ? story.tags : input.tags.map(tagName);
  return {
    title: input.title === undefined ? story.title : optionalText(input.title),
    text,
    occurredOn: input.when === undefined ? story.occurredOn : parsePastDay(input.when, now, '--when'),
    staff: input.staff === undefined ? story.staff : cleanNames(input.staff),
    customer: input.customer === undefined ? story.customer : optionalText(checkName(input.customer, 'customer name')),
    customerKind: input.internal === undefined ? story.customerKind : input.internal ? 'internal' : 'external',
    channel: input.channel === undefined ? story.channel : oneOf(input.channel, CHANNELS, '--channel'),
    source: input.source === undefined ? story.source : oneOf(input.source, SOURCES, '--source'),
    trigger: input.trigger === undefined ? story.trigger : oneOf(input.trigger, TRIGGERS, '--trigger'),
    impact: input.impact === undefined ? story.impact : optionalText(input.impact),
    reportedBy: input.by === undefined ? story.reportedBy : optionalText(checkName(input.by, 'name')),
    tags: unique([...baseTags, ...(input.text === undefined ? [] : inlineTags(text))].filter(Boolean)),
  };
}

/** Parses a story id as typed: a positive whole number, "#12" accepted. */
export function parseStoryId(value: string): number {
  const text = value.trim().replace(/^#/, '');
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) {
    throw new ValidationError(messages.badId('story', value), messages.badIdHint('story'));
  }
  return Number(text);
}
