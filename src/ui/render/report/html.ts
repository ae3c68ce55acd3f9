import type { Report } from '../../../core/report.ts';
import { NOT_AGREED_COMMAND } from '../../../core/status.ts';
import { escapeHtml as e } from '../html.ts';
import { CHAIN_TITLE, chainHtmlBody, hasChain, MATRIX_STYLE } from '../chain.ts';
import { hasProgramme, PROGRAMME_TITLE, programmeHtml } from '../programme.ts';
import {
  attributeLabel,
  completionLine,
  delta,
  driftLine,
  interviewsLine,
  percent,
  periodLine,
  practiceFlags,
  REPORT_TITLE,
  riskLine,
  SECTION,
  shownTriggers,
} from './format.ts';

interface Bar {
  label: string;
  value: number;
}

const INK = '#1f4e79';

/** Vertical bars over weeks: one rect per non-empty week, a base line, a title per bar. */
function columnChart(name: string, bars: readonly Bar[], width = 320, height = 80): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const step = width / Math.max(1, bars.length);
  const shapes = bars
    .map((bar, i) => {
      if (bar.value === 0) return '';
      const h = Math.max(2, (bar.value / max) * (height - 14));
      return `<rect x="${(i * step + 2).toFixed(1)}" y="${(height - h - 1).toFixed(1)}" width="${Math.max(1, step - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${INK}"><title>${e(bar.label)}: ${bar.value}</title></rect>`;
    })
    .join('');
  return (
    `<svg class="chart" data-chart="${e(name)}" role="img" aria-label="${e(name)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<line x1="0" y1="${height - 0.5}" x2="${width}" y2="${height - 0.5}" stroke="#999"/>${shapes}` +
    `<text x="${width}" y="10" text-anchor="end" font-size="10" fill="#666">max ${max}</text></svg>`
  );
}

/** Horizontal bars, one row per label. */
function rowChart(name: string, bars: readonly Bar[], width = 420): string {
  const row = 18;
  const labelWidth = 130;
  const height = Math.max(row, bars.length * row) + 4;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const shapes = bars
    .map((bar, i) => {
      const y = i * row + 2;
      const w = (bar.value / max) * (width - labelWidth - 40);
      return (
        `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end" font-size="11">${e(bar.label)}</text>` +
        (bar.value > 0 ? `<rect x="${labelWidth}" y="${y + 2}" width="${w.toFixed(1)}" height="${row - 6}" fill="${INK}"><title>${e(bar.label)}: ${bar.value}</title></rect>` : '') +
        `<text x="${labelWidth + w + 4}" y="${y + 12}" font-size="11">${bar.value}</text>`
      );
    })
    .join('');
  return `<svg class="chart" data-chart="${e(name)}" role="img" aria-label="${e(name)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${shapes}</svg>`;
}

