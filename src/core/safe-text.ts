// Stored text and typed input must never act on a terminal or become markup. One
// sanitiser covers every piece of text svc prints (ui/escape.ts builds on it for HTML and Markdown).

// C0 controls other than tab and new line, shown as \xNN: an escape sequence starts with
// ESC (\x1b), and a carriage return can overwrite what a line seemed to say. JSON.stringify
// already escapes these, so they never appear raw in a JSON document.
const ASCII_CONTROL = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f';
// A carriage return right before a new line ends a line (iCalendar and e-mail require
// CRLF) and overwrites nothing, so only a lone one is shown.
const LONE_CR = '\\r(?!\\n)';
// DEL, the C1 controls (U+009B alone starts a CSI sequence) and the bidirectional controls
// that reorder what a line shows (U+202E), shown as \uNNNN: the form JSON itself uses,
// so a JSON document passed through stays valid and means the same.
const OTHER_CONTROL = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const CONTROL = new RegExp(`${LONE_CR}|[${ASCII_CONTROL}${OTHER_CONTROL}]`, 'gu');
// The colour sequences svc's own palette writes (bold, dim, italic, underline, the 16
// foreground colours and their resets): with colour on, only these pass. Hidden text,
// inverse and every other sequence are still shown escaped.
const COLOUR = /\u001b\[(?:[0-4]|2[234]|3\d|9[0-7])m/u;
const CONTROL_KEEPING_COLOUR = new RegExp(`${COLOUR.source}|${LONE_CR}|[${ASCII_CONTROL}${OTHER_CONTROL}]`, 'gu');

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Shows every control character in text visibly (\x1b, \u009b, \u202e); tab, new line and CRLF stay. */
export function showControls(text: string): string {
  return text.replace(CONTROL, visible);
}

/**
 * JSON text with DEL, C1 and bidirectional controls as \u escapes: the same sanitiser, as
 * JSON.stringify leaves no other control raw; the data a reader parses is unchanged.
 */
export const escapeJsonControls: (json: string) => string = showControls;

/** Like showControls, but lets svc's own colour sequences through (for a stream that has colour on). */
export function showControlsKeepingColour(text: string): string {
  return text.replace(CONTROL_KEEPING_COLOUR, (match) => (match.length > 1 ? match : visible(match)));
}

// Messages cut what they repeat (echo, below); this bounds any line that does not.
const MAX_MESSAGE_LINE = 2000;

/** A line of a message for the terminal: controls shown visibly, at most MAX_MESSAGE_LINE characters. */
export function messageLine(text: string): string {
  const shown = showControls(text);
  return shown.length > MAX_MESSAGE_LINE ? `${shown.slice(0, MAX_MESSAGE_LINE - 1)}…` : shown;
}

/** How much of a typed value an error message repeats. */
export const ECHO_MAX = 80;

/**
 * A value the user typed, for repeating in a message: controls shown visibly, and cut
 * to ECHO_MAX characters with its full length said, so a 120 KB query is not printed back.
 */
export function echo(value: string, max = ECHO_MAX): string {
  const text = String(value); // commander hands over whatever was parsed
  const chars = [...text];
  if (chars.length <= max) return showValue(text);
  return `${showValue(chars.slice(0, max - 1).join(''))}… [${chars.length.toLocaleString('en-US')} characters]`;
}

// A repeated value stays on its message's line: a new line or carriage return in it is
// what the user has to see (a header smuggled into --to), so it is shown as \n or \r.
function showValue(text: string): string {
  return showControls(text.replace(/\r/gu, '\\r').replace(/\n/gu, '\\n'));
}
