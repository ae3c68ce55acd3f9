import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunResult } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(async () => {
  svc = inProcessSandbox();
  expect((await svc.run(['story', 'add', 'Ana called the customer back the same day', '--staff', 'Ana', '--customer', 'Mrs Diaz'])).code).toBe(0);
  expect((await svc.run(['practice', 'add', 'Call back the same day', '--tag', 'call-back'])).code).toBe(0);
});
afterEach(() => svc.cleanup());

/** Exit code, nothing on stdout, one "svc: …" line matching message and one "hint: …" line, and nothing stored. */
function expectRefused(result: RunResult, before: string, code: number, message: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^svc: /);
  expect(lines[0]).toMatch(message);
  expect(lines[1]).toMatch(/^hint: /);
  expect(lines).toHaveLength(2);
  expect(svc.snapshot()).toBe(before);
}

async function refused(args: string[], code: number, message: RegExp, input?: string | Buffer): Promise<void> {
  const before = svc.snapshot();
  const result = await svc.run(args, input === undefined ? {} : { input });
  expectRefused(result, before, code, message);
}

describe('numeric flags are range-checked: exit 2, never "this is a bug"', () => {
  it.each([
    ['report --drift-weeks 1000000000000', ['report', '--drift-weeks', '1000000000000'], /--drift-weeks "1000000000000" is not a whole number from 1 to 52/],
    ['interview pick --cooldown 1000000000000', ['interview', 'pick', '--cooldown', '1000000000000'], /--cooldown "1000000000000" is not a whole number from 0 to 3,650/],
    ['stories --limit 9223372036854775807', ['stories', '--limit', '9223372036854775807'], /--limit "9223372036854775807" is not a whole number from 0 to 1,000,000/],
    ['search --limit 99999999999999999999', ['search', 'called', '--limit', '99999999999999999999'], /--limit "99999999999999999999" is not a whole number from 1 to 1,000/],
    ['practice adopt --review-every 1000000000', ['practice', 'adopt', 'Call back the same day', '--procedure', 'Call back.', '--review-every', '1000000000'], /--review-every "1000000000" is not a whole number from 1 to 3,650/],
    ['interview pick --count 1000000', ['interview', 'pick', '--count', '1000000'], /--count "1000000" is not a whole number from 1 to 100/],
    ['detect --min-stories 1e9', ['detect', '--min-stories', '1e9'], /--min-stories "1e9" is not a whole number/],
    ['report --since 0001-01-01', ['report', '--since', '0001-01-01'], /--since 0001-01-01 is before 1900-01-01/],
    ['story add --when 1066-10-14', ['story', 'add', 'ok', '--staff', 'Bo', '--when', '1066-10-14'], /--when 1066-10-14 is before 1900-01-01/],
  ])('%s', async (_name, args, message) => await refused(args, 2, message));

  it('answers a number out of range and a word with the same wording and hint', async () => {
    const answers = [];
    for (const typed of ['0', 'abc', '4.5', '100001']) {
      const before = svc.snapshot();
      const result = await svc.run(['detect', '--min-stories', typed]);
      expectRefused(result, before, 2, /./u);
      answers.push(result.stderr);
    }
    expect(answers).toEqual(
      ['0', 'abc', '4.5', '100001'].map((typed) => `svc: --min-stories "${typed}" is not a whole number from 1 to 100,000\nhint: e.g. --min-stories 10\n`),
    );
  });

  it('interview log 0 names an interview id, not a story id', async () => await refused(['interview', 'log', '0', '--learned', 'web'], 2, /^svc: "0" is not an interview id$/));
});

describe('every text field is capped, the same on the command line as in an import', () => {
  it.each([
    ['a 300-character title', ['story', 'add', 'ok', '--staff', 'Bo', '--title', 't'.repeat(300)], /--title is 300 characters long; the limit is 200/],
    ['a 3,000-character impact', ['story', 'add', 'ok', '--staff', 'Bo', '--impact', 'i'.repeat(3000)], /--impact is 3000 characters long; the limit is 2000/],
    ['a 120 KB staff name', ['story', 'add', 'ok', '--staff', 'n'.repeat(120_000)], /--staff is 120000 characters long; the limit is 100/],
    ['a 250-character customer', ['story', 'add', 'ok', '--staff', 'Bo', '--customer', 'c'.repeat(250)], /--customer is 250 characters long; the limit is 200/],
    ['a 100-character tag', ['story', 'add', 'ok', '--staff', 'Bo', '--tag', 'x'.repeat(100)], /--tag is 100 characters long; the limit is 60/],
    ['51 tags', ['story', 'add', 'ok', '--staff', 'Bo', '--tag', Array.from({ length: 51 }, (_, i) => `t${i}`).join(',')], /51 values for --tag; the limit is 50/],
    ['training notes of 3,000 characters', ['train', 'log', 'Call back the same day', '--people', 'Ana', '--notes', 'n'.repeat(3000)], /--notes is 3000 characters long; the limit is 2000/],
    ['a 200-character practice name', ['practice', 'add', 'p'.repeat(200)], /the practice name is 200 characters long; the limit is 120/],
    ['a 300-character --phrase', ['practice', 'add', 'Explain in plain words', '--phrase', 'p '.repeat(150)], /--phrase is 299 characters long; the limit is 200/],
    ['a 200-character practice rename', ['practice', 'rename', 'Call back the same day', 'p'.repeat(200)], /the practice name is 200 characters long; the limit is 120/],
  ])('%s', async (_name, args, message) => await refused(args, 2, message));
});

