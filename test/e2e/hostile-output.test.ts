import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nameKey } from '../../src/core/text.ts';
import { isPostgresAddress } from '../../src/store/address.ts';
import { openPostgresDatabase } from '../../src/store/postgres/database.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

// OSC 52 asks the terminal (tmux, xterm, iTerm) to put "PWNED" into the clipboard.
const OSC52 = '\u001b]52;c;UFdORUQ=\u0007';
const PRACTICE = `Call back${OSC52}`;
// Anything a terminal acts on: C0 but tab and new line, DEL, C1 (U+009B is CSI) and bidi controls.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

async function ok(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const result = await svc.run(args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
}

/**
 * Gives a stored name a hostile value, as an older svc stored it. svc now refuses control
 * characters in every name typed on the command line or imported (people, customers, tags,
 * practices), but a database written by an older version can still hold them, and svc must
 * never print them raw. So the records are made through the CLI with clean names, and the
 * name is then changed in svc.db the way the older version would have written it:
 *  - practices, people, customers: `name`, and `name_key` = nameKey(name) (cleanName, lower
 *    case), which every look-up matches on, so the record can still be found by its name;
 *  - tags: `name` (tags have no key), and the tag matchers naming it (practice_matchers
 *    holds the tag name as text, not an id).
 * Everything else refers to these records by id. Fails unless exactly one record is renamed.
 */
function plantName(table: 'practices' | 'people' | 'customers' | 'tags', from: string, to: string): void {
  // On PostgreSQL the same statements go through the store's translation (postgres/database.ts).
  const conn = isPostgresAddress(svc.db) ? (openPostgresDatabase(svc.db) as unknown as Database.Database) : new Database(svc.db, { fileMustExist: true });
  try {
    conn.transaction(() => {
      const changed =
        table === 'tags'
          ? conn.prepare('UPDATE tags SET name = ? WHERE name = ?').run(to, from).changes
          : conn.prepare(`UPDATE ${table} SET name = ?, name_key = ? WHERE name_key = ?`).run(to, nameKey(to), nameKey(from)).changes;
      if (changed !== 1) throw new Error(`plantName: ${changed} rows of ${table} called "${from}"`);
      if (table === 'tags') conn.prepare("UPDATE practice_matchers SET value = ? WHERE kind = 'tag' AND value = ?").run(to, from);
    })();
  } finally {
    conn.close();
  }
}

/** Two stories and an adopted practice whose stored name carries the clipboard attack. */
async function seedHostilePractice(): Promise<void> {
  await ok(['story', 'add', 'Ana called the customer back the next morning', '--staff', 'Ana', '--tag', 'callback']);
  await ok(['story', 'add', 'Bo rang back the next morning with the answer', '--staff', 'Bo', '--tag', 'callback']);
  await ok(['practice', 'add', 'Call back', '--tag', 'callback']);
  plantName('practices', 'Call back', PRACTICE);
  // Looking a practice up by its stored name still works, control characters and all.
  await ok(['practice', 'status', PRACTICE, 'adopted']);
}

/** Typing a control character in a name is refused (exit 2), named by code point, and changes nothing. */
async function refusedName(args: string[], code = 'U+001B'): Promise<void> {
  const before = svc.snapshot();
  const result = await svc.run(args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
  expect(result.stdout, args.join(' ')).toBe('');
  expect(result.stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
  expect(result.stderr, args.join(' ')).toMatch(new RegExp(`^svc: the .*holds a control character \\(${code.replace('+', '\\+')}\\)`));
  expect(svc.snapshot(), args.join(' ')).toBe(before);
}

describe('stored names never reach the terminal raw', () => {
  it('svc train status in a real terminal, with colour: no OSC 52, no bell; the name is shown escaped', async () => {
    await seedHostilePractice();
    await ok(['train', 'log', PRACTICE, '--people', 'Bo', '--on', '2026-03-10']);
    for (const env of [{}, { NO_COLOR: undefined }]) {
      const term = new Terminal(['train', 'status'], svc.db, env);
      expect(await term.exitCode()).toBe(0);
      const raw = (term as unknown as { raw: string }).raw;
      expect(raw).not.toContain('\u001b]52');
      expect(raw).not.toContain('\u0007');
      expect(term.screen).toContain('Call back\\x1b]52;c;UFdORUQ=\\x07');
    }
  });

  it('confirmations of practice status and adopt, train log, train plan and status, and the interview list, from stored names', async () => {
    const outputs: Array<{ args: string[]; stdout: string; stderr: string }> = [];
    const run = async (args: string[]) => outputs.push({ args, ...(await ok(args)) });
    await run(['story', 'add', 'Ana called the customer back the next morning', '--staff', 'Ana', '--tag', 'callback']);
    await run(['story', 'add', 'Bo rang back the next morning with the answer', '--staff', 'Bo', '--tag', 'callback']);
    // Typed, the hostile name is refused; an older svc stored it.
    await refusedName(['practice', 'add', PRACTICE, '--tag', 'callback']);
    await run(['practice', 'add', 'Call back', '--tag', 'callback']);
    plantName('practices', 'Call back', PRACTICE);
    plantName('tags', 'callback', `callback${OSC52}`);
    await run(['practice', 'status', PRACTICE, 'adopted']);
    await refusedName(['train', 'log', PRACTICE, '--people', `Bo, Cy${OSC52}`, '--on', '2026-03-10']);
    await run(['train', 'log', PRACTICE, '--people', 'Bo, Cy', '--on', '2026-03-10']);
    writeFileSync(join(svc.dir, 'customers.csv'), 'name,email\nDev Patel,dev@example.com\nMia Chen,mia@example.com\n');
    await run(['customers', 'import', join(svc.dir, 'customers.csv')]);
    await refusedName(['interview', 'pick', '--for', `Ana${OSC52}`, '--count', '1']);
    await run(['interview', 'pick', '--for', 'Ana', '--count', '1']);
    plantName('people', 'Cy', `Cy${OSC52}`);
    plantName('people', 'Ana', `Ana${OSC52}`);
    plantName('customers', 'Dev Patel', `Dev Patel${OSC52}`);
    plantName('customers', 'Mia Chen', 'Mia \u202eChen');
    await run(['train', 'status']);
    await run(['train', 'plan', PRACTICE]);
    await run(['practice', 'adopt', PRACTICE, '--procedure', `Ring back before noon${OSC52}`]);
    await run(['practice', 'show', PRACTICE]);
    await run(['practices']);
    await run(['playbook']);
    await run(['stories']);
    await run(['interview', 'list']);
    for (const { args, stdout, stderr } of outputs) {
      expect(stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
    }
    const shown = (args: string[]) => outputs.find((o) => o.args.join(' ') === args.join(' '));
    expect(shown(['practice', 'status', PRACTICE, 'adopted'])?.stderr).toContain('"Call back\\x1b]52;c;UFdORUQ=\\x07"');
    expect(shown(['train', 'log', PRACTICE, '--people', 'Bo, Cy', '--on', '2026-03-10'])?.stderr).toContain('"Call back\\x1b]52;c;UFdORUQ=\\x07"');
    expect(shown(['train', 'status'])?.stdout).toContain('Cy\\x1b]52;c;UFdORUQ=\\x07');
    expect(shown(['train', 'plan', PRACTICE])?.stdout).toMatch(/^TRAINING PLAN: CALL BACK\\x1b\]52;C;UFDORUQ=\\x07$/m);
    expect(shown(['practice', 'show', PRACTICE])?.stdout).toContain('tag:callback\\x1b]52;c;UFdORUQ=\\x07');
    expect(outputs.at(-1)?.stdout).toContain('Ana\\x1b]52;c;UFdORUQ=\\x07');
  });

  it('the guided prompt lists stored people escaped (a checkbox is drawn by the prompt library, not the renderers)', async () => {
    await ok(['story', 'add', 'Ana called back', '--staff', 'Ana']);
    plantName('people', 'Ana', `Ana${OSC52}`);
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

  it('U+202E (right-to-left override) and U+009B (C1 CSI) are shown as \\u escapes on the terminal', async () => {
    await ok(['story', 'add', 'Refund for order \u202e1234\u202c approved, csi \u009b31m', '--staff', 'Ana', '--title', 'Order \u202eevil']);
    for (const args of [['stories'], ['story', 'show', '1'], ['search', 'refund']]) {
      const { stdout } = await ok(args);
      expect(stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(stdout, args.join(' ')).toContain('\\u202e');
    }
    expect((await ok(['story', 'show', '1'])).stdout).toContain('\\u009b31m');
  });
});

describe('--json and export escape C1 and bidi controls, and mean the same', () => {
  const text = 'Csi \u009b31m and \u202eevil\u202c and esc \u001b[2J, all kept';

  it('--json output has no raw control, and parses back to the stored text', async () => {
    await refusedName(['story', 'add', text, '--staff', `Eve\u009b`], 'U+009B');
    await ok(['story', 'add', text, '--staff', 'Eve']);
    plantName('people', 'Eve', `Eve\u009b`);
    const { stdout } = await ok(['stories', '--json']);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).toContain('\\u009b');
    expect(stdout).toContain('\\u202e');
    expect((JSON.parse(stdout) as Array<{ text: string; staff: string[] }>)[0]).toMatchObject({ text, staff: ['Eve\u009b'] });
    expect((await ok(['story', 'show', '1', '--json'])).stdout).not.toMatch(RAW_CONTROL);
  });

  it('export (jsonl and json, to stdout and to a file) has no raw control; importing it gives the text back', async () => {
    await ok(['story', 'add', text, '--staff', 'Ana']);
    const file = join(svc.dir, 'all.jsonl');
    for (const args of [['export'], ['export', '--format', 'json'], ['export', '--out', file]]) {
      const { stdout } = await ok(args);
      expect(stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
    }
    const other = inProcessSandbox();
    try {
      const imported = await other.run(['import', file]);
      expect(imported.code, imported.stderr).toBe(0);
      expect((await other.json<Array<{ text: string }>>(['stories']))[0]?.text).toBe(text);
    } finally {
      other.cleanup();
    }
  });
});

describe('export to a terminal', () => {
  it('shows even CSV with its controls escaped; piped, CSV stays the stored data', async () => {
    await ok(['story', 'add', `Ana called back ${OSC52} \u001b]0;owned\u0007`, '--staff', 'Ana']);
    const term = new Terminal(['export', '--format', 'csv'], svc.db);
    expect(await term.exitCode()).toBe(0);
    const raw = (term as unknown as { raw: string }).raw;
    expect(raw).toContain('Ana called back \\x1b]52;c;UFdORUQ=\\x07');
    expect(raw).not.toContain('\u001b]52');
    expect(raw).not.toContain('\u001b]0;owned');
    expect((await ok(['export', '--format', 'csv'])).stdout).toContain(`Ana called back ${OSC52}`);
  });
});

describe('error messages that repeat what was typed', () => {
  const typed = `Ana${OSC52}\u009b2J\u202e`;

  it('show it escaped, in 14 commands, and change nothing', async () => {
    await ok(['story', 'add', 'Ana called back', '--staff', 'Ana']);
    await ok(['practice', 'add', 'Call back', '--tag', 'callback']);
    plantName('practices', 'Call back', PRACTICE);
    const before = svc.snapshot();
    const cases: Array<[string[], number]> = [
      [['story', 'add', 'x', '--staff', 'Ana', '--when', typed], 2],
      [['story', 'add', 'x', '--staff', 'Ana', '--channel', typed], 2],
      [['story', 'show', typed], 2],
      [['story', 'rm', typed, '--yes'], 2],
      [['interview', 'log', typed], 2],
      [['practice', 'show', typed], 3],
      [['practice', 'adopt', typed], 3],
      [['practice', 'status', typed, 'adopted'], 3],
      [['train', 'log', typed, '--people', 'Bo'], 3],
      [['train', 'plan', typed], 3],
      [['people', 'show', typed], 3],
      [['report', '--since', typed], 2],
      [['report', '--drift-weeks', typed], 2],
      [['stories', `--${typed}`], 2],
    ];
    for (const [args, code] of cases) {
      const result = await svc.run(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(code);
      expect(result.stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(result.stderr, args.join(' ')).toMatch(/^svc: .*\\x1b\]52;c;UFdORUQ=\\x07/);
      expect(result.stderr, args.join(' ')).toMatch(/\nhint: /);
    }
    expect(svc.snapshot()).toBe(before);
  });

  it('a control character in a name to be stored is refused without repeating it, and changes nothing', async () => {
    await ok(['story', 'add', 'Ana called back', '--staff', 'Ana']);
    await ok(['practice', 'add', 'Call back', '--tag', 'callback']);
    plantName('practices', 'Call back', PRACTICE);
    // Adding the stored name again was "already exists" (exit 4) with the name echoed; now the name itself is refused.
    await refusedName(['practice', 'add', PRACTICE]);
    // Every other kind of name is covered in corrections.test.ts ("control characters are refused in names").
    await refusedName(['story', 'add', 'x', '--staff', typed]);
    await refusedName(['interview', 'pick', '--for', typed]);
  });

  it('cut a 120 KB value short: "No story contains …" and the other echoes stay one short line', async () => {
    await ok(['story', 'add', 'Ana called back', '--staff', 'Ana']);
    const before = svc.snapshot();
    // A search query is capped at 1,000 characters (src/core/search.ts): longer is refused in one short line.
    const longest = await svc.run(['search', 'the '.repeat(250)]);
    expect(longest.code).toBe(0);
    expect(longest.stderr).toMatch(/^No story contains "(the ){19}the… \[1,000 characters\]"\. Try fewer words, or a prefix such as call\*\.\n$/);
    const search = await svc.run(['search', 'the '.repeat(30_000)]);
    expect(search.code).toBe(2);
    expect(search.stderr).toMatch(/^svc: the search query is 120,000 characters long; the limit is 1,000\nhint: [^\n]*\n$/);
    expect(search.stderr.length).toBeLessThan(600);
    for (const args of [
      ['practice', 'show', 'x'.repeat(120_000)],
      ['story', 'add', 'x', '--staff', 'Ana', '--when', 'y'.repeat(120_000)],
      ['people', 'show', 'z'.repeat(120_000)],
    ]) {
      const result = await svc.run(args);
      expect(result.code, args[0]).not.toBe(0);
      expect(result.stderr.length, args.join(' ').slice(0, 40)).toBeLessThan(600);
      expect(result.stderr).toContain('… [120,000 characters]');
    }
    expect(svc.snapshot()).toBe(before);
  });
});

describe('Markdown output', () => {
  it('playbook --format md: names cannot become links or HTML, and the procedure stays inside its code block', async () => {
    await ok(['story', 'add', 'Ana called back', '--staff', 'Ana', '--tag', 'callback']);
    const name = '[click me](javascript:alert(1)) <img src=x onerror=alert(1)>';
    await ok(['practice', 'add', name, '--tag', 'callback']);
    await ok(['practice', 'status', name, 'adopted']);
    const procedure = 'Step one.\n```\n[click me](javascript:alert(1))\n<img src=x onerror=alert(1)>\n```\nStep two.';
    await ok(['practice', 'adopt', name, '--procedure', procedure]);
    const md = (await ok(['playbook', '--format', 'md'])).stdout;
    // The procedure sits whole inside a fence longer than any it holds, so nothing in it closes the block.
    const fenced = /^(`{4,})text\n([\s\S]*?)\n\1$/mu.exec(md);
    expect(fenced?.[2]).toBe(procedure);
    const outside = md.replace(fenced?.[0] ?? '', '');
    // No link but the contents' own, to an anchor in the page made of letters, digits and dashes.
    expect(outside.replace(/\]\(#[\p{L}\p{N}_-]+\)/gu, ']')).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/u);
    expect(outside).toContain('](#click-mejavascriptalert1-img-srcx-onerroralert1)');
    expect(outside).not.toMatch(/(?<!\\)<img/u); // no raw HTML
    expect(outside).toContain('\\[click me\\]\\(javascript:alert\\(1\\)\\) \\<img src=x onerror=alert\\(1\\)\\>');
  });

  it('report --format md escapes practice names the same way', async () => {
    await ok(['story', 'add', 'Ana called back', '--staff', 'Ana', '--tag', 'callback']);
    await ok(['practice', 'add', '[x](javascript:alert(1))', '--tag', 'callback']);
    const md = (await ok(['report', '--format', 'md', '--since', '2026-01-01'])).stdout;
    expect(md).not.toMatch(/(?<!\\)\[x(?<!\\)\]\(/u);
    expect(md).toContain('\\[x\\]\\(javascript:alert\\(1\\)\\)');
  });
});
