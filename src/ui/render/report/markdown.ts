import type { Report } from '../../../core/report.ts';
import { escapeMarkdownLine } from '../../escape.ts';
import { NOT_AGREED_COMMAND } from '../../../core/status.ts';
import { chainMarkdown, hasChain } from '../chain.ts';
import { programmeMarkdown } from '../programme.ts';
import {
  attributeLabel,
  completionLine,
  delta,
  driftLine,
  interviewsLine,
  periodLine,
  previousShare,
  practiceFlags,
  allTimeLine,
  REPORT_TITLE,
  riskLine,
  SECTION,
  shownTriggers,
  sparkline,
} from './format.ts';
import { countOf, percent } from '../../format.ts';
import { actionsMarkdown } from './actions.ts';
import { selfAssessmentMarkdown } from './self-assessment.ts';
import { outcomesMarkdown } from './outcomes.ts';

/** User text inside Markdown: one line, with the characters Markdown acts on escaped. */
const md = escapeMarkdownLine;

function table(headers: string[], rows: string[][]): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** The report as Markdown, to paste into meeting notes. */
export function renderReportMarkdown(report: Report): string {
  const out: string[] = [`# ${REPORT_TITLE}`, '', `_${md(periodLine(report))}_`];
  const section = (title: string) => out.push('', `## ${title}`, '');
  const h = report.headline;

  section(SECTION.headline);
  out.push(
    ...table(
      ['figure', 'this period', 'change'],
      [
        ['stories', String(h.stories.current), delta(h.stories)],
        ['people with stories', `${h.peopleWithStories.current} of ${h.activePeople}`, delta(h.peopleWithStories)],
        ['team consistency', percent(h.consistency.current), previousShare(report, h.consistency.previous)],
        ['external service', String(h.external.current), delta(h.external)],
        ['internal service', String(h.internal.current), delta(h.internal)],
        ...h.channels.map((ch) => [`channel: ${ch.channel}`, String(ch.current), delta(ch)]),
      ],
    ),
    '',
    `Stories per week: ${sparkline(report.storiesPerWeek)}`,
  );

  section(SECTION.stories);
  if (report.storiesToRead.length === 0) out.push('No stories in this period yet.');
  for (const story of report.storiesToRead) {
    out.push(`- **#${story.id} ${md(story.people.join(', ') || 'someone')}**, ${story.occurredOn} (${md(story.why)}): ${md(story.text)}`);
    if (story.impact) out.push(`  _Impact:_ ${md(story.impact)}`);
  }
  if (report.peopleWithoutStories.length) {
    out.push('', `No story yet this period from: ${report.peopleWithoutStories.map(md).join(', ')}.`);
  }

  section(SECTION.triggers);
  out.push(
    ...table(
      ['trigger', 'stories', 'share', 'previous share'],
      shownTriggers(report).map((t) => [t.trigger, String(t.current), percent(t.share), percent(t.previousShare)]),
    ),
  );

  section(SECTION.practices);
  if (report.practices.length === 0) out.push('No adopted or standard practices yet.');
  else {
    out.push(
      ...table(
        ['practice', 'status', 'stories this period', 'people this period', 'star share this period', 'all time', 'weekly', 'alerts'],
        report.practices.map((p) => [
          md(p.name),
          p.status,
          String(p.evidence),
          String(p.spread),
          p.evidence > 0 ? percent(p.starShare) : '–',
          md(allTimeLine(p).replace(/^all time: /u, '')) || '–',
          sparkline(p.weekly),
          md(practiceFlags(p).join(', ')),
        ]),
      ),
    );
  }
  for (const name of report.drifting) out.push('', `> **Drift:** ${md(driftLine(name, report))}`);
  for (const risk of report.starDependent) {
    out.push('', `> **Risk:** ${md(riskLine(risk))}`);
  }

  section(SECTION.qualities);
  out.push(...table(['attribute', 'stories'], report.qualities.map((q) => [attributeLabel(q.attribute), String(q.stories)])));

  section(SECTION.training);
  const t = report.training;
  if (t.sessions.length === 0) out.push('No sessions in this period.');
  else out.push(...table(['date', 'practice', 'attendees', 'facilitator'], t.sessions.map((s) => [s.heldOn, md(s.practice), String(s.attendees), md(s.facilitator ?? '')])));
  if (t.adoption.length) {
    out.push('', ...table(['practice', 'trained', 'shows it since', 'adoption after training'], t.adoption.map((a) => [md(a.practice), String(a.trained), String(a.adopted), percent(a.rate)])));
  }
  for (const u of t.untrainedWithEvidence) out.push('', `Shows "${md(u.practice)}" without training (possible coaches): ${u.people.map(md).join(', ')}.`);

  if (report.programme) out.push(...programmeMarkdown(report.programme, md));
  if (hasChain(report.chain)) out.push('', ...chainMarkdown(report.chain, 2).trimEnd().split('\n'));

  section(SECTION.candidates);
  if (report.candidates.length === 0) out.push('None waiting.');
  for (const cand of report.candidates) out.push(`- ${md(cand.name)} (${countOf(cand.stories, 'story', 'stories')})`);
  if (report.candidates.length) out.push('', `List them with \`${NOT_AGREED_COMMAND}\`; agree on one with \`svc practice status NAME adopted\`.`);

  section(SECTION.interviews);
  const iv = report.interviews;
  out.push(`${interviewsLine(iv)}.`);
  if (iv.learned.length) out.push('', ...table(['how they learned about us', 'answers'], iv.learned.map((l) => [md(l.answer), String(l.count)])));
  for (const [title, groups] of [['What they like most', iv.liked], ['What they would change', iv.change]] as const) {
    if (groups.length === 0) continue;
    out.push('', `**${title}**`, '');
    for (const g of groups) out.push(`- ${g.answers.map((a) => `"${md(a)}"`).join(' / ')}${g.count > 1 ? ` (${g.count}× "${md(g.key)}")` : ''}`);
  }
  if (iv.interviewers.length) out.push('', ...table(['interviewer', 'completion'], iv.interviewers.map((r) => [md(r.interviewer), completionLine(r)])));

  if (report.actions) out.push(...actionsMarkdown(report.actions));
  if (report.selfAssessment) out.push(...selfAssessmentMarkdown(report.selfAssessment));
  if (report.outcomes) out.push(...outcomesMarkdown(report.outcomes));

  section(SECTION.agenda);
  report.agenda.forEach((item, i) => out.push(`${i + 1}. ${md(item.text)}`));
  return out.join('\n') + '\n';
}
