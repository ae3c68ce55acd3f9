import { matcherLabel, type EvidenceLine, type PracticeSummary, type PracticeView } from '../../core/practice.ts';
import type { Story } from '../../core/story.ts';
import { trendLine } from '../../core/signal.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { formatDay, percent } from '../format.ts';
import { neutralize, oneLine, truncate } from '../text.ts';

/** The star share with its holder and the star-dependent marker. */
function starCell(summary: PracticeSummary): string {
  if (summary.stories === 0) return '';
  const text = `${percent(summary.starShare)} ${summary.star ?? ''}`.trim();
  return summary.starDependent ? `${text} ★ star-dependent` : text;
}

/** The list of practices: a table on a terminal, TSV otherwise. */
export function practicesTable(rows: PracticeSummary[], look: Look): string {
  // On a terminal the id comes first, to type instead of a long name; scripts keep their columns.
  const body = rows.map((row) => [
    ...(look.tty ? [`#${row.id}`] : []),
    row.name,
    row.status,
    row.stories,
    row.spread,
    look.tty ? starCell(row) : row.stories === 0 ? '' : row.starShare.toFixed(2),
    ...(look.tty ? [] : [row.star ?? '', row.starDependent ? 'yes' : 'no']),
    row.lastEvidenceOn ? formatDay(row.lastEvidenceOn, look.now, look.tty) : '',
  ]);
  const headers = look.tty
    ? ['id', 'practice', 'status', 'stories', 'spread', 'star share', 'last evidence']
    : ['practice', 'status', 'stories', 'spread', 'star_share', 'star', 'star_dependent', 'last_evidence'];
  const style = (text: string, _row: number, column: number) => (column === 5 && text.includes('★') ? look.color.yellow(text) : text);
  return renderTable(headers, body, { tty: look.tty, width: look.width, head: (text) => look.color.bold(text), style });
}

export type { EvidenceLine, PracticeView };

/** The documented JSON of `svc practice show`. */
export function practiceViewJson(view: PracticeView) {
  return {
    ...view.practice,
    matchers: view.matchers,
    statusHistory: view.history,
    figures: view.figures,
    people: view.people,
    evidence: view.evidence,
    procedure: view.procedure,
    trainings: view.trainings,
    perception: view.perception,
    signals: view.signals,
  };
}

/** "4.3 of 5", or a dash while the team's figure is hidden (an open round, or fewer than three answered). */
function ratingCell(rating: number | null): string {
  return rating === null ? '—' : `${rating.toFixed(1)} of 5`;
}

/** The three views of the practice, and the trends of its signals, for people. */
function perceptionText(view: PracticeView, look: Look): string {
  const c = look.color;
  const { perception } = view;
  let out = `\n${c.bold('How we see it, beside stories and customers')}\n`;
  if (perception.attributes.length === 0) out += `  ${c.dim('Its stories name no quality (patient, listened, calm …) yet, and no customer who confirmed it did.')}\n`;
  else {
    out += renderTable(
      ['attribute', 'we rate it', 'its stories show it', 'customers who confirmed it say it'],
      perception.attributes.map((row) => [row.attribute, ratingCell(row.rating), row.stories, row.mentions]),
      { tty: look.tty, head: (t) => c.bold(t) },
    );
    out += `  ${c.dim(`The team's rating is a mean shown only once a self-assessment round has closed with ${perception.minAnswering} or more answers.`)}\n`;
  }
  const calls = `${perception.calls} call${perception.calls === 1 ? '' : 's'} held`;
  if (perception.confirms.length === 0) out += `  Customers: no held call confirms it yet (${calls}; svc interview link ID "${oneLine(view.practice.name)}").\n`;
  else {
    out += `  Customers confirmed it in ${perception.confirms.length} of ${calls}:\n`;
    for (const confirm of perception.confirms) {
      out += `    #${confirm.interviewId} ${formatDay(confirm.heldOn, look.now, look.tty)}  "${oneLine(confirm.answer ?? '')}"${confirm.how === 'manual' ? c.dim(' (linked by hand)') : ''}\n`;
    }
  }
  if (view.signals.length) {
    out += `\n${c.bold('Outcome signals')}\n`;
    for (const trend of view.signals) out += `  ${oneLine(trendLine(trend))}\n`;
  }
  return out;
}

/** One practice in full, for people. */
export function practiceDetail(view: PracticeView, look: Look): string {
  const c = look.color;
  const { practice, figures } = view;
  const day = (iso: string) => formatDay(iso.slice(0, 10), look.now, look.tty);
  const field = (label: string, value: string) => `${c.dim(label.padEnd(12))} ${value}\n`;
  let out = `${c.bold(oneLine(practice.name))} ${c.dim(`(${practice.status})`)}\n`;
  if (practice.description) out += `${neutralize(practice.description)}\n`;
  out += '\n';
  out += field('matchers', view.matchers.length ? view.matchers.map((m) => `${m.kind}:${oneLine(matcherLabel(m))}`).join(', ') : 'none (link stories by hand)');
  out += field('evidence', `${figures.stories} ${figures.stories === 1 ? 'story' : 'stories'}${figures.lastEvidenceOn ? `, latest ${day(figures.lastEvidenceOn)}` : ''}`);
  out += field('spread', `${figures.spread} ${figures.spread === 1 ? 'person' : 'people'}`);
  if (figures.stories > 0) {
    out += field(
      'star share',
      `${percent(figures.starShare)}${figures.star ? ` (${oneLine(figures.star)})` : ''}${figures.starDependent ? ` ${c.yellow('★ star-dependent: it lives in one person, not yet in the team')}` : ''}`,
    );
  }
  if (view.procedure) out += field('procedure', `version ${view.procedure.version}, ${day(view.procedure.createdAt)}`);
  out += field('trainings', String(view.trainings));
  out += `\n${c.bold('Status history')}\n`;
  for (const step of view.history) {
    out += `  ${day(step.changedAt)}  ${step.from ? `${step.from} → ` : ''}${step.to}${step.note ? `  ${c.dim(oneLine(step.note))}` : ''}\n`;
  }
  if (view.people.length) {
    out += `\n${c.bold('People')}\n`;
    out += renderTable(
      ['person', 'stories', 'latest'],
      view.people.map((p) => [p.person, p.stories, day(p.lastOn)]),
      { tty: look.tty, head: (t) => c.bold(t) },
    );
  }
  out += perceptionText(view, look);
  if (view.latest.length) {
    out += `\n${c.bold('Evidence')}${view.evidence.length > view.latest.length ? c.dim(` (newest ${view.latest.length} of ${view.evidence.length})`) : ''}\n`;
    out += renderTable(
      ['story', 'date', 'staff', 'linked', 'text'],
      view.latest.map(({ story, how }) => [
        `#${story.id}`,
        day(story.occurredOn),
        story.staff.join(', '),
        how === 'manual' ? 'by hand' : 'matched',
        look.tty ? truncate(oneLine(story.text), 60) : oneLine(story.text),
      ]),
      { tty: look.tty, head: (t) => c.bold(t), widths: look.tty ? [7, 12, 14, 9, 50] : undefined },
    );
  }
  return out;
}
