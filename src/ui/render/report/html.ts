import { toDay } from '../../../core/dates.ts';
import type { Compared, Report } from '../../../core/report.ts';
import { NOT_AGREED_COMMAND } from '../../../core/status.ts';
import { escapeHtml as e } from '../../escape.ts';
import { columnChart, earlierMean, sharedMax, type WeekValue } from './chart.ts';
import { CHAIN_TITLE, chainHtmlBody, hasChain, MATRIX_STYLE } from '../chain.ts';
import { hasProgramme, PROGRAMME_TITLE, programmeHtml } from '../programme.ts';
import {
  attributeLabel,
  changeWords,
  completionLine,
  driftLine,
  interviewsLine,
  isFirstReport,
  periodLine,
  practiceFiguresLine,
  practiceFlags,
  REPORT_TITLE,
  riskLine,
  SECTION,
  shownTriggers,
} from './format.ts';
import { ACTIONS_TITLE, actionsHtml } from './actions.ts';
import { SELF_ASSESSMENT_TITLE, selfAssessmentHtml } from './self-assessment.ts';
import { OUTCOMES_TITLE, outcomesHtml } from './outcomes.ts';
import { countOf, percent } from '../../format.ts';

/** What the page says besides the report itself: whose it is and when it was made. */
export interface ReportPage {
  team: string | null;
  generatedAt: Date;
}

/** What every section may need besides the report. */
interface ReportContext {
  /** Nothing was recorded in the previous period: changes are left out, not shown as "was 0 %". */
  first: boolean;
  weeks: (values: readonly number[]) => WeekValue[];
}

export interface HtmlSection {
  id: string;
  title: string;
  body: string;
}

type SectionBuilder = (report: Report, context: ReportContext) => HtmlSection | null;

const TITLE = { alerts: 'Alerts', team: 'Who is in the picture' } as const;

function table(headers: string[], rows: string[][], caption?: string): string {
  return `<table>${caption ? `<caption>${e(caption)}</caption>` : ''}<thead><tr>${headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A change as coloured text that also says it in words, so colour is never the only signal. */
function change(figure: Pick<Compared, 'current' | 'previous'>, context: ReportContext, unit = ''): string {
  if (context.first) return '';
  const { words, direction } = changeWords(figure, unit);
  const arrow = { up: '▲', down: '▼', same: '=', new: '★' }[direction];
  return `<span class="change ${direction}"><span aria-hidden="true">${arrow}</span> ${e(words)}</span>`;
}

function figure(label: string, value: string, note: string): string {
  return `<div class="figure"><span class="label">${e(label)}</span><b>${e(value)}</b>${note ? `<span class="note">${note}</span>` : ''}</div>`;
}

const agenda: SectionBuilder = (report) => ({
  id: 'agenda',
  title: SECTION.agenda,
  body: `<ol class="agenda">${report.agenda.map((item) => `<li>${e(item.text)}</li>`).join('')}</ol>`,
});

const alerts: SectionBuilder = (report) => {
  const items = [
    ...report.drifting.map((name) => `<li class="alert"><b>Drift:</b> ${e(driftLine(name, report))}</li>`),
    ...report.starDependent.map((risk) => `<li class="alert"><b>Depends on one person:</b> ${e(riskLine(risk))}</li>`),
  ];
  return {
    id: 'alerts',
    title: TITLE.alerts,
    body: items.length ? `<ul class="alerts">${items.join('')}</ul>` : '<p>None: no standard practice drifts and none depends on one person.</p>',
  };
};

const headline: SectionBuilder = (report, context) => {
  const h = report.headline;
  const points = (share: number) => Math.round(share * 100);
  const weeks = context.weeks(report.storiesPerWeek);
  const mean = earlierMean(weeks);
  return {
    id: 'headline',
    title: SECTION.headline,
    body:
      (context.first ? '<p class="note">The first report: there is no earlier period to compare with yet.</p>' : '') +
      `<div class="figures">${[
        figure('stories', String(h.stories.current), change(h.stories, context)),
        figure('people with stories', `${h.peopleWithStories.current} of ${h.activePeople}`, change(h.peopleWithStories, context)),
        figure('team consistency', percent(h.consistency.current), change({ current: points(h.consistency.current), previous: points(h.consistency.previous) }, context, ' points')),
        figure('external service', String(h.external.current), change(h.external, context)),
        figure('internal service', String(h.internal.current), change(h.internal, context)),
      ].join('')}</div>` +
      (h.channels.length ? `<p>Channels: ${h.channels.map((c) => `${e(c.channel)} <b>${c.current}</b> ${change(c, context)}`).join(' · ')}</p>` : '') +
      `<figure class="trend"><figcaption>Stories per week, the last ${report.period.weeks.length} weeks${mean === null ? '' : ` <span class="legend">(dashed line: ${mean.toFixed(1)} a week before this period)</span>`}</figcaption>` +
      columnChart({ name: 'stories per week', weeks, max: sharedMax([report.storiesPerWeek]), width: 1040, height: 280, earlierMean: true }) +
      '</figure>',
  };
};

const stories: SectionBuilder = (report) => ({
  id: 'stories',
  title: SECTION.stories,
  body:
    (report.storiesToRead.length === 0 ? '<p>No stories in this period yet.</p>' : '') +
    report.storiesToRead
      .map(
        (s) =>
          `<blockquote><p>${e(s.text)}</p>${s.impact ? `<p><em>Impact:</em> ${e(s.impact)}</p>` : ''}` +
          `<p class="muted">#${s.id} · ${e(s.people.join(', ') || 'someone')} · ${e(s.occurredOn)} · ${e(s.why)}</p></blockquote>`,
      )
      .join(''),
});