function table(headers: string[], rows: string[][]): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:980px;margin:2rem auto;padding:0 1rem}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #dde;padding-bottom:.2rem;margin-top:2rem}
.period{color:#555}.figures{display:flex;flex-wrap:wrap;gap:1rem}.figure{border:1px solid #dde;border-radius:6px;padding:.6rem .9rem;min-width:8rem}
.figure b{display:block;font-size:1.6rem}.figure small{color:#555}
table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #e4e4ec;padding:.25rem .6rem;text-align:left;vertical-align:top}
blockquote{margin:.6rem 0;padding:.4rem .9rem;border-left:4px solid ${INK};background:#f5f7fb}
.alert{color:#8a4b00}.practice>div:first-child{min-width:20rem}.muted{color:#666}.practice{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:.6rem 0}
@media print{body{margin:0;max-width:none;font-size:12px}section{break-inside:avoid}a{color:inherit}blockquote{background:none}}
`;

/** The report as one self-contained HTML page: inline CSS and SVG, no scripts, no network. */
export function renderReportHtml(report: Report): string {
  const h = report.headline;
  const weekLabel = (i: number) => {
    const w = report.period.weeks[i];
    return w ? `week ${w.since} to ${w.until}` : '';
  };
  const parts: string[] = [];
  const section = (id: string, title: string, body: string) => parts.push(`<section id="${id}"><h2>${e(title)}</h2>${body}</section>`);
  const figure = (label: string, value: string, note: string) =>
    `<div class="figure"><small>${e(label)}</small><b>${e(value)}</b><small>${e(note)}</small></div>`;

  section(
    'headline',
    SECTION.headline,
    `<div class="figures">${[
      figure('stories', String(h.stories.current), delta(h.stories)),
      figure('people with stories', `${h.peopleWithStories.current} of ${h.activePeople}`, delta(h.peopleWithStories)),
      figure('team consistency', percent(h.consistency.current), `was ${percent(h.consistency.previous)}`),
      figure('external service', String(h.external.current), delta(h.external)),
      figure('internal service', String(h.internal.current), delta(h.internal)),
    ].join('')}</div>` +
      (h.channels.length ? `<p>Channels: ${h.channels.map((c) => `${e(c.channel)} ${c.current} <span class="muted">(${e(delta(c))})</span>`).join(' · ')}</p>` : '') +
      `<h3>Stories per week</h3>${columnChart('stories per week', report.storiesPerWeek.map((value, i) => ({ label: weekLabel(i), value })), 480, 100)}` +
      `<h3>Stories per person</h3>${rowChart('stories per person', report.storiesPerPerson.map((p) => ({ label: p.person, value: p.stories })))}`,
  );

  section(
    'stories',
    SECTION.stories,
    (report.storiesToRead.length === 0 ? '<p>No stories in this period yet.</p>' : '') +
      report.storiesToRead
        .map(
          (s) =>
            `<blockquote><p>${e(s.text)}</p>${s.impact ? `<p><em>Impact:</em> ${e(s.impact)}</p>` : ''}` +
            `<p class="muted">#${s.id} · ${e(s.people.join(', ') || 'someone')} · ${e(s.occurredOn)} · ${e(s.why)}</p></blockquote>`,
        )
        .join('') +
      (report.peopleWithoutStories.length
        ? `<p>No story yet this period from: ${report.peopleWithoutStories.map(e).join(', ')}. Go and look for theirs.</p>`
        : ''),
  );

  section(
    'triggers',
    SECTION.triggers,
    table(
      ['trigger', 'stories', 'share', 'previous share'],
      shownTriggers(report).map((t) => [e(t.trigger), String(t.current), percent(t.share), percent(t.previousShare)]),
    ),
  );

  section(
    'practices',
    SECTION.practices,
    (report.practices.length === 0
      ? '<p>No adopted or standard practices yet.</p>'
      : `<p class="muted">Bars: stories showing each practice per week, the last ${report.period.weeks.length} weeks.</p>`) +
      report.practices
        .map((p) => {
          const flags = practiceFlags(p);
          return (
            `<div class="practice"><div><b>${e(p.name)}</b> <span class="muted">${e(p.status)}</span><br>` +
            `${p.evidence} stories · spread ${p.spread} · star share ${p.evidence > 0 ? percent(p.starShare) : '–'}` +
            (flags.length ? `<br><span class="alert">${e(flags.join(', '))}</span>` : '') +
            `</div>${columnChart(`weekly stories: ${p.name}`, p.weekly.map((value, i) => ({ label: weekLabel(i), value })), 260, 60)}</div>`
          );
        })
        .join('') +
      report.drifting.map((name) => `<p class="alert">Drift: ${e(driftLine(name, report))}</p>`).join('') +
      report.starDependent.map((risk) => `<p class="alert">Risk: ${e(riskLine(risk))}</p>`).join(''),
  );

  section(
    'qualities',
    SECTION.qualities,
    table(['attribute', 'stories'], report.qualities.map((q) => [e(attributeLabel(q.attribute)), String(q.stories)])),
  );

  const t = report.training;
  section(
    'training',
    SECTION.training,
    (t.sessions.length
      ? table(['date', 'practice', 'attendees', 'facilitator'], t.sessions.map((s) => [e(s.heldOn), e(s.practice), String(s.attendees), e(s.facilitator ?? '')]))
      : '<p>No sessions in this period.</p>') +
      (t.adoption.length
        ? table(['practice', 'trained', 'shows it since', 'adoption after training'], t.adoption.map((a) => [e(a.practice), String(a.trained), String(a.adopted), percent(a.rate)]))
        : '') +
      t.untrainedWithEvidence.map((u) => `<p>Shows “${e(u.practice)}” without training (possible coaches): ${u.people.map(e).join(', ')}</p>`).join(''),
  );

  if (hasProgramme(report.programme)) section('programme', PROGRAMME_TITLE, programmeHtml(report.programme, e));
  if (hasChain(report.chain)) section('chain', CHAIN_TITLE, `<style>${MATRIX_STYLE}</style>${chainHtmlBody(report.chain)}`);

  section(
    'candidates',
    SECTION.candidates,
    report.candidates.length
      ? `<ul>${report.candidates.map((c) => `<li>${e(c.name)} <span class="muted">(${c.stories} stories)</span></li>`).join('')}</ul><p>List them with <code>${NOT_AGREED_COMMAND}</code>; agree on one with <code>svc practice status NAME adopted</code>.</p>`
      : '<p>None waiting.</p>',
  );

  const iv = report.interviews;
  const groups = (title: string, list: Report['interviews']['liked']) =>
    list.length
      ? `<h3>${e(title)}</h3><ul>${list.map((g) => `<li>${g.answers.map((a) => `“${e(a)}”`).join(' / ')}${g.count > 1 ? ` <span class="muted">(${g.count}× “${e(g.key)}”)</span>` : ''}</li>`).join('')}</ul>`
      : '';
  section(
    'interviews',
    SECTION.interviews,
    `<p>${interviewsLine(iv)}.</p>` +
      (iv.learned.length ? table(['how they learned about us', 'answers'], iv.learned.map((l) => [e(l.answer), String(l.count)])) : '') +
      groups('What they like most', iv.liked) +
      groups('What they would change', iv.change) +
      (iv.interviewers.length ? table(['interviewer', 'completion'], iv.interviewers.map((r) => [e(r.interviewer), e(completionLine(r))])) : ''),
  );

  section('agenda', SECTION.agenda, `<ol>${report.agenda.map((item) => `<li>${e(item.text)}</li>`).join('')}</ol>`);

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(REPORT_TITLE)} ${e(report.period.since)} to ${e(report.period.until)}</title><style>${STYLE}</style></head>
<body><header><h1>${e(REPORT_TITLE)}</h1><p class="period">${e(periodLine(report))}</p></header>
${parts.join('\n')}
</body></html>
`;
}