describe('stdin and files are read as streams, with a cap, and must be UTF-8', () => {
  it('50 MB on stdin is refused once the first megabyte is passed', async () => {
    await refused(['story', 'add', '--staff', 'Ana'], 2, /^svc: the text on stdin is larger than 1 MB; svc stopped reading it$/, Buffer.alloc(50 * 1024 * 1024, 'a'));
  });

  it('--procedure-file /dev/zero is refused, not read for ever', async () => {
    await refused(['practice', 'adopt', 'Call back the same day', '--procedure-file', '/dev/zero'], 2, /^svc: \/dev\/zero is larger than 1 MB; svc stopped reading it$/);
  });

  it('a customer list from /dev/zero is refused after 64 MB', async () => {
    await refused(['customers', 'import', '/dev/zero'], 2, /^svc: \/dev\/zero is larger than 64 MB; svc stopped reading it$/);
  });

  it('UTF-16 on stdin is refused', async () => {
    await refused(['story', 'add', '--staff', 'Ana'], 2, /^svc: the text on stdin is UTF-16 text, not UTF-8$/, Buffer.from('\ufeffAna rang back', 'utf16le'));
  });

  it('invalid UTF-8 in a procedure file is refused with its byte offset', async () => {
    const file = join(svc.dir, 'procedure.md');
    writeFileSync(file, Buffer.concat([Buffer.from('1. Call back the same day. 2. Caf'), Buffer.from([0xe9]), Buffer.from(' ok')]));
    await refused(['practice', 'adopt', 'Call back the same day', '--procedure-file', file], 2, /^svc: .*procedure\.md is not valid UTF-8 text \(byte 33\)$/);
  });
});

describe('search is bounded', () => {
  it('"the" 200 times is one term, and answers', async () => {
    const result = await svc.run(['search', Array.from({ length: 200 }, () => 'the').join(' '), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it.each([
    ['10,000 prefix terms', Array.from({ length: 10_000 }, (_, i) => `w${i}*`).join(' '), /the search query is [\d,]+ characters long; the limit is 1,000/],
    ['100 words', Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '), /the search query has 100 different words; the limit is 16/],
    ['5 prefix terms', 'a* b* c* d* e*', /the search query has 5 prefix words \(ending in \*\); the limit is 4/],
    ['a 120 KB query', 'q'.repeat(120_000), /the search query is 120,000 characters long; the limit is 1,000/],
  ])('%s', async (_name, query, message) => await refused(['search', query], 2, message));
});

describe('import applies the command line\'s rules to every record', () => {
  let file: string;
  let other: InProcessSandbox;
  beforeEach(async () => {
    other = inProcessSandbox();
    expect((await other.run(['story', 'add', 'Bo stayed late to finish the month end', '--staff', 'Bo'])).code).toBe(0);
    file = join(other.dir, 'in.jsonl');
    expect((await svc.run(['export', '-o', file])).code).toBe(0);
  });
  afterEach(() => other.cleanup());

  /** Rewrites the first row of a table in the export. */
  function editRow(table: string, change: (row: Record<string, unknown>) => void): void {
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((line) => line.startsWith(`{"table":"${table}"`));
    const entry = JSON.parse(lines[index] ?? '') as { table: string; row: Record<string, unknown> };
    change(entry.row);
    lines[index] = JSON.stringify(entry);
    writeFileSync(file, lines.join('\n'));
  }

  async function importRefused(message: RegExp): Promise<void> {
    const before = other.snapshot();
    const result = await other.run(['import', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\nhint: .+\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(other.snapshot()).toBe(before);
  }

  it.each([
    ['a 300,000-character story', (row: Record<string, unknown>) => (row.text = 'Ana called back. '.repeat(17_648)), /holds a stories row \(line \d+\) this database cannot take: the story text is 300015 characters long; the limit is 20000/],
    ['"yesterday" as a date', (row: Record<string, unknown>) => (row.occurred_on = 'yesterday'), /occurred_on "yesterday" is not a date written as YYYY-MM-DD/],
    ['9999-99-99', (row: Record<string, unknown>) => (row.occurred_on = '9999-99-99'), /occurred_on "9999-99-99" is not a date svc understands/],
    ['a date in the future', (row: Record<string, unknown>) => (row.occurred_on = '2030-01-01'), /occurred_on 2030-01-01 is in the future/],
    ['a number where text belongs', (row: Record<string, unknown>) => (row.text = 42), /text must be text, not 42/],
    ['a 300-character title', (row: Record<string, unknown>) => (row.title = 't'.repeat(300)), /--title is 300 characters long; the limit is 200/],
  ])('stories: %s', async (_name, change, message) => {
    editRow('stories', change);
    await importRefused(message);
  });

  it('a person whose name disagrees with its key', async () => {
    editRow('people', (row) => (row.name = 'Zed'));
    await importRefused(/holds a people row \(line \d+\) this database cannot take: its name_key "ana" does not belong to the name "Zed"/);
  });

  it('a tag not written as svc writes tags', async () => {
    editRow('tags', (row) => (row.name = '#Follow Up'));
    await importRefused(/the tag "#Follow Up" is not written as svc writes tags/);
  });

  it('a header counting a table named "constructor" names the count, not a function', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(2, 0, JSON.stringify({ table: 'constructor', row: {} }));
    writeFileSync(file, lines.join('\n'));
    await importRefused(/its header promises 0 constructor rows, the file holds 1/);
  });

  it('a 2 GB line is refused after its first megabytes', async () => {
    const header = readFileSync(file, 'utf8').split('\n')[0];
    writeFileSync(file, `${header}\n{"table":"stories","row":{"text":"`);
    truncateSync(file, 2 * 1024 * 1024 * 1024); // sparse: no disk used
    await importRefused(/is damaged: line 2 is longer than 4 MB, more than any svc record/);
  });
});
