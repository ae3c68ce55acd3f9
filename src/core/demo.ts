/**
 * The demo team (data/demo-team.json): a fictional team's stories written for svc. Dates
 * are counted back from the day the demo is built, so the demo always looks current.
 */
import { shiftDay, type Day } from './dates.ts';
import type { PracticeStatus } from './practice.ts';
import type { Channel, Source, StoryDraft, Trigger } from './story.ts';
import { unique } from './text.ts';

export interface DemoStory {
  daysAgo: number;
  staff: string[];
  tags: string[];
  channel: Channel;
  trigger: Trigger;
  text: string;
  impact?: string;
  internal?: boolean;
  customer?: string;
  source?: Source;
  title?: string;
}

export interface DemoData {
  team: string;
  people: Array<{ name: string; role: string }>;
  stories: DemoStory[];
  practices: Array<{
    name: string;
    tag: string;
    status: PracticeStatus;
    description: string;
    adoptedDaysAgo?: number;
    procedure?: string;
  }>;
  trainings: Array<{ practice: string; daysAgo: number; facilitator: string; attendees: string[]; notes: string }>;
  /** Teams, their people and leader; a team may sit inside a parent listed before it. */
  teams: Array<{ name: string; parent?: string; people: string[]; leader?: string }>;
  /** Training assignments due `dueInDays` from the demo's day (negative: overdue). */
  assignments: Array<{ practice: string; people: string[]; dueInDays: number }>;
  /** Who read the current procedure of a practice. */
  acknowledgements: Array<{ practice: string; people: string[] }>;
  meetings: Array<{ daysAgo: number; notes: string }>;
  customers: Array<{ name: string }>;
  interviews: Array<{
    customer: string;
    interviewer: string;
    status: 'planned' | 'done' | 'declined';
    daysAgo: number;
    learned?: string;
    liked?: string;
    change?: string;
    /** A planned call the customer agreed to, `inDays` from the demo's day. */
    agreed?: { inDays: number; at: string; phone: string };
  }>;
  /** Outcome signals about a practice: readings of one measure. */
  signals?: Array<{ practice: string; measure: string; readings: Array<{ daysAgo: number; value: number }> }>;
  /** Self-assessment rounds: each person's scores by question key, and notes. */
  assessments?: Array<{
    openedDaysAgo: number;
    /** Closed early to debrief; absent while the round is open. */
    closedDaysAgo?: number;
    responses: Array<{ person: string; scores: Record<string, number>; notes?: Record<string, string> }>;
  }>;
  /** Actions from what a customer would change (their interview's answer, unless text is given). */
  actions?: Array<{ customer: string; owner: string; dueInDays: number; text?: string; doneDaysAgo?: number }>;
}

/** A demo story as a validated draft, dated `daysAgo` before today. */
export function demoStoryDraft(story: DemoStory, today: Day): StoryDraft {
  return {
    title: story.title ?? null,
    text: story.text,
    occurredOn: shiftDay(today, -story.daysAgo),
    staff: story.staff,
    customer: story.customer ?? null,
    customerKind: story.internal ? 'internal' : 'external',
    channel: story.channel,
    source: story.source ?? 'observed',
    trigger: story.trigger,
    impact: story.impact ?? null,
    reportedBy: null,
    tags: unique(story.tags),
  };
}
