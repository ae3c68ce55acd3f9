import type { Report } from '../../../core/report.ts';
import { NOT_AGREED_COMMAND } from '../../../core/status.ts';
import type { Look } from '../../look.ts';
import { chainText, hasChain } from '../chain.ts';
import { PROGRAMME_TITLE, programmeLines } from '../programme.ts';
import { oneLine, truncate } from '../../text.ts';
import {
  attributeLabel,
  completionLine,
  delta,
  driftLine,
  interviewsLine,
  periodLine,
  practiceFlags,
  practiceFiguresLine,
  previousShare,
  REPORT_TITLE,
  riskLine,
  SECTION,
  shownTriggers,
  sparkline,
} from './format.ts';
import { countOf, percent } from '../../format.ts';
import { actionsText } from './actions.ts';
import { selfAssessmentText } from './self-assessment.ts';
import { outcomesText } from './outcomes.ts';

/** The report for a terminal or a pipe: sections, figures and unicode sparklines. */
export function renderReportText(report: Report, look: Look): string {
  const c = look.color;
  const out: string[] = [];
  const heading = (title: string) => out.push('', c.bold(title));
  const line = (text: string) => out.push(`  ${text}`);
  const cut = (text: string, max: number) => (look.tty ? truncate(oneLine(text), max) : oneLine(text));
  const h = report.headline;

  out.push(c.bold(REPORT_TITLE), periodLine(report));

  heading(SECTION.headline);
  const figure = (label: string, value: string) => line(`${label.padEnd(20)} ${value}`);
  figure('stories', `${h.stories.current}  ${c.dim(delta(h.stories))}   ${sparkline(report.storiesPerWeek)} ${c.dim('per week')}`);
  figure('people with stories', `${h.peopleWithStories.current} of ${h.activePeople} active  ${c.dim(delta(h.peopleWithStories))}`);
  figure('team consistency', `${percent(h.consistency.current)}  ${c.dim(previousShare(report, h.consistency.previous))}`.trimEnd());
  figure('external service', `${h.external.current}  ${c.dim(delta(h.external))}`);
  figure('internal service', `${h.internal.current}  ${c.dim(delta(h.internal))}`);
  if (h.channels.length) figure('channels', h.channels.map((ch) => `${ch.channel} ${ch.current}`).join(' · '));

  heading(SECTION.stories);
  if (report.storiesToRead.length === 0) line('No stories in this period yet.');
  for (const story of report.storiesToRead) {
    const who = story.people.length ? story.people.map(oneLine).join(', ') : 'someone';
    line(`#${story.id} ${who}, ${story.occurredOn} ${c.dim(`(${story.why})`)}`);
    line(`   ${cut(story.text, 200)}`);
    if (story.impact) line(`   ${c.dim('impact:')} ${cut(story.impact, 120)}`);
  }
  if (report.peopleWithoutStories.length) {
    line(`No story yet this period from: ${report.peopleWithoutStories.map(oneLine).join(', ')} — go and look for theirs.`);
  }

  heading(SECTION.triggers);
  for (const t of shownTriggers(report)) {
    line(`${t.trigger.padEnd(12)} ${String(t.current).padStart(3)}  ${percent(t.share).padStart(5)}  ${c.dim(previousShare(report, t.previousShare))}`.trimEnd());
  }

  heading(SECTION.practices);
  if (report.practices.length === 0) line('No adopted or standard practices yet: svc practices');
  for (const p of report.practices) {
    const flags = practiceFlags(p);
    line(
      `${sparkline(p.weekly)}  ${oneLine(p.name)} ${c.dim(`[${p.status}]`)}  ${practiceFiguresLine(p)}` +
        (flags.length ? `  ${c.yellow(flags.join(', '))}` : ''),
    );
  }
  for (const name of report.drifting) line(c.yellow(`drift: ${oneLine(driftLine(name, report))}`));
  for (const risk of report.starDependent) line(c.yellow(`risk: ${oneLine(riskLine(risk))}`));

  heading(SECTION.qualities);
  line(report.qualities.map((q) => `${attributeLabel(q.attribute)} ${q.stories}`).join(' · '));

  heading(SECTION.training);
  const t = report.training;
  if (t.sessions.length === 0) line('No sessions in this period.');
  for (const s of t.sessions) {
    line(`${s.heldOn}  ${oneLine(s.practice)}  ${s.attendees} attended${s.facilitator ? `, led by ${oneLine(s.facilitator)}` : ''}`);
  }
  for (const a of t.adoption) line(`adoption after training: ${oneLine(a.practice)} ${a.adopted} of ${a.trained} (${percent(a.rate)})`);
  for (const u of t.untrainedWithEvidence) {
    line(`shows "${oneLine(u.practice)}" without training (possible coaches): ${u.people.map(oneLine).join(', ')}`);
  }

  if (report.programme) out.push(...programmeLines(report.programme, c, PROGRAMME_TITLE));
  if (hasChain(report.chain)) out.push('', ...chainText(report.chain, c.bold).trimEnd().split('\n'));

  heading(SECTION.candidates);
  if (report.candidates.length === 0) line('None waiting.');
  for (const cand of report.candidates) line(`${oneLine(cand.name)}  ${c.dim(countOf(cand.stories, 'story', 'stories'))}`);
  if (report.candidates.length) line(c.dim(`list them with: ${NOT_AGREED_COMMAND}; agree on one with: svc practice status NAME adopted`));

  heading(SECTION.interviews);
  const iv = report.interviews;
  line(interviewsLine(iv));
  if (iv.learned.length) line(`how they learned about us: ${iv.learned.map((l) => `${oneLine(l.answer)} (${l.count})`).join(' · ')}`);
  for (const g of iv.liked) line(`liked: ${g.answers.map((a) => `"${cut(a, 80)}"`).join(' / ')}${g.count > 1 ? c.dim(` (${g.count}× "${g.key}")`) : ''}`);
  for (const g of iv.change) line(`would change: ${g.answers.map((a) => `"${cut(a, 80)}"`).join(' / ')}${g.count > 1 ? c.dim(` (${g.count}× "${g.key}")`) : ''}`);
  for (const row of iv.interviewers) line(`${oneLine(row.interviewer)}: ${completionLine(row)}`);

  if (report.actions) out.push(...actionsText(report.actions, c));
  if (report.selfAssessment) out.push(...selfAssessmentText(report.selfAssessment, c));
  if (report.outcomes) out.push(...outcomesText(report.outcomes, c));

  heading(SECTION.agenda);
  report.agenda.forEach((item, i) => line(`${i + 1}. ${oneLine(item.text)}`));
  return out.join('\n') + '\n';
}
