import { chainFindings, type Chain, type ChainMatrix } from '../../core/chain.ts';
import type { Compared } from '../../core/report.ts';
import { escapeHtml as e, escapeMarkdown } from '../escape.ts';
import { oneLine } from '../text.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';

export const CHAIN_TITLE = 'The service chain';

/** The title of a chain of its own: the team's name when it is narrowed to one. */
export function chainTitle(chain: Chain): string {
  return chain.team === undefined ? CHAIN_TITLE : `${CHAIN_TITLE}: ${chain.team}`;
}

function trend(c: Compared): string {
  const sign = c.delta > 0 ? '+' : '';
  return `${c.current} (${sign}${c.delta} on the previous period's ${c.previous})`;
}

/** Whether the report has a chain to show: internal stories naming colleagues, linked or not. */
export function hasChain(chain: Chain | undefined): chain is Chain {
  return chain !== undefined && (chain.people.rows.length > 0 || chain.unresolved > 0);
}

/** The figures line every format opens with. */
export function chainSummary(chain: Chain): string {
  return `${chain.since} to ${chain.until}: ${trend(chain.stories)} internal stories with a colleague served; ${trend(chain.pairs)} who-serves-whom pairs`;
}

/** A matrix as aligned plain-text lines: servers down, served across, "·" for none. */
function matrixText(m: ChainMatrix): string[] {
  const head = ['serves ↓ / served →', ...m.columns.map(oneLine)];
  const rows = m.rows.map((row, i) => [oneLine(row), ...(m.counts[i] ?? []).map((n) => (n ? String(n) : '·'))]);
  const widths = head.map((_, col) => Math.max(...[head, ...rows].map((r) => (r[col] ?? '').length)));
  return [head, ...rows].map((r) => `  ${r.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd()}`);
}

/** The chain for a terminal or a pipe. */
export function chainText(chain: Chain, bold: (text: string) => string = (t) => t): string {
  const out = [bold(oneLine(chainTitle(chain))), chainSummary(chain)];
  if (chain.people.rows.length === 0) out.push('', 'No internal story names a colleague served in this period: svc story add "…" --staff NAME --served COLLEAGUE');
  else out.push('', bold('People'), ...matrixText(chain.people), '', bold('Teams'), ...matrixText(chain.teams));
  const findings = chainFindings(chain);
  if (findings.length) out.push('', ...findings.map((line) => oneLine(line)));
  return `${out.join('\n')}\n`;
}

function matrixMarkdown(m: ChainMatrix): string[] {
  return [
    `| serves ↓ / served → | ${m.columns.map(escapeMarkdown).join(' | ')} |`,
    `| --- | ${m.columns.map(() => '---:').join(' | ')} |`,
    ...m.rows.map((row, i) => `| ${escapeMarkdown(row)} | ${(m.counts[i] ?? []).map((n) => (n ? String(n) : '')).join(' | ')} |`),
  ];
}

/** The chain in Markdown (a section of its own, or of the report at `level`). */
export function chainMarkdown(chain: Chain, level = 1): string {
  const h = '#'.repeat(level);
  const out = [`${h} ${escapeMarkdown(chainTitle(chain))}`, '', chainSummary(chain)];
  if (chain.people.rows.length) out.push('', `${h}# People`, '', ...matrixMarkdown(chain.people), '', `${h}# Teams`, '', ...matrixMarkdown(chain.teams));
  const findings = chainFindings(chain);
  if (findings.length) out.push('', ...findings.map((line) => `- ${escapeMarkdown(line)}`));
  return `${out.join('\n')}\n`;
}

/**
 * A matrix as an HTML table, cells shaded by count: read across a row for whom someone
 * serves, down a column for who serves them. A matrix stays readable at any size where a
 * graph of every pair becomes a hairball.
 */
function matrixHtml(name: string, m: ChainMatrix): string {
  const max = Math.max(1, ...m.counts.flat());
  const cell = (n: number, row: string, column: string) =>
    n
      ? `<td class="n" style="background:rgba(31,78,121,${(0.15 + 0.75 * (n / max)).toFixed(2)});color:${n / max > 0.5 ? '#fff' : '#111'}" title="${e(row)} served ${e(column)} in ${n} ${n === 1 ? 'story' : 'stories'}">${n}</td>`
      : '<td class="n empty"></td>';
  return (
    `<table class="matrix" data-matrix="${e(name)}"><thead><tr><th scope="col">serves ↓ / served →</th>${m.columns.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead><tbody>` +
    m.rows.map((row, i) => `<tr><th scope="row">${e(row)}</th>${(m.counts[i] ?? []).map((n, j) => cell(n, row, m.columns[j] ?? '')).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

/** The chain's body in HTML, for its own page and the report's section. */
export function chainHtmlBody(chain: Chain): string {
  const findings = chainFindings(chain);
  return (
    `<p>${e(chainSummary(chain))}</p>` +
    (chain.people.rows.length
      ? `<h3>People</h3>${matrixHtml('people', chain.people)}<h3>Teams</h3>${matrixHtml('teams', chain.teams)}`
      : '<p>No internal story names a colleague served in this period.</p>') +
    (findings.length ? `<ul class="findings">${findings.map((line) => `<li>${e(line)}</li>`).join('')}</ul>` : '')
  );
}

export const MATRIX_STYLE = `table.matrix{border-collapse:collapse;margin:.5em 0}table.matrix th,table.matrix td{border:1px solid #ccc;padding:.3em .6em}table.matrix td.n{text-align:right;min-width:2.2em;font-variant-numeric:tabular-nums}table.matrix thead th{font-weight:600;background:#f3f3f3}`;

/** The chain as one standalone HTML page. */
export function chainHtml(chain: Chain): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(chainTitle(chain))} ${e(chain.since)} to ${e(chain.until)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#111}${MATRIX_STYLE}</style></head>
<body><h1>${e(chainTitle(chain))}</h1>${chainHtmlBody(chain)}</body></html>
`;
}

/** `svc chain unresolved`: internal customers not linked to a person, most-named first. */
export function unresolvedTable(rows: ReadonlyArray<{ id: number; name: string; stories: number }>, look: Look): string {
  return renderTable(['id', 'colleague served', 'stories'], rows.map((r) => [`#${r.id}`, r.name, r.stories]), { tty: look.tty, head: (t) => look.color.bold(t) });
}