const practices: SectionBuilder = (report, context) => {
  // One scale for every practice, so a quiet practice looks quiet next to a busy one.
  const max = sharedMax(report.practices.map((p) => p.weekly));
  return {
    id: 'practices',
    title: SECTION.practices,
    body:
      (report.practices.length === 0
        ? '<p>No adopted or standard practices yet.</p>'
        : `<p class="muted">Stories showing each practice per week, the last ${report.period.weeks.length} weeks, all on one scale (0 to ${max}).</p>`) +
      `<div class="practices">${report.practices
        .map((p) => {
          const flags = practiceFlags(p);
          return (
            `<article class="practice"><h3>${e(p.name)} <span class="status">${e(p.status)}</span></h3>` +
            `<p>${e(practiceFiguresLine(p))}</p>` +
            (flags.length ? `<p class="alert"><b>${e(flags.join(', '))}</b></p>` : '') +
            columnChart({ name: `weekly stories: ${p.name}`, weeks: context.weeks(p.weekly), max, width: 500, height: 190 }) +
            '</article>'
          );
        })
        .join('')}</div>`,
  };
};

/** Contribution by name, alphabetically and without bars: who is in the picture, not a leaderboard. */
const team: SectionBuilder = (report) => {
  const people = [...report.storiesPerPerson].sort((a, b) => a.person.localeCompare(b.person, undefined, { sensitivity: 'base' }));
  return {
    id: 'team',
    title: TITLE.team,
    body:
      (people.length
        ? `<ul class="people">${people.map((p) => `<li>${e(p.person)} <span class="muted">${p.stories} ${p.stories === 1 ? 'story' : 'stories'}</span></li>`).join('')}</ul>`
        : '<p>No people yet.</p>') +
      (report.peopleWithoutStories.length
        ? `<p>No story yet this period from: ${report.peopleWithoutStories.map(e).join(', ')}. Go and look for theirs.</p>`
        : ''),
  };
};

const triggers: SectionBuilder = (report, context) => ({
  id: 'triggers',
  title: SECTION.triggers,
  body: table(
    context.first ? ['trigger', 'stories', 'share'] : ['trigger', 'stories', 'share', 'change'],
    shownTriggers(report).map((t) => [e(t.trigger), String(t.current), percent(t.share), ...(context.first ? [] : [change(t, context)])]),
  ),
});

