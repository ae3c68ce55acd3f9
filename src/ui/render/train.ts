import { PROCEDURE_HEADINGS, parseProcedure } from '../../core/procedure.ts';
import type { MatrixColumn, MatrixState, TrainingPlan } from '../../core/training.ts';
import type { Story } from '../../core/story.ts';
import type { Look } from '../look.ts';
import { fitColumns, tableWidth } from '../fit.ts';
import { renderTable, renderTableBlock } from '../table.ts';
import { formatDay } from '../format.ts';
import { oneLine, truncate } from '../text.ts';
import type { Block, Document, Section } from './document.ts';
import { percent } from '../format.ts';

/** How a quoted story is credited: "#12 · Ana · 2026-03-02 · phone". */
export function storyCite(story: Story): string {
  return [`story #${story.id}`, story.staff.join(', ') || 'unnamed', story.occurredOn, story.channel, story.customer ? `for ${story.customer}` : null]
    .filter(Boolean)
    .join(' · ');
}

/** A quoted story, with its impact when one was noted. */
export function storyBlocks(story: Story): Block[] {
  const blocks: Block[] = [{ kind: 'quote', text: story.text, cite: storyCite(story) }];
  if (story.impact) blocks.push({ kind: 'paragraph', text: `Impact: ${story.impact}` });
  return blocks;
}

/**
 * The procedure as numbered steps when it is written as steps, its summary and why beside
 * them; else as written. `shown` is text the page already shows (the practice's
 * description, which the first draft's summary repeats): the summary is left out then.
 */
export function procedureBlocks(procedure: string, shown?: string | null): Block[] {
  const parts = parseProcedure(procedure);
  if (!parts.steps?.length) return [{ kind: 'pre', text: procedure }];
  const blocks: Block[] = [];
  if (parts.lead && parts.lead !== shown?.trim()) blocks.push({ kind: 'paragraph', text: parts.lead });
  blocks.push({ kind: 'list', ordered: true, items: parts.steps });
  if (parts.why.length) blocks.push({ kind: 'subheading', text: PROCEDURE_HEADINGS.why.replace(/:$/u, '') }, { kind: 'list', items: parts.why });
  return blocks;
}

/** Blank rows under the names, for those who join on the day. */
const SIGN_IN_SPARE_ROWS = 4;

/** The training brief as a document, for any of the three formats. */
export function trainingPlanDocument(plan: TrainingPlan, today: string): Document {
  const f = plan.figures;
  const why: Block[] = [];
  if (plan.warning) why.push({ kind: 'warning', text: plan.warning });
  why.push({ kind: 'paragraph', text: plan.practice.description ?? `The team's own stories show this behaviour; this session spreads it.` });
  why.push({
    kind: 'fields',
    fields: [
      ['Status', plan.practice.status],
      ['Evidence', `${f.stories} ${f.stories === 1 ? 'story' : 'stories'}`],
      ['Spread', `${f.spread} ${f.spread === 1 ? 'person' : 'people'}`],
      ['Star share', f.stories ? `${percent(f.starShare)}${f.star ? ` (${f.star})` : ''}${f.starDependent ? ' — star-dependent: it lives in one person, not yet in the team' : ''}` : 'no evidence'],
    ],
  });
  const name = plan.practice.name;
  const sections: Section[] = [
    { role: 'why', title: 'Why it matters', blocks: why },
    {
      role: 'procedure',
      title: plan.procedure ? `The procedure (version ${plan.procedure.version})` : 'The procedure',
      blocks: plan.procedure
        ? procedureBlocks(plan.procedure.text, plan.practice.description)
        : [{ kind: 'paragraph', text: `Not written yet: it is written when the team makes it a standard (svc practice adopt "${name}" --procedure "…").` }],
    },
    {
      role: 'still-to-train',
      title: 'Who still needs training',
      blocks: plan.stillToTrain.length
        ? [
            { kind: 'paragraph', text: `${plan.stillToTrain.length} ${plan.stillToTrain.length === 1 ? 'person has' : 'people have'} had no session on it yet:` },
            { kind: 'list', items: plan.stillToTrain },
          ]
        : [{ kind: 'paragraph', text: 'Everyone on the team has had a session on it.' }],
    },
    {
      role: 'stories',
      title: 'Stories to read together',
      blocks: plan.stories.length ? plan.stories.flatMap(storyBlocks) : [{ kind: 'paragraph', text: 'No evidence stories yet: link some with svc practice link.' }],
    },
    {
      role: 'coaches',
      title: 'Peer coaches',
      blocks: plan.coaches.length
        ? [
            { kind: 'paragraph', text: 'The colleagues who show it most: ask them to tell their story and coach the others.' },
            { kind: 'list', items: plan.coaches.map((c) => `${c.person} — ${c.stories} ${c.stories === 1 ? 'story' : 'stories'}, latest ${c.lastOn}`) },
          ]
        : [{ kind: 'paragraph', text: 'Nobody has evidence yet.' }],
    },
    { role: 'questions', title: 'Discussion questions', blocks: [{ kind: 'list', ordered: true, items: plan.questions }] },
  ];
  const rp = plan.rolePlay;
  if (rp) {
    sections.push({
      role: 'role-play',
      title: 'Role-play',
      blocks: [
        { kind: 'paragraph', text: `From story #${rp.storyId}. One person plays the customer, one plays ${rp.colleague}; the others watch for "${name}".` },
        {
          kind: 'fields',
          fields: [
            ['Customer', rp.customer],
            ...(rp.channel ? ([['Channel', rp.channel]] as Array<[string, string]>) : []),
            ['Situation', rp.situation],
            [`What ${rp.colleague} did`, rp.action],
            ...(rp.impact ? ([['What came of it', rp.impact]] as Array<[string, string]>) : []),
          ],
        },
        { kind: 'paragraph', text: 'Play it twice: once as it happened, once with someone new in the colleague\'s role. Then ask the "customer" what felt different.' },
      ],
    });
  }
  sections.push({
    role: 'sign-in',
    title: 'Sign-in sheet',
    blocks: [
      { kind: 'fields', fields: [['Session', name], ['Date', ''], ['Facilitator', '']] },
      {
        kind: 'table',
        role: 'sign-in',
        caption: `Attendance: ${name}`,
        headers: ['Name', 'Signature'],
        rows: [...plan.stillToTrain.map((person) => [person, '']), ...Array.from({ length: SIGN_IN_SPARE_ROWS }, () => ['', ''])],
      },
      { kind: 'paragraph', text: `Afterwards, record who came: svc train log "${name}" --people NAME,NAME` },
    ],
  });
  return { title: `Training plan: ${name}`, subtitle: `Built from the team's stories on ${today}`, sections };
}

