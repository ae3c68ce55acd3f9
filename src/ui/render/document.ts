/**
 * A small document model shared by the training plan and the playbook, rendered as
 * plain text, Markdown or one self-contained HTML page. Every piece of user text goes
 * through the renderer's escaping: the view models hold plain strings only.
 */
import type { DocumentFormat } from '../../core/formats.ts';
import { escapeHtml, escapeMarkdown, markdownCode, markdownCodeBlock } from '../escape.ts';
import { neutralize } from '../text.ts';

export type { DocumentFormat };

/** A list item: text, or text and the command that acts on it (shown as code, never escaped into another form). */
export type ListItem = string | { text: string; command: string };

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: ListItem[]; ordered?: boolean }
  | { kind: 'quote'; text: string; cite: string }
  | { kind: 'warning'; text: string }
  | { kind: 'fields'; fields: Array<[string, string]> }
  | { kind: 'pre'; text: string }
  | { kind: 'subheading'; text: string }
  /** Links to other sections of the document by their anchor (a table of contents). */
  | { kind: 'links'; items: Array<{ text: string; anchor: string; note?: string }> }
  /** A table; empty cells stay empty (a sign-in sheet's signature column). */
  | { kind: 'table'; role: string; caption: string; headers: string[]; rows: string[][] };

/**
 * An anchor for a heading as GitHub makes it for Markdown ("Call back the same day" →
 * "call-back-the-same-day"), so the contents link the same way in HTML and Markdown.
 */
export function anchorFor(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/gu, '-');
}

export interface Section {
  /** A stable class for the section (e.g. "stories", "practice"), for styling and tests. */
  role: string;
  title: string;
  /** An anchor that links may point to (see anchorFor). */
  anchor?: string;
  blocks: Block[];
  sections?: Section[];
}

export interface Document {
  title: string;
  subtitle?: string;
  sections: Section[];
}

/** Renders the document in the format asked for. */
export function renderDocument(doc: Document, format: DocumentFormat): string {
  switch (format) {
    case 'text':
      return renderText(doc);
    case 'md':
      return renderMarkdown(doc);
    case 'html':
      return renderHtml(doc);
  }
}

// --- text -----------------------------------------------------------------------

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n');
}

function textBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return neutralize(block.text);
    case 'subheading':
      return neutralize(block.text) + ':';
    case 'list':
      return block.items
        .map((item, i) => indent(neutralize(typeof item === 'string' ? item : `${item.text}: ${item.command}`), '   ').replace(/^ {3}/u, block.ordered ? `${i + 1}. ` : ' - '))
        .join('\n');
    case 'quote':
      return indent(`“${neutralize(block.text)}”\n  — ${neutralize(block.cite)}`, '    ');
    case 'warning':
      return `! ${neutralize(block.text)}`;
    case 'fields': {
      const width = Math.max(...block.fields.map(([label]) => label.length));
      return block.fields.map(([label, value]) => `${label.padEnd(width)}  ${neutralize(value)}`).join('\n');
    }
    case 'pre':
      return indent(neutralize(block.text), '    ');
    case 'links':
      return block.items.map((item) => ` - ${neutralize(item.text)}${item.note ? ` — ${neutralize(item.note)}` : ''}`).join('\n');
    case 'table':
      return textTable(block.headers, block.rows);
  }
}

