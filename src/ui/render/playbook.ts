import type { PlaybookEntry } from '../../core/playbook.ts';
import { anchorFor, type Block, type Document, type Section } from './document.ts';
import { procedureBlocks, storyBlocks } from './train.ts';

/** What needs a look in an entry: a review that is due, evidence gone quiet. */
export function entryFlags(entry: PlaybookEntry): string[] {
  const flags: string[] = [];
  if (entry.drifting) flags.push(`drifting: no story has shown it for ${entry.driftWeeks} weeks (the report raises the same alert)`);
  if (entry.dueForReview) flags.push(`review due since ${entry.reviewDueOn} (every ${entry.reviewEveryDays} days): read it with the team and adopt a new version or confirm it`);
  if (entry.noEvidenceSinceAdoption) flags.push(`no new stories show it since it became standard on ${entry.adoptedAt.slice(0, 10)}: is it still practised?`);
  return flags;
}

/** "8 of 11 trained", the coverage a reader looks for first. */
export function trainedLine(entry: PlaybookEntry): string {
  return `${entry.coverage.trained} of ${entry.coverage.people} trained`;
}

function entrySection(entry: PlaybookEntry): Section {
  const blocks: Block[] = entryFlags(entry).map((text) => ({ kind: 'warning', text }));
  if (entry.description) blocks.push({ kind: 'paragraph', text: entry.description });
  blocks.push({
    kind: 'fields',
    fields: [
      ['Version', `${entry.version}, written ${entry.writtenAt.slice(0, 10)}`],
      ['Standard since', entry.adoptedAt.slice(0, 10)],
      ['Next review', entry.reviewDueOn],
      [
        'Training',
        trainedLine(entry) +
          (entry.coverage.trained ? `; ${entry.coverage.adopted} show it in stories since` : ''),
      ],
    ],
  });
  return {
    role: 'practice',
    title: entry.practice,
    anchor: anchorFor(entry.practice),
    blocks,
    sections: [
      { role: 'procedure', title: 'Procedure', blocks: procedureBlocks(entry.procedure, entry.description) },
      {
        role: 'why',
        title: 'Why',
        blocks: entry.why.length ? entry.why.flatMap(storyBlocks) : [{ kind: 'paragraph', text: 'No stories are linked to it yet.' }],
      },
      {
        role: 'coaches',
        title: 'Who can coach',
        blocks: entry.coaches.length
          ? [{ kind: 'list', items: entry.coaches.map((c) => `${c.person} (${c.stories} ${c.stories === 1 ? 'story' : 'stories'}, latest ${c.lastOn})`) }]
          : [{ kind: 'paragraph', text: 'Nobody shows it in a story yet.' }],
      },
    ],
  };
}

/** The team playbook as a document: an overview, then one section per standard practice. */
export function playbookDocument(entries: PlaybookEntry[], today: string): Document {
  const attention = entries.flatMap((e) => entryFlags(e).map((flag) => `${e.practice}: ${flag}`));
  const overview: Section = {
    role: 'overview',
    // An empty playbook has nothing to list: its one heading says so instead of "Contents".
    title: entries.length ? 'Contents' : 'No standard practices yet',
    blocks: entries.length
      ? [
          {
            kind: 'links',
            items: entries.map((e) => ({
              text: e.practice,
              anchor: anchorFor(e.practice),
              note: [`version ${e.version}`, trainedLine(e), ...(e.drifting ? ['drifting'] : [])].join(' · '),
            })),
          },
          ...(attention.length ? [{ kind: 'subheading', text: 'Needs attention' } as Block, { kind: 'list', items: attention } as Block] : []),
        ]
      : [{ kind: 'paragraph', text: 'Make the first with: svc practice adopt NAME --procedure "…"' }],
  };
  return {
    title: 'Team playbook',
    subtitle: `${entries.length} standard ${entries.length === 1 ? 'practice' : 'practices'} · ${today}`,
    sections: [overview, ...entries.map(entrySection)],
  };
}