const qualities: SectionBuilder = (report) => ({
  id: 'qualities',
  title: SECTION.qualities,
  body: table(['attribute', 'stories'], report.qualities.map((q) => [e(attributeLabel(q.attribute)), String(q.stories)])),
});

const training: SectionBuilder = (report) => {
  const t = report.training;
  return {
    id: 'training',
    title: SECTION.training,
    body:
      (t.sessions.length
        ? table(['date', 'practice', 'attendees', 'facilitator'], t.sessions.map((s) => [e(s.heldOn), e(s.practice), String(s.attendees), e(s.facilitator ?? '')]))
        : '<p>No sessions in this period.</p>') +
      (t.adoption.length
        ? table(['practice', 'trained', 'shows it since', 'adoption after training'], t.adoption.map((a) => [e(a.practice), String(a.trained), String(a.adopted), percent(a.rate)]))
        : '') +
      t.untrainedWithEvidence.map((u) => `<p>Shows “${e(u.practice)}” without training (possible coaches): ${u.people.map(e).join(', ')}</p>`).join(''),
  };
};

const candidates: SectionBuilder = (report) => ({
  id: 'candidates',
  title: SECTION.candidates,
  body: report.candidates.length
    ? `<ul>${report.candidates.map((c) => `<li>${e(c.name)} <span class="muted">(${countOf(c.stories, 'story', 'stories')})</span></li>`).join('')}</ul><p>List them with <code>${NOT_AGREED_COMMAND}</code>; agree on one with <code>svc practice status NAME adopted</code>.</p>`
    : '<p>None waiting.</p>',
});

const programme: SectionBuilder = (report) =>
  hasProgramme(report.programme) ? { id: 'programme', title: PROGRAMME_TITLE, body: programmeHtml(report.programme, e) } : null;

const chain: SectionBuilder = (report) =>
  hasChain(report.chain) ? { id: 'chain', title: CHAIN_TITLE, body: `<style>${MATRIX_STYLE}</style>${chainHtmlBody(report.chain)}` } : null;

const interviews: SectionBuilder = (report) => {
  const iv = report.interviews;
  const groups = (title: string, list: Report['interviews']['liked']) =>
    list.length
      ? `<h3>${e(title)}</h3><ul>${list.map((g) => `<li>${g.answers.map((a) => `“${e(a)}”`).join(' / ')}${g.count > 1 ? ` <span class="muted">(${g.count}× “${e(g.key)}”)</span>` : ''}</li>`).join('')}</ul>`
      : '';
  return {
    id: 'interviews',
    title: SECTION.interviews,
    body:
      `<p>${interviewsLine(iv)}.</p>` +
      (iv.learned.length ? table(['how they learned about us', 'answers'], iv.learned.map((l) => [e(l.answer), String(l.count)])) : '') +
      groups('What they like most', iv.liked) +
      groups('What they would change', iv.change) +
      (iv.interviewers.length ? table(['interviewer', 'completion'], iv.interviewers.map((r) => [e(r.interviewer), e(completionLine(r))])) : ''),
  };
};

const actions: SectionBuilder = (report) => (report.actions ? { id: 'actions', title: ACTIONS_TITLE, body: actionsHtml(report.actions) } : null);

const selfAssessment: SectionBuilder = (report) =>
  report.selfAssessment ? { id: 'self-assessment', title: SELF_ASSESSMENT_TITLE, body: selfAssessmentHtml(report.selfAssessment) } : null;

const outcomes: SectionBuilder = (report) => (report.outcomes ? { id: 'outcomes', title: OUTCOMES_TITLE, body: outcomesHtml(report.outcomes) } : null);

/**
 * The page's sections in reading order: what to talk about and what needs attention
 * first, figures after. A new section is one more builder in this list; a builder that
 * returns null leaves its section out.
 */
export const REPORT_HTML_SECTIONS: readonly SectionBuilder[] = [
  agenda,
  alerts,
  headline,
  actions,
  selfAssessment,
  outcomes,
  stories,
  practices,
  team,
  triggers,
  qualities,
  training,
  programme,
  chain,
  candidates,
  interviews,
];

