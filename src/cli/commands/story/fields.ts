import { UsageError } from '../../../core/errors.ts';
import type { StoryInput } from '../../../core/story.ts';

/** The story flags shared by add and edit. */
export interface StoryFieldOptions {
  staff?: string[];
  customer?: string;
  internal?: boolean;
  external?: boolean;
  channel?: string;
  tag?: string[];
  when?: string;
  title?: string;
  impact?: string;
  source?: string;
  trigger?: string;
  by?: string;
  json?: boolean;
}

/** The flags as story fields; only the flags given appear. */
export function storyInputFromOptions(options: StoryFieldOptions): StoryInput {
  if (options.internal && options.external) {
    throw new UsageError('--internal and --external cannot both be given', 'pick one: --internal for a colleague, --external for a client');
  }
  const input: StoryInput = {};
  if (options.staff !== undefined) input.staff = options.staff;
  if (options.customer !== undefined) input.customer = options.customer;
  if (options.internal) input.internal = true;
  if (options.external) input.internal = false;
  if (options.channel !== undefined) input.channel = options.channel;
  if (options.tag !== undefined) input.tags = options.tag;
  if (options.when !== undefined) input.when = options.when;
  if (options.title !== undefined) input.title = options.title;
  if (options.impact !== undefined) input.impact = options.impact;
  if (options.source !== undefined) input.source = options.source;
  if (options.trigger !== undefined) input.trigger = options.trigger;
  if (options.by !== undefined) input.by = options.by;
  return input;
}