/** Columns padded to their widest cell; an empty cell becomes a line to write on. */
function textTable(headers: string[], rows: string[][]): string {
  const cells = [headers, ...rows].map((row) => row.map((cell) => neutralize(cell)));
  const widths = headers.map((_, i) => Math.max(12, ...cells.map((row) => [...(row[i] ?? '')].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (cell === '' ? '_'.repeat(widths[i] ?? 12) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return cells.map(line).join('\n');
}

function textSection(section: Section, depth: number): string {
  const title = neutralize(section.title);
  const underline = (depth === 0 ? '=' : '-').repeat(Math.min(72, [...title].length));
  const parts = [`${title}\n${underline}`, ...section.blocks.map(textBlock)];
  for (const child of section.sections ?? []) parts.push(textSection(child, depth + 1));
  return parts.join('\n\n');
}

function renderText(doc: Document): string {
  const head = [neutralize(doc.title.toUpperCase()), ...(doc.subtitle ? [neutralize(doc.subtitle)] : [])].join('\n');
  return [head, ...doc.sections.map((s) => textSection(s, 0))].join('\n\n') + '\n';
}

// --- Markdown -------------------------------------------------------------------

/** Markdown-significant characters are escaped so user text cannot become markup. */
const md = escapeMarkdown;

function mdItem(item: ListItem): string {
  return typeof item === 'string' ? md(item) : `${md(item.text)}: ${markdownCode(item.command)}`;
}

function mdBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return md(block.text);
    case 'subheading':
      return `**${md(block.text)}**`;
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${mdItem(item).replace(/\n/gu, '\n   ')}`).join('\n');
    case 'quote':
      return `${md(block.text)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')}\n>\n> — ${md(block.cite)}`;
    case 'warning':
      return `> **Warning:** ${md(block.text)}`;
    case 'fields':
      return block.fields.map(([label, value]) => `- **${md(label)}:** ${md(value)}`).join('\n');
    case 'pre':
      return markdownCodeBlock(block.text);
    case 'links':
      return block.items.map((item) => `- [${md(item.text)}](#${item.anchor})${item.note ? ` — ${md(item.note)}` : ''}`).join('\n');
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map((cell) => md(cell).replace(/\|/gu, '\\|').replace(/\n/gu, ' ')).join(' | ')} |`;
      return [row(block.headers), `|${block.headers.map(() => ' --- |').join('')}`, ...block.rows.map(row)].join('\n');
    }
  }
}

function mdSection(section: Section, depth: number): string {
  const parts = [`${'#'.repeat(depth + 2)} ${md(section.title)}`, ...section.blocks.map(mdBlock)];
  for (const child of section.sections ?? []) parts.push(mdSection(child, depth + 1));
  return parts.join('\n\n');
}

function renderMarkdown(doc: Document): string {
  const head = [`# ${md(doc.title)}`, ...(doc.subtitle ? [`_${md(doc.subtitle)}_`] : [])];
  return [...head, ...doc.sections.map((s) => mdSection(s, 0))].join('\n\n') + '\n';
}

// --- HTML -----------------------------------------------------------------------

const html = escapeHtml;

function htmlItem(item: ListItem): string {
  return typeof item === 'string' ? html(item) : `${html(item.text)}: <code>${html(item.command)}</code>`;
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${html(block.text)}</p>`;
    case 'subheading':
      return `<h4>${html(block.text)}</h4>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${htmlItem(item)}</li>`).join('')}</${tag}>`;
    }
    case 'quote':
      return `<figure class="story"><blockquote>${html(block.text)}</blockquote><figcaption>${html(block.cite)}</figcaption></figure>`;
    case 'warning':
      return `<p class="warning" role="note"><strong>Warning:</strong> ${html(block.text)}</p>`;
    case 'fields':
      return `<dl>${block.fields.map(([label, value]) => `<dt>${html(label)}</dt><dd>${html(value)}</dd>`).join('')}</dl>`;
    case 'pre':
      return `<pre>${html(block.text)}</pre>`;
    case 'links':
      return `<ol class="contents">${block.items
        .map((item) => `<li><a href="#${html(item.anchor)}">${html(item.text)}</a>${item.note ? ` <span class="note">${html(item.note)}</span>` : ''}</li>`)
        .join('')}</ol>`;
    case 'table':
      return `<table class="${html(block.role)}"><caption>${html(block.caption)}</caption><thead><tr>${block.headers
        .map((h) => `<th scope="col">${html(h)}</th>`)
        .join('')}</tr></thead><tbody>${block.rows.map((row) => `<tr>${row.map((cell) => `<td>${html(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  }
}

function htmlSection(section: Section, depth: number): string {
  const h = `h${Math.min(6, depth + 2)}`;
  const children = (section.sections ?? []).map((child) => htmlSection(child, depth + 1)).join('\n');
  const id = section.anchor ? ` id="${html(section.anchor)}"` : '';
  return `<section class="${html(section.role)}"${id}>\n<${h}>${html(section.title)}</${h}>\n${section.blocks.map(htmlBlock).join('\n')}\n${children}</section>`;
}

const STYLE = `
body{font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#fff;max-width:52rem;margin:2rem auto;padding:0 1.5rem}
h1{font-size:2rem;margin-bottom:.2rem}h2{border-bottom:2px solid #d8dde6;padding-bottom:.2rem;margin-top:2.2rem}
.subtitle{color:#5a6270;margin-top:0}
figure.story{margin:1rem 0;padding:.6rem 1rem;border-left:4px solid #3b7dd8;background:#f3f6fb}
figure.story blockquote{margin:0;white-space:pre-wrap}figcaption{color:#5a6270;font-size:.9rem;margin-top:.3rem}
.warning{background:#fff4d6;border-left:4px solid #d89b00;padding:.5rem 1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
pre{white-space:pre-wrap;background:#f6f7f9;padding:.8rem 1rem;border-radius:4px;font:inherit}
ol.contents li{margin:.2rem 0}.note{color:#444}.flag{font-weight:700;color:#7a3300}
section.procedure li{margin:.35rem 0}
table{border-collapse:collapse;width:100%;margin:.6rem 0}caption{text-align:left;font-weight:600;margin-bottom:.3rem}
th,td{border:1px solid #9aa3b0;padding:.35rem .6rem;text-align:left;vertical-align:top}
table.sign-in td{height:2.6rem}table.sign-in th:first-child{width:35%}
@page{size:A4;margin:15mm 14mm}
@media print{body{margin:0;max-width:none;font-size:12pt;padding:0}section.practice{break-inside:avoid-page}h2{break-after:avoid}a{color:inherit;text-decoration:none}
section.sign-in{break-before:page}tr{break-inside:avoid}}
`;

function renderHtml(doc: Document): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${html(doc.title)}</h1>${doc.subtitle ? `<p class="subtitle">${html(doc.subtitle)}</p>` : ''}</header>
<main>
${doc.sections.map((s) => htmlSection(s, 0)).join('\n')}
</main>
</body>
</html>
`;
}
