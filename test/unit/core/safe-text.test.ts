import { describe, expect, it } from 'vitest';
import { echo, ECHO_MAX, escapeJsonControls, messageLine, showControls, showControlsKeepingColour } from '../../../src/core/safe-text.ts';

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('the terminal sanitiser', () => {
  it('shows C0, DEL, C1 and bidirectional controls visibly, and keeps tab and new line', () => {
    const osc52 = 'Call back\u001b]52;c;UFdORUQ=\u0007';
    expect(showControls(osc52)).toBe('Call back\\x1b]52;c;UFdORUQ=\\x07');
    expect(showControls('csi\u009b31m del\u007f rlo\u202eevil lri\u2066x\u2069 cr\r')).toBe('csi\\u009b31m del\\u007f rlo\\u202eevil lri\\u2066x\\u2069 cr\\x0d');
    expect(showControls('a\tb\nc é ñ 日本')).toBe('a\tb\nc é ñ 日本');
    for (let code = 0; code < 0x2070; code++) expect(showControls(String.fromCharCode(code))).not.toMatch(RAW_CONTROL);
  });

  it('leaves JSON valid and meaning the same: C1 and bidi controls become \\u escapes', () => {
    const value = { name: 'csi\u009b31m \u202eevil', esc: '\u001b[2J' };
    const json = escapeJsonControls(JSON.stringify(value, null, 2));
    expect(json).not.toMatch(RAW_CONTROL);
    expect(json).toContain('\\u009b');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('with colour on, lets the palette\'s colours through but nothing else', () => {
    expect(showControlsKeepingColour('\u001b[32mSaved\u001b[39m')).toBe('\u001b[32mSaved\u001b[39m');
    expect(showControlsKeepingColour('\u001b[8mhidden \u001b[7minverse \u001b]52;c;x\u0007 \u001b[2J')).toBe('\\x1b[8mhidden \\x1b[7minverse \\x1b]52;c;x\\x07 \\x1b[2J');
  });

  it('cuts a long typed value and says how long it was', () => {
    const query = 'the '.repeat(30_000);
    const shown = echo(query);
    expect([...shown.split('…')[0]!].length).toBe(ECHO_MAX - 1);
    expect(shown).toMatch(/… \[120,000 characters\]$/u);
    expect(echo('short \u001b[2J')).toBe('short \\x1b[2J');
    expect(messageLine('x'.repeat(5000)).length).toBe(2000);
  });
});