const STYLE = `
@page{size:A4;margin:14mm 12mm}
*{box-sizing:border-box}
body{font:18px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff;max-width:1100px;margin:1.5rem auto;padding:0 1.2rem}
header{border-bottom:3px solid #1f4e79;padding-bottom:.5rem}
.team{font-size:1.1rem;font-weight:700;color:#1f4e79;margin:0}h1{margin:.1rem 0 .2rem;font-size:2.2rem}
.period,.generated{margin:.1rem 0;color:#333}
h2{font-size:1.6rem;border-bottom:2px solid #bbb;padding-bottom:.2rem;margin-top:2rem}
h3{margin:.4rem 0}
.agenda{font-size:1.25rem}.agenda li{margin:.3rem 0}
.alerts{list-style:none;padding:0}.alert{color:#7a3300}.alerts li{border-left:6px solid #b35900;background:#fff4e5;padding:.4rem .8rem;margin:.4rem 0}
.figures{display:flex;flex-wrap:wrap;gap:.8rem}.figure{border:2px solid #ccd;border-radius:6px;padding:.5rem .9rem;min-width:10rem}
.figure .label,.figure .note{display:block;font-size:.95rem;color:#333}.figure b{display:block;font-size:2rem}
.change{font-weight:700;white-space:nowrap}.change.up{color:#14601c}.change.down{color:#a31b1b}.change.same{color:#333}.change.new{color:#1f4e79}
.note{color:#333}.legend{font-weight:400;color:#7a0000}.muted{color:#444}
figure{margin:1rem 0}figcaption{font-weight:700;margin-bottom:.3rem}
svg.chart{max-width:100%;height:auto;display:block}
.practices{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:1rem 1.5rem}
.practice{border-top:1px solid #ccd;padding-top:.4rem;break-inside:avoid}.practice p{margin:.2rem 0}.status{font-weight:400;font-size:1rem;color:#444}
.people{columns:3 12rem;padding-left:1.2rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #ccc;padding:.3rem .7rem;text-align:left;vertical-align:top}caption{text-align:left;font-weight:700}
blockquote{margin:.6rem 0;padding:.4rem .9rem;border-left:5px solid #1f4e79;background:#f2f5fa}
@media print{
body{margin:0;max-width:none;padding:0;font-size:11pt}h1{font-size:20pt}h2{font-size:15pt;break-after:avoid}
section,.figure,figure,blockquote,tr{break-inside:avoid}
.practices{grid-template-columns:1fr 1fr}.alerts li,blockquote{background:none}
a{color:inherit}
}
`;

/** "2026-03-18 10:00", in local time like every day svc prints. */
function stamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${toDay(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The report as one self-contained HTML page for a projector or paper: inline CSS and SVG, no scripts, no network. */
export function renderReportHtml(report: Report, page: ReportPage): string {
  const context: ReportContext = {
    first: isFirstReport(report),
    weeks: (values) =>
      report.period.weeks.map((week, i) => ({
        ...week,
        value: values[i] ?? 0,
        current: week.until >= report.period.since && week.since <= report.period.until,
      })),
  };
  const sections = REPORT_HTML_SECTIONS.map((build) => build(report, context)).filter((s): s is HtmlSection => s !== null);
  const title = [page.team, `${REPORT_TITLE} ${report.period.since} to ${report.period.until}`].filter(Boolean).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><header>${page.team ? `<p class="team">${e(page.team)}</p>` : ''}<h1>${e(REPORT_TITLE)}</h1><p class="period">${e(periodLine(report))}</p>
<p class="generated">Generated <time datetime="${e(page.generatedAt.toISOString())}">${e(stamp(page.generatedAt))}</time></p></header>
<main>
${sections.map((s) => `<section id="${e(s.id)}" aria-labelledby="h-${e(s.id)}"><h2 id="h-${e(s.id)}">${e(s.title)}</h2>${s.body}</section>`).join('\n')}
</main>
</body></html>
`;
}
