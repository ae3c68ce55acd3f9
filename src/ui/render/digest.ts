/**
 * The digest as a document (text, Markdown, HTML through the shared document renderer,
 * which escapes every piece of user text for its format) and as JSON.
 */
import { programmeSection } from './programme.ts';
import type { Digest } from '../../core/digest.ts';
import { REVIEW_LOOKAHEAD_DAYS } from '../../core/digest.ts';
import { countOf as plural } from '../format.ts';
import type { Block, Document, ListItem, Section } from './document.ts';

/** The opening words of a story, on one line. */
function opening(text: string): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  return [...line].length > 120 ? `${[...line].slice(0, 119).join('')}…` : line;
}

function list(items: ListItem[], none: string): Block {
  return items.length ? { kind: 'list', items } : { kind: 'paragraph', text: none };
}

/** The count, the latest stories, and the one to read aloud. */
function storyBlocks(digest: Digest): Block[] {
  const { stories } = digest;
  const blocks: Block[] = [
    { kind: 'paragraph', text: `${plural(stories.count, 'story', 'stories')} from ${stories.people} of ${plural(stories.activePeople, 'person', 'people')}.` },
  ];
  if (stories.latest.length) {
    const more = stories.count - stories.latest.length;
    blocks.push({
      kind: 'list',
      items: [
        ...stories.latest.map((s) => `#${s.id}, ${s.occurredOn}${s.people.length ? `, ${s.people.join(', ')}` : ''}: ${opening(s.text)}`),
        ...(more > 0 ? [{ text: `and ${more} more`, command: `svc stories --since ${digest.since}` }] : []),
      ],
    });
  }
  if (stories.toRead) {
    blocks.push(
      { kind: 'subheading', text: 'One to read aloud' },
      {
        kind: 'quote',
        text: stories.toRead.text + (stories.toRead.impact ? `\n\nWhat it meant for the customer: ${stories.toRead.impact}` : ''),
        cite: `story #${stories.toRead.id}, ${stories.toRead.occurredOn}${stories.toRead.people.length ? `, ${stories.toRead.people.join(', ')}` : ''}`,
      },
    );
  }
  return blocks;
}

export function digestDocument(digest: Digest): Document {
  const team = digest.team ?? 'Team';
  const { interviews } = digest;
  const sections: Section[] = [
    {
      role: 'due',
      title: 'To do',
      blocks: [list(digest.due.map((item) => ({ text: item.text, command: item.command })), 'Nothing is due.')],
    },
    { role: 'stories', title: 'New stories', blocks: storyBlocks(digest) },
    {
      role: 'suggestions',
      title: 'Practices not yet agreed',
      blocks: [list(digest.suggestions.map((s) => `${s.name} (${plural(s.stories, 'story', 'stories')})`), 'None waiting.')],
    },
    { role: 'drifting', title: 'Practices drifting', blocks: [list(digest.drifting, 'None: every standard practice has fresh evidence.')] },
    {
      role: 'reviews',
      title: 'Procedures due for review',
      blocks: [
        list(
          digest.procedureReviews.map((p) => `${p.practice}, version ${p.version}: ${p.due ? 'due since' : 'due on'} ${p.dueOn}`),
          `None in the next ${REVIEW_LOOKAHEAD_DAYS} days.`,
        ),
      ],
    },
    {
      role: 'interviews',
      title: 'Interviews',
      blocks: [
        {
          kind: 'fields',
          fields: [
            ['Planned', String(interviews.planned)],
            ['Overdue', interviews.overdue.length ? interviews.overdue.map((i) => `#${i.id} (planned ${i.plannedOn})`).join(', ') : 'none'],
            ['Held in this period', String(interviews.held)],
            ['Next round', interviews.roundDue ? `due now (svc interview pick)` : interviews.nextRoundOn],
          ],
        },
      ],
    },
    { role: 'training', title: 'Trainings due', blocks: [list(digest.trainingsDue, 'None: every agreed practice has been trained.')] },
    {
      role: 'sessions',
      title: 'Training sessions planned',
      blocks: [
        list(
          digest.trainingSessions.map(
            (s) => `${s.practice}: ${s.plannedOn}${s.startsAt ? ` at ${s.startsAt}` : ''}${s.facilitator ? `, run by ${s.facilitator}` : ''}`,
          ),
          `None in the next ${REVIEW_LOOKAHEAD_DAYS} days.`,
        ),
      ],
    },
    ...(digest.programme ? [programmeSection(digest.programme)] : []),
    { role: 'quiet', title: 'People with no story yet', blocks: [list(digest.peopleWithoutStories, 'None: everyone is in a story.')] },
    {
      role: 'meeting',
      title: 'Next meeting',
      blocks: [{ kind: 'paragraph', text: `${digest.nextMeeting.weekday[0]?.toUpperCase()}${digest.nextMeeting.weekday.slice(1)} ${digest.nextMeeting.on} at ${digest.nextMeeting.time}.` }],
    },
  ];
  return { title: `${team} digest`, subtitle: `${digest.since} to ${digest.until}`, sections };
}

/** The digest as documented JSON: the view model as it is. */
export function digestJson(digest: Digest): string {
  return JSON.stringify(digest, null, 2);
}
