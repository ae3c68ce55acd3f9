/**
 * Escaping of user text for the document formats svc writes, one function per format.
 * Both show control characters visibly (\x1b, \u202e), as the terminal does: a control
 * in stored text is something to see, not to hide or to let act.
 */
import { showControls } from '../core/safe-text.ts';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Makes any text safe inside HTML element content and quoted attribute values: the
 * characters that can open a tag, an entity or leave an attribute become entities, and
 * controls are shown visibly (a NUL or a bidirectional override would otherwise act
 * unseen). null and undefined become the empty string, numbers their digits.
 */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return showControls(String(value)).replace(/[&<>"'`]/gu, (c) => HTML_ESCAPES[c] ?? c);
}

// Characters Markdown (CommonMark and GitHub's) can act on; a backslash makes each literal.
const MARKDOWN_SIGNIFICANT = /[\\`*_{}[\]<>()#+!|~&]/gu;
// At the start of a line, these make a list item, a heading underline or a rule
// ("1." is escaped as "1\.": a backslash before a digit would show).
const MARKDOWN_LINE_START = /^(\s*)([-=]|\d+(?=\.))/gmu;

/**
 * User text inside Markdown: every character Markdown acts on is escaped, so stored
 * text cannot become a link (`[click me](javascript:…)`), raw HTML (`<img onerror>`),
 * emphasis or a heading. Controls are shown visibly.
 */
export function escapeMarkdown(text: string): string {
  return showControls(text)
    .replace(MARKDOWN_SIGNIFICANT, '\\$&')
    .replace(MARKDOWN_LINE_START, (_, space: string, mark: string) => (/\d/u.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`));
}

/** User text on one Markdown line (a table cell, a heading): new lines folded, then escaped. */
export function escapeMarkdownLine(text: string): string {
  return escapeMarkdown(text.replace(/\s*[\r\n]+\s*/gu, ' '));
}

/** The shortest run of backticks longer than any run inside text, at least `min` long. */
function fenceFor(text: string, min: number): string {
  return '`'.repeat(Math.max(min, ...[...text.matchAll(/`+/gu)].map((m) => m[0].length + 1)));
}

/** Text as a fenced code block that nothing inside it can close: its fence is longer than any run of backticks in it. */
export function markdownCodeBlock(text: string, info = 'text'): string {
  const fence = fenceFor(text, 3);
  return `${fence}${info}\n${showControls(text)}\n${fence}`;
}

/**
 * A command as inline Markdown code: copied from the source or the rendered page it
 * runs as shown, where backslash escapes would break it. Inside a code span nothing is
 * markup, so only the fence has to outgrow the backticks in it; one line always.
 */
export function markdownCode(text: string): string {
  const line = showControls(text.replace(/\s*[\r\n]+\s*/gu, ' '));
  const fence = fenceFor(line, 1);
  // A span that starts or ends with a backtick needs a space inside its fence.
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}
