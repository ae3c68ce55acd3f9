import { showControls } from '../core/safe-text.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, highlightParts } from '../core/search.ts';

// Escape sequences in stored text must never reach a terminal raw (core/safe-text.ts).
// Highlight marks are split off before text is neutralised.

/** Makes stored text safe to print: control characters are shown visibly (\x1b, \u009b, \u202e). */
export function neutralize(text: string): string {
  return showControls(text);
}

/** Like neutralize, and also folds new lines, for one-line cells. */
export function oneLine(text: string): string {
  return neutralize(text.replace(/\s*[\r\n]+\s*/gu, ' '));
}

/** Shortens to max characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, Math.max(0, max - 1)).join('');
  // At a word boundary, unless that would throw away more than a third of the room.
  const space = cut.search(/\s\S*$/u);
  return `${(space >= cut.length * (2 / 3) ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Renders a highlighted snippet with the given marker function for matches. */
export function renderHighlights(snippet: string, mark: (text: string) => string): string {
  return highlightParts(snippet)
    .map((part) => (part.match ? mark(oneLine(part.text)) : oneLine(part.text)))
    .join('');
}

/** The snippet without highlight marks, plus where the marks were. */
export function plainHighlights(snippet: string): { text: string; highlights: Array<{ start: number; end: number }> } {
  let text = '';
  const highlights: Array<{ start: number; end: number }> = [];
  for (const part of highlightParts(snippet)) {
    if (part.match) highlights.push({ start: text.length, end: text.length + part.text.length });
    text += part.text;
  }
  return { text: text.replaceAll(HIGHLIGHT_START, '').replaceAll(HIGHLIGHT_END, ''), highlights };
}