const STATE_LABEL: Record<MatrixState, string> = {
  adopted: 'adopted',
  trained: 'trained',
  'untrained-evidence': 'shows it, untrained',
  gap: 'gap',
};

/** The people × practices matrix: a table on a terminal, TSV (one row per cell) otherwise. */
export function matrixTable(columns: MatrixColumn[], people: string[], look: Look): string {
  const c = look.color;
  const day = (d: string) => formatDay(d, look.now, look.tty);
  if (!look.tty) {
    const rows = columns.flatMap((col) =>
      col.cells.map((cell) => [col.practice, cell.person, cell.state, cell.trainedOn ?? '', cell.lastEvidenceOn ?? '']),
    );
    return renderTable(['practice', 'person', 'state', 'trained_on', 'last_evidence'], rows, { tty: false });
  }
  const paint = (state: MatrixState, text: string) =>
    state === 'adopted' ? c.green(text) : state === 'trained' ? c.cyan(text) : state === 'untrained-evidence' ? c.yellow(text) : c.dim(text);
  const rows = people.map((person, i) => [
    person,
    ...columns.map((col) => {
      const cell = col.cells[i];
      if (!cell) return '';
      const detail = cell.state === 'adopted' || cell.state === 'trained' ? ` ${cell.trainedOn ? day(cell.trainedOn) : ''}` : '';
      return STATE_LABEL[cell.state] + detail;
    }),
  ]);
  const style = (text: string, row: number, column: number) => {
    const state = columns[column - 1]?.cells[row]?.state;
    return state ? paint(state, text) : text;
  };
  const headers = ['person', ...columns.map((col) => `${oneLine(col.practice)}${col.trainedOutsideStar === 0 ? ' ⚠' : ''}`)];
  // Too wide for the terminal: the practices split into several tables, each with the people.
  return practiceGroups(headers, rows, look.width)
    .map((group) => {
      const pick = <T,>(row: readonly T[]) => [row[0] as T, ...group.map((column) => row[column] as T)];
      const groupStyle = (text: string, row: number, column: number) => (column === 0 ? text : style(text, row, group[column - 1] ?? 0));
      return renderTable(pick(headers), rows.map(pick), { tty: true, width: look.width, head: (t) => c.bold(t), style: groupStyle });
    })
    .join('\n');
}

/** The practice columns (1…n) in groups that each fit the width beside the person column; one group when it all fits. */
function practiceGroups(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, width: number | undefined): number[][] {
  const all = headers.slice(1).map((_, i) => i + 1);
  if (width === undefined) return [all];
  const natural = fitColumns(headers, rows, Number.POSITIVE_INFINITY);
  const person = natural[0] ?? 0;
  const groups: number[][] = [];
  for (const column of all) {
    const current = groups.at(-1);
    if (current && tableWidth([person, ...current.map((c) => natural[c] ?? 0), natural[column] ?? 0]) <= width) current.push(column);
    else groups.push([column]);
  }
  return groups;
}

/** Lines under the matrix: adoption per practice, and the practices only their star knows. */
export function matrixNotes(columns: MatrixColumn[]): string[] {
  const notes: string[] = [];
  for (const col of columns) {
    const adoption = col.adoption ? `${col.adoption.adopted}/${col.adoption.trained} trained show it since (${percent(col.adoption.rate)})` : 'nobody trained yet';
    notes.push(`${col.practice}: ${adoption}`);
  }
  for (const col of columns.filter((c) => c.trainedOutsideStar === 0)) {
    // Only the star trained is not the same gap as nobody trained at all: say which it is.
    const who = col.star && col.adoption ? `nobody outside its star (${col.star})` : 'nobody';
    notes.push(`⚠ ${col.practice}: ${who} has been trained on it — log a session: svc train log "${col.practice}" --people …`);
  }
  return notes;
}

/** `svc train list`: the sessions held, newest first; long notes are cut on a terminal only. */
export function trainingTable(
  trainings: ReadonlyArray<{ id: number; heldOn: string; practice: string; facilitator: string | null; attendees: string[]; notes: string | null }>,
  look: Look,
): string {
  const rows = trainings.map((t) => [
    t.id,
    formatDay(t.heldOn, look.now, look.tty),
    t.practice,
    t.facilitator,
    t.attendees.join(', '),
    t.notes === null ? null : look.tty ? truncate(oneLine(t.notes), 40) : oneLine(t.notes),
  ]);
  return renderTableBlock(['id', 'date', 'practice', 'facilitator', 'attendees', 'notes'], rows, { tty: look.tty, head: (t) => look.color.bold(t) });
}
