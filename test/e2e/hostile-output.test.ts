import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
});
afterEach(() => svc.cleanup());

// OSC 52 asks the terminal (tmux, xterm, iTerm) to put "PWNED" into the clipboard.
const OSC52 = '\u001b]52;c;UFdORUQ=\u0007';
const PRACTICE = `Call back${OSC52}`;
// Anything a terminal acts on: C0 but tab and new line, DEL, C1 (U+009B is CSI) and bidi controls.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function ok(args: string[]): { stdout: string; stderr: string } {
  const result = svc.run(args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
}

/** Two stories and an adopted practice whose name carries the clipboard attack. */
function seedHostilePractice(): void {
  ok(['story', 'add', 'Ana called the customer back the next morning', '--staff', 'Ana', '--tag', 'callback']);
  ok(['story', 'add', 'Bo rang back the next morning with the answer', '--staff', 'Bo', '--tag', 'callback']);
  ok(['practice', 'add', PRACTICE, '--tag', 'callback']);
  ok(['practice', 'status', PRACTICE, 'adopted']);
}

describe('stored names never reach the terminal raw', () => {
  it('svc train status in a real terminal, with colour: no OSC 52, no bell; the name is shown escaped', async () => {
    seedHostilePractice();
    ok(['train', 'log', PRACTICE, '--people', 'Bo', '--on', '2026-03-10']);
    for (const env of [{}, { NO_COLOR: undefined }]) {
      const term = new Terminal(['train', 'status'], svc.db, env);
      expect(await term.exitCode()).toBe(0);
      const raw = (term as unknown as { raw: string }).raw;
      expect(raw).not.toContain('\u001b]52');
      expect(raw).not.toContain('\u0007');
      expect(term.screen).toContain('Call back\\x1b]52;c;UFdORUQ=\\x07');
    }
  });

  it('confirmations of practice add, status and adopt, train log, train plan and status, and the interview invitation', () => {
    const outputs: Array<{ args: string[]; stdout: string; stderr: string }> = [];
    const run = (args: string[]) => outputs.push({ args, ...ok(args) });
    run(['story', 'add', 'Ana called the customer back the next morning', '--staff', 'Ana', '--tag', 'callback']);
    run(['story', 'add', 'Bo rang back the next morning with the answer', '--staff', 'Bo', '--tag', 'callback']);
    run(['practice', 'add', PRACTICE, '--tag', 'callback']);
    run(['practice', 'status', PRACTICE, 'adopted']);
    run(['train', 'log', PRACTICE, '--people', `Bo, Cy${OSC52}`, '--on', '2026-03-10']);
    run(['train', 'status']);
    run(['train', 'plan', PRACTICE]);
    run(['practice', 'adopt', PRACTICE, '--procedure', `Ring back before noon${OSC52}`]);
    run(['practice', 'show', PRACTICE]);
    run(['practices']);
    run(['playbook']);
    writeFileSync(join(svc.dir, 'customers.csv'), 'name,email\nDev Patel,dev@example.com\nMia Chen,mia@example.com\n');
    run(['customers', 'import', join(svc.dir, 'customers.csv')]);
    run(['interview', 'pick', '--for', `Ana${OSC52}`, '--count', '1']);
    for (const { args, stdout, stderr } of outputs) {
      expect(stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
    }
    const shown = (args: string[]) => outputs.find((o) => o.args === args || o.args.join(' ') === args.join(' '));
    expect(shown(['practice', 'add', PRACTICE, '--tag', 'callback'])?.stderr).toContain('Added practice "Call back\\x1b]52;c;UFdORUQ=\\x07"');
    expect(shown(['train', 'plan', PRACTICE])?.stdout).toMatch(/^TRAINING PLAN: CALL BACK\\x1b\]52;C;UFDORUQ=\\x07$/m);
    expect(outputs.at(-1)?.stdout).toContain('Ana\\x1b]52;c;UFdORUQ=\\x07');
  });

  it('the guided prompt lists stored people escaped (a checkbox is drawn by the prompt library, not the renderers)', async () => {
    ok(['story', 'add', 'Ana called back', '--staff', `Ana${OSC52}`]);
    const before = svc.snapshot();
    const term = new Terminal(['story', 'add'], svc.db);
    await term.waitFor('Who delivered it?');
    await term.waitFor('Ana\\x1b]52;c;UFdORUQ=\\x07');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    const raw = (term as unknown as { raw: string }).raw;
    expect(raw).not.toContain('\u001b]52');
    expect(raw).not.toContain('\u0007');
    expect(svc.snapshot()).toBe(before);
  });

  it('U+202E (right-to-left override) and U+009B (C1 CSI) are shown as \\u escapes on the terminal', () => {
    ok(['story', 'add', 'Refund for order \u202e1234\u202c approved, csi \u009b31m', '--staff', 'Ana', '--title', 'Order \u202eevil']);
    for (const args of [['stories'], ['story', 'show', '1'], ['search', 'refund']]) {
      const { stdout } = ok(args);
      expect(stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(stdout, args.join(' ')).toContain('\\u202e');
    }
    expect(ok(['story', 'show', '1']).stdout).toContain('\\u009b31m');
  });
});

describe('--json and export escape C1 and bidi controls, and mean the same', () => {
  const text = 'Csi \u009b31m and \u202eevil\u202c and esc \u001b[2J, all kept';

  it('--json output has no raw control, and parses back to the stored text', () => {
    ok(['story', 'add', text, '--staff', `Eve\u009b`]);
    const { stdout } = ok(['stories', '--json']);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).toContain('\\u009b');
    expect(stdout).toContain('\\u202e');
    expect((JSON.parse(stdout) as Array<{ text: string; staff: string[] }>)[0]).toMatchObject({ text, staff: ['Eve\u009b'] });
    expect(ok(['story', 'show', '1', '--json']).stdout).not.toMatch(RAW_CONTROL);
  });

  it('export (jsonl and json, to stdout and to a file) has no raw control; importing it gives the text back', () => {
    ok(['story', 'add', text, '--staff', 'Ana']);
    const file = join(svc.dir, 'all.jsonl');
    for (const args of [['export'], ['export', '--format', 'json'], ['export', '--out', file]]) {
      const { stdout } = ok(args);
      expect(stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
    }
    const other = sandbox();
    try {
      const imported = other.run(['import', file]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(other.json<Array<{ text: string }>>(['stories'])[0]?.text).toBe(text);
    } finally {
      other.cleanup();
    }
  });
});

describe('export to a terminal', () => {
  it('shows even CSV with its controls escaped; piped, CSV stays the stored data', async () => {
    ok(['story', 'add', `Ana called back ${OSC52} \u001b]0;owned\u0007`, '--staff', 'Ana']);
    const term = new Terminal(['export', '--format', 'csv'], svc.db);
    expect(await term.exitCode()).toBe(0);
    const raw = (term as unknown as { raw: string }).raw;
    expect(raw).toContain('Ana called back \\x1b]52;c;UFdORUQ=\\x07');
    expect(raw).not.toContain('\u001b]52');
    expect(raw).not.toContain('\u001b]0;owned');
    expect(ok(['export', '--format', 'csv']).stdout).toContain(`Ana called back ${OSC52}`);
  });
});

describe('error messages that repeat what was typed', () => {
  const typed = `Ana${OSC52}\u009b2J\u202e`;

  it('show it escaped, in 14 commands, and change nothing', () => {
    ok(['story', 'add', 'Ana called back', '--staff', 'Ana']);
    ok(['practice', 'add', PRACTICE, '--tag', 'callback']);
    const before = svc.snapshot();
    const cases: Array<[string[], number]> = [
      [['story', 'add', 'x', '--staff', 'Ana', '--when', typed], 2],
      [['story', 'add', 'x', '--staff', 'Ana', '--channel', typed], 2],
      [['story', 'show', typed], 2],
      [['story', 'rm', typed, '--yes'], 2],
      [['interview', 'log', typed], 2],
      [['practice', 'show', typed], 3],
      [['practice', 'add', PRACTICE], 4],
      [['practice', 'status', typed, 'adopted'], 3],
      [['train', 'log', typed, '--people', 'Bo'], 3],
      [['train', 'plan', typed], 3],
      [['people', 'show', typed], 3],
      [['report', '--since', typed], 2],
      [['report', '--drift-weeks', typed], 2],
      [['stories', `--${typed}`], 2],
    ];
    for (const [args, code] of cases) {
      const result = svc.run(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(code);
      expect(result.stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(result.stderr, args.join(' ')).toMatch(/^svc: .*\\x1b\]52;c;UFdORUQ=\\x07/);
      expect(result.stderr, args.join(' ')).toMatch(/\nhint: /);
    }
    expect(svc.snapshot()).toBe(before);
  });

  it('cut a 120 KB value short: "No story contains …" and the other echoes stay one short line', () => {
    ok(['story', 'add', 'Ana called back', '--staff', 'Ana']);
    const before = svc.snapshot();
    const query = 'the '.repeat(30_000);
    const search = svc.run(['search', query]);
    expect(search.code).toBe(0);
    expect(search.stderr).toMatch(/^No story contains "(the ){19}the… \[120,000 characters\]"\. Try fewer words, or a prefix such as call\*\.\n$/);
    for (const args of [
      ['practice', 'show', 'x'.repeat(120_000)],
      ['story', 'add', 'x', '--staff', 'Ana', '--when', 'y'.repeat(120_000)],
      ['people', 'show', 'z'.repeat(120_000)],
    ]) {
      const result = svc.run(args);
      expect(result.code, args[0]).not.toBe(0);
      expect(result.stderr.length, args.join(' ').slice(0, 40)).toBeLessThan(600);
      expect(result.stderr).toContain('… [120,000 characters]');
    }
    expect(svc.snapshot()).toBe(before);
  });
});

describe('Markdown output', () => {
  it('playbook --format md: names cannot become links or HTML, and the procedure stays inside its code block', () => {
    ok(['story', 'add', 'Ana called back', '--staff', 'Ana', '--tag', 'callback']);
    const name = '[click me](javascript:alert(1)) <img src=x onerror=alert(1)>';
    ok(['practice', 'add', name, '--tag', 'callback']);
    ok(['practice', 'status', name, 'adopted']);
    const procedure = 'Step one.\n```\n[click me](javascript:alert(1))\n<img src=x onerror=alert(1)>\n```\nStep two.';
    ok(['practice', 'adopt', name, '--procedure', procedure]);
    const md = ok(['playbook', '--format', 'md']).stdout;
    // The procedure sits whole inside a fence longer than any it holds, so nothing in it closes the block.
    const fenced = /^(`{4,})text\n([\s\S]*?)\n\1$/mu.exec(md);
    expect(fenced?.[2]).toBe(procedure);
    const outside = md.replace(fenced?.[0] ?? '', '');
    expect(outside).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/u); // no link
    expect(outside).not.toMatch(/(?<!\\)<img/u); // no raw HTML
    expect(outside).toContain('\\[click me\\]\\(javascript:alert\\(1\\)\\) \\<img src=x onerror=alert\\(1\\)\\>');
  });

  it('report --format md escapes practice names the same way', () => {
    ok(['story', 'add', 'Ana called back', '--staff', 'Ana', '--tag', 'callback']);
    ok(['practice', 'add', '[x](javascript:alert(1))', '--tag', 'callback']);
    const md = ok(['report', '--format', 'md', '--since', '2026-01-01']).stdout;
    expect(md).not.toMatch(/(?<!\\)\[x(?<!\\)\]\(/u);
    expect(md).toContain('\\[x\\]\\(javascript:alert\\(1\\)\\)');
  });
});
