import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { queryDb } from '../helpers/cli.ts';
import { testEngine } from '../helpers/engine.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { eachConfiguredSandbox, writeConfig } from '../helpers/rhythm.ts';

let svc: InProcessSandbox;
let env: Record<string, string>;
eachConfiguredSandbox(inProcessSandbox, (s, e) => ([svc, env] = [s, e]));
/** The database before the test: no file on SQLite (a refused import creates none), an empty migrated database on PostgreSQL. */
let fresh: string;
beforeEach(() => {
  fresh = svc.snapshot();
  if (testEngine === 'sqlite') expect(fresh).toBe('absent');
});

const file = (name: string, content: string | Buffer): string => svc.writeFile(name, content);

/** Every stored story's text, day, staff and channel, oldest first. */
function stored(): Array<{ text: string; occurred_on: string; staff: string | null; channel: string | null }> {
  return queryDb(
    svc.db,
    `SELECT s.text, s.occurred_on, s.channel,
            (SELECT group_concat(p.name, ', ') FROM story_people sp JOIN people p ON p.id = sp.person_id WHERE sp.story_id = s.id) AS staff
       FROM stories s ORDER BY s.id`,
  ) as never;
}

/** A Google Forms export: its own headers, its timestamp format, a quoted answer over two lines. */
const GOOGLE_FORM = [
  'Timestamp,What happened?,Who helped?,How did it happen?,Email address',
  '14/03/2026 14:05:33,"Ana rang the customer back the next morning with the fix",Ana,Phone call,a@example.com',
  '15/03/2026 09:12:01,"The staff were lovely",Bo,In person,b@example.com',
  '16/03/2026 17:40:00,"Cy stayed on the line until the router worked.',
  'Then Cy explained it in plain words.","Cy, Dee",Chat,c@example.com',
].join('\n');

/** One line "svc: …", one line "hint: …", after any FILE:LINE lines. */
function expectRefusal(stderr: string, message: RegExp): string[] {
  const lines = stderr.trimEnd().split('\n');
  expect(lines.at(-2)).toMatch(/^svc: /);
  expect(lines.at(-2)).toMatch(message);
  expect(lines.at(-1)).toMatch(/^hint: /);
  return lines.slice(0, -2);
}

describe('svc stories import', () => {
  it('reads a Google Forms export by its headers, stores each story, nudges vague praise per story, and a re-import adds nothing', async () => {
    const path = file('responses.csv', GOOGLE_FORM);
    const result = await svc.run(['stories', 'import', path], { env });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('line\tid\tdate\tstaff\tchannel\ttags\ttext');
    expect(result.stdout).toContain('4\t3\t2026-03-16\tCy, Dee\tchat\t\tCy stayed on the line until the router worked. Then Cy explained it in plain words.\n');
    expect(result.stderr).toContain(`${path}:3: story #2 does not say what exactly was done; add it (svc story edit 2)`);
    expect(result.stderr).not.toContain(`${path}:2:`);
    expect(result.stderr).toContain('Imported 3 stories');
    expect(stored()).toEqual([
      { text: 'Ana rang the customer back the next morning with the fix', occurred_on: '2026-03-14', staff: 'Ana', channel: 'phone' },
      { text: 'The staff were lovely', occurred_on: '2026-03-15', staff: 'Bo', channel: 'in-person' },
      { text: 'Cy stayed on the line until the router worked.\nThen Cy explained it in plain words.', occurred_on: '2026-03-16', staff: 'Cy, Dee', channel: 'chat' },
    ]);

    const before = svc.snapshot();
    const again = await svc.run(['stories', 'import', path, '--json'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: [], alreadyImported: [2, 3, 4], invalid: [] });
    expect(again.stderr).toContain('Imported 0 stories; 3 already imported');
    expect(svc.snapshot()).toBe(before);
    // The same rows with one more answer: only the new one comes in, and a story removed here stays removed.
    expect((await svc.run(['story', 'rm', '2', '--yes'], { env })).code).toBe(0);
    const more = file('more.csv', `${GOOGLE_FORM}\n17/03/2026 08:00:00,Eve walked the customer to the right desk,Eve,In person,e@example.com\n`);
    const third = await svc.json<{ imported: Array<{ line: number; story: { id: number } }>; alreadyImported: number[] }>(['story', 'import', more], { env });
    expect(third.imported.map((row) => row.line)).toEqual([6]);
    expect(third.alreadyImported).toEqual([2, 3, 4]);
    expect(stored().map((s) => s.staff)).toEqual(['Ana', 'Cy, Dee', 'Eve']);
  });

  it("reads the timestamps of a Google Forms sheet downloaded as CSV (12-hour clock, GMT offset)", async () => {
    const path = file(
      'sheet.csv',
      [
        'Timestamp,What happened?,Who helped?',
        '2026/03/12 2:05:33 PM GMT+1,"Ana rang the customer back the next morning with the fix",Ana',
        '2026/03/13 9:40:00 AM GMT+1,"Bo walked the customer to the right desk",Bo',
      ].join('\n'),
    );
    const result = await svc.run(['stories', 'import', path], { env });
    expect(result.code).toBe(0);
    expect(stored().map((story) => [story.occurred_on, story.staff])).toEqual([
      ['2026-03-12', 'Ana'],
      ['2026-03-13', 'Bo'],
    ]);
  });

  it('--dry-run shows what would be stored and stores nothing', async () => {
    expect((await svc.run(['story', 'add', 'Ana rang back', '--staff', 'Ana'], { env })).code).toBe(0);
    const before = svc.snapshot();
    const result = await svc.run(['stories', 'import', file('responses.csv', GOOGLE_FORM), '--dry-run', '--json'], { env });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { dryRun: boolean; imported: Array<{ line: number; story: { occurredOn: string } }> };
    expect(json.dryRun).toBe(true);
    expect(json.imported.map((row) => [row.line, row.story.occurredOn])).toEqual([[2, '2026-03-14'], [3, '2026-03-15'], [4, '2026-03-16']]);
    expect(result.stderr).toContain('Dry run: would import 3 stories; nothing was stored');
    expect(svc.snapshot()).toBe(before);
  });

  it('--dry-run before the first story creates no database', async () => {
    const result = await svc.run(['stories', 'import', file('responses.csv', GOOGLE_FORM), '--dry-run'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Dry run: would import 3 stories; nothing was stored');
    expect(result.stderr).not.toContain('Created a new svc database');
    expect(svc.snapshot()).toBe(fresh);
  });

  it('maps columns by --map or by the config, the flag winning', async () => {
    const path = file('sheet.csv', 'Quand,Histoire,Équipe\n2026-03-10,Ana rang back the same day,Ana\n');
    const refused = await svc.run(['stories', 'import', path], { env });
    expect(refused.code).toBe(2);
    expectRefusal(refused.stderr, /cannot tell which column .* holds the story; its columns are: "Quand", "Histoire", "Équipe"/);
    expect(refused.stderr).toContain('hint: name the columns with --map');
    writeConfig(svc, '[import.map]\ntext = "Histoire"\nstaff = "Nobody"\n');
    const wrong = await svc.run(['stories', 'import', path], { env });
    expect(wrong.code).toBe(2);
    expectRefusal(wrong.stderr, /has no column "Nobody" \(the config maps staff to it\)/);
    const result = await svc.run(['stories', 'import', path, '--map', 'staff=Équipe,when=Quand', '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).columns).toEqual({ text: 'Histoire', staff: 'Équipe', when: 'Quand' });
    expect(stored()).toEqual([{ text: 'Ana rang back the same day', occurred_on: '2026-03-10', staff: 'Ana', channel: null }]);
  });

  it('reads JSON exports, an array or a Typeform-like {"items": […]}, naming lines of bad answers', async () => {
    const array = file('a.json', JSON.stringify([{ Story: 'Ana rang back the next day', Staff: ['Ana', 'Bo'], Date: '2026-03-01T10:00:00Z', Tags: 'call-back' }], null, 2));
    const first = await svc.run(['stories', 'import', array], { env });
    expect(first.code).toBe(0);
    expect(stored()).toEqual([{ text: 'Ana rang back the next day', occurred_on: '2026-03-01', staff: 'Ana, Bo', channel: null }]);
    const items = file(
      'typeform.json',
      '{\n  "total": 2,\n  "items": [\n    {\n      "submitted_at": "2026-03-02",\n      "text": "Bo explained the bill in plain words",\n      "staff": "Bo"\n    },\n    {\n      "submitted_at": "2031-01-01",\n      "text": "Cy called",\n      "staff": "Cy"\n    }\n  ]\n}\n',
    );
    const before = svc.snapshot();
    const bad = await svc.run(['stories', 'import', items], { env });
    expect(bad.code).toBe(2);
    expect(expectRefusal(bad.stderr, /1 of 2 rows of .*typeform\.json cannot be imported \(listed above\); nothing was stored/)).toEqual([
      `${items}:9: the date "2031-01-01" is in the future (today is 2026-03-18)`,
    ]);
    expect(svc.snapshot()).toBe(before);
    const skipped = await svc.run(['stories', 'import', items, '--skip-invalid'], { env });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain(`${items}:9: the date "2031-01-01" is in the future`);
    expect(skipped.stderr).toContain('Imported 1 story; 1 invalid row skipped');
    expect(stored().map((s) => s.text)).toEqual(['Ana rang back the next day', 'Bo explained the bill in plain words']);
  });

  it('reads JSON Lines (one answer per line), by its extension or its content, naming the line of a bad answer', async () => {
    const lines = [
      '{"occurredOn":"2026-03-02","text":"Bo explained the bill in plain words","staff":"Bo","channel":"phone"}',
      '',
      '{"occurredOn":"2026-03-03","text":"Ana carried the bags to the room","staff":["Ana","Cy"]}',
    ];
    const hotel = file('hotel.jsonl', `${lines.join('\n')}\n`);
    const result = await svc.run(['stories', 'import', hotel], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Imported 2 stories');
    expect(stored()).toEqual([
      { text: 'Bo explained the bill in plain words', occurred_on: '2026-03-02', staff: 'Bo', channel: 'phone' },
      { text: 'Ana carried the bags to the room', occurred_on: '2026-03-03', staff: 'Ana, Cy', channel: null },
    ]);
    // The same lines in a file without the extension are JSON Lines too: a re-import adds nothing.
    const again = await svc.run(['stories', 'import', file('hotel.txt', lines.join('\n'))], { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('2 already imported');
    // A line that is not JSON is named, and nothing is stored.
    const before = svc.snapshot();
    const broken = await svc.run(['stories', 'import', file('broken.jsonl', `${lines[0]}\n{"text": "Dee\n`)], { env });
    expect(broken.code).toBe(2);
    expectRefusal(broken.stderr, /broken\.jsonl is neither CSV nor JSON svc can read: line 2 is not a JSON object/);
    expect(svc.snapshot()).toBe(before);
  });

  it('reads ambiguous form dates only with --date-format, and infers the order when the file shows it', async () => {
    const ambiguous = file('us.csv', 'Timestamp,Story,Staff\n3/4/2026 9:15:00,Ana rang back,Ana\n3/5/2026 9:15:00,Bo rang back,Bo\n');
    const before = svc.snapshot();
    const refused = await svc.run(['stories', 'import', ambiguous], { env });
    expect(refused.code).toBe(2);
    expect(expectRefusal(refused.stderr, /2 of 2 rows/)).toEqual([
      `${ambiguous}:2: the date "3/4/2026 9:15:00" could be 2026-04-03 or 2026-03-04: pass --date-format D/M/YYYY or M/D/YYYY`,
      `${ambiguous}:3: the date "3/5/2026 9:15:00" could be 2026-05-03 or 2026-03-05: pass --date-format D/M/YYYY or M/D/YYYY`,
    ]);
    // No row is valid, so there are no others for --skip-invalid to import: the hint names --date-format.
    expect(refused.stderr.trimEnd().split('\n').at(-1)).toBe(
      'hint: pass --date-format D/M/YYYY or M/D/YYYY (or set import.date_format) for the dates that read both ways',
    );
    expect(svc.snapshot()).toBe(before);
    // With a valid row and another failure besides, both ways out are named.
    const mixed = file('mixed.csv', 'Timestamp,Story,Staff\n3/4/2026 9:15:00,Ana rang back,Ana\n2026-03-01,,Bo\n2026-03-02,Cy rang back,Cy\n');
    const partly = await svc.run(['stories', 'import', mixed], { env });
    expect(partly.code).toBe(2);
    expect(partly.stderr.trimEnd().split('\n').at(-1)).toBe(
      'hint: pass --date-format D/M/YYYY or M/D/YYYY (or set import.date_format) for the dates that read both ways; fix those rows, or pass --skip-invalid to import the others',
    );
    expect(svc.snapshot()).toBe(before);
    expect((await svc.run(['stories', 'import', ambiguous, '--date-format', 'M/D/YYYY'], { env })).code).toBe(0);
    expect(stored().map((s) => s.occurred_on)).toEqual(['2026-03-04', '2026-03-05']);
    // One unambiguous date (the 13th) settles the order for the whole file.
    const inferred = file('uk.csv', 'Timestamp,Story,Staff\n3/2/2026 9:15:00,Cy rang back,Cy\n13/2/2026 9:15:00,Dee rang back,Dee\n');
    expect((await svc.run(['stories', 'import', inferred], { env })).code).toBe(0);
    expect(stored().map((s) => s.occurred_on).slice(2)).toEqual(['2026-02-03', '2026-02-13']);
  });

  it.each([
    ['a date in the future', '2026-03-19', 'Ana', /the date "2026-03-19" is in the future/],
    ['a date before 2000', '1899-12-30', 'Ana', /the date "1899-12-30" is before 2000-01-01/],
    ['a date that does not exist', '31/02/2026', 'Ana', /"31\/02\/2026" is not a date svc can read/],
    ['ten names in the staff column', '2026-03-01', 'A, B, C, D, E, F, G, H, I, J', /the staff column names 10 people; a story credits at most 6/],
  ])('refuses a row with %s, naming FILE:LINE, and stores nothing', async (_name, when, staff, reason) => {
    expect((await svc.run(['story', 'add', 'Ana rang back', '--staff', 'Ana'], { env })).code).toBe(0);
    const path = file('bad.csv', `Date,Story,Staff\n2026-03-01,Bo rang back,Bo\n${when},Cy rang back,"${staff}"\n`);
    const before = svc.snapshot();
    const result = await svc.run(['stories', 'import', path], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const listed = expectRefusal(result.stderr, /1 of 2 rows of .*bad\.csv cannot be imported/);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}:3: ${reason.source}`));
    expect(svc.snapshot()).toBe(before);
  });

  it('checks each row as story add does: empty text, an unknown channel', async () => {
    const path = file('rows.csv', 'Date,Story,Staff,Channel\n2026-03-01,,Bo,phone\n2026-03-02,Cy rang back,Cy,fax\n');
    const result = await svc.run(['stories', 'import', path], { env });
    expect(result.code).toBe(2);
    expect(expectRefusal(result.stderr, /2 of 2 rows/)).toEqual([
      `${path}:2: the story text is empty`,
      `${path}:3: the channel "fax" is not one of phone, email, in-person, chat, social, other`,
    ]);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('hint: fix those rows and import again');
    expect(svc.snapshot()).toBe(fresh);
  });

  it('with --skip-invalid still refuses a file none of whose rows is valid (exit 2), dry run and --json alike, creating no database', async () => {
    const path = file('all-bad.csv', 'Date,Story,Staff,Channel\n2026-03-01,,Bo,phone\n2026-03-02,Cy rang back,Cy,fax\n');
    for (const extra of [[], ['--json'], ['--dry-run'], ['--dry-run', '--json']]) {
      const result = await svc.run(['stories', 'import', path, '--skip-invalid', ...extra], { env });
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toEqual([
        `${path}:2: the story text is empty`,
        `${path}:3: the channel "fax" is not one of phone, email, in-person, chat, social, other`,
        `svc: every row of ${path} is bad (all 2 listed above): nothing to import`,
        'hint: fix those rows and import again',
      ]);
    }
    expect(svc.snapshot()).toBe(fresh);
  });

  it('names the rows of stdin as stdin:LINE, as customers import does, the JSON keeping the "-" it was given', async () => {
    const bad = 'Date,Story,Staff\n2026-03-01,,Bo\n2026-03-02,Cy rang back the same day,Cy\n';
    const refused = await svc.run(['stories', 'import', '-', '--skip-invalid', '--dry-run'], { env, input: 'Date,Story,Staff\n2026-03-01,,Bo\n' });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trimEnd().split('\n')).toEqual([
      'stdin:2: the story text is empty',
      'svc: every row of stdin is bad (the one listed above): nothing to import',
      'hint: fix those rows and import again',
    ]);
    const some = await svc.run(['stories', 'import', '-', '--skip-invalid', '--dry-run', '--json'], { env, input: bad });
    expect(some.code, some.stderr).toBe(0);
    expect(some.stderr).toContain('stdin:2: the story text is empty\n');
    expect(JSON.parse(some.stdout)).toMatchObject({ file: '-', dryRun: true, invalid: [{ line: 2 }] });
    expect(svc.snapshot()).toBe(fresh);
  });

  it('with --skip-invalid refuses an all-bad file against stored stories, naming --date-format for dates that read both ways, changing nothing', async () => {
    expect((await svc.run(['story', 'add', 'Ana rang back', '--staff', 'Ana'], { env })).code).toBe(0);
    const before = svc.snapshot();
    const ambiguous = file('us.csv', 'Timestamp,Story,Staff\n3/4/2026 9:15:00,Ana rang back,Ana\n');
    const refused = await svc.run(['stories', 'import', ambiguous, '--skip-invalid'], { env });
    expect(refused.code).toBe(2);
    expect(expectRefusal(refused.stderr, /^svc: every row of .*us\.csv is bad \(the one listed above\): nothing to import$/)).toHaveLength(1);
    expect(refused.stderr.trimEnd().split('\n').at(-1)).toBe(
      'hint: pass --date-format D/M/YYYY or M/D/YYYY (or set import.date_format) for the dates that read both ways',
    );
    // A header and no answers is as empty with --skip-invalid as without.
    const empty = await svc.run(['stories', 'import', file('header.csv', 'Story,Staff\n'), '--skip-invalid', '--json'], { env });
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe('');
    expectRefusal(empty.stderr, /header\.csv has a header row but no answers/);
    expect(svc.snapshot()).toBe(before);
  });

  it('with --skip-invalid counts a row imported before as good: a daily import of a growing sheet with a bad row exits 0', async () => {
    const sheet = 'Date,Story,Staff\n2026-03-01,Bo rang back the same day,Bo\n2026-03-02,,Cy\n';
    const path = file('sheet.csv', sheet);
    expect((await svc.run(['stories', 'import', path, '--skip-invalid'], { env })).code).toBe(0);
    const before = svc.snapshot();
    const again = await svc.run(['stories', 'import', path, '--skip-invalid', '--json'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: [], alreadyImported: [2], invalid: [{ line: 3, reason: 'the story text is empty' }] });
    expect(again.stderr).toContain('Imported 0 stories; 1 already imported; 1 invalid row skipped');
    expect(svc.snapshot()).toBe(before);
  });

  it.each([
    ['an empty file', 'empty.csv', '', 2, /empty.csv is empty: no header row and no answers/],
    ['a header and no answers', 'header.csv', 'Story,Staff\n', 2, /header.csv has a header row but no answers/],
    ['a binary file', 'photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]), 2, /photo.csv is neither CSV nor JSON svc can read: it is not UTF-8 text/],
    ['broken JSON', 'broken.json', '[{"Story": "x",', 2, /broken.json is neither CSV nor JSON svc can read/],
    ['JSON with no answers array', 'object.json', '{"name": "form"}', 2, /object.json is neither CSV nor JSON svc can read: it holds no array of answers/],
    ['a CSV with an unclosed quote', 'quote.csv', 'Story,Staff\n"Ana rang,Ana\n', 2, /quote.csv is neither CSV nor JSON svc can read/],
  ])('refuses %s with a clean error and no database change', async (_name, name, content, code, message) => {
    const path = file(name, content);
    const result = await svc.run(['stories', 'import', path], { env });
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(2);
    expectRefusal(result.stderr, message);
    expect(svc.snapshot()).toBe(fresh);
  });

  it('refuses a missing file (exit 3), a bad --map and a bad --date-format (exit 2)', async () => {
    const missing = await svc.run(['stories', 'import', join(svc.dir, 'nope.csv')], { env });
    expect(missing.code).toBe(3);
    expectRefusal(missing.stderr, /nope\.csv does not exist/);
    const path = file('ok.csv', 'Story,Staff\nAna rang back,Ana\n');
    const map = await svc.run(['stories', 'import', path, '--map', 'colour=Story'], { env });
    expect(map.code).toBe(2);
    expectRefusal(map.stderr, /--map "colour=Story" is not FIELD=COLUMN/);
    const format = await svc.run(['stories', 'import', path, '--date-format', 'sometimes'], { env });
    expect(format.code).toBe(2);
    expectRefusal(format.stderr, /--date-format "sometimes" is not an order of day, month and year/);
    expect(svc.snapshot()).toBe(fresh);
  });
});

describe('a customer named by id in the file', () => {
  it('before the first story, every row naming an id is bad (no customer is known yet): refused, and no database is created', async () => {
    const path = file('ids.csv', 'text,staff,customer\nBo rang her back the same day,Bo,#1\n');
    for (const extra of [[], ['--skip-invalid']]) {
      const result = await svc.run(['stories', 'import', path, ...extra], { env });
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.stderr).toContain(`${path}:2: no customer #1\n`);
      expect(result.stderr).not.toContain('Created a new svc database');
    }
    expect(svc.snapshot()).toBe(fresh);
  });

  it('links "#ID" to that customer, notes a name two customers have, and refuses an unknown id before storing any row', async () => {
    expect((await svc.run(['customers', 'import', file('namesakes.csv', 'name,email\nAna Lima,a@one.org\nAna Lima,b@two.org\n')], { env })).code).toBe(0);
    const linked = () => queryDb(svc.db, 'SELECT s.text, s.customer_id FROM stories s ORDER BY s.id');

    // An unknown id is a bad row like any other: named with its line, nothing stored.
    const before = svc.snapshot();
    const bad = file('bad.csv', 'text,staff,customer\nBo rang her back the same day,Bo,#2\nCy rang her back,Cy,#9\n');
    const refused = await svc.run(['stories', 'import', bad], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad}:3: no customer #9\n`);
    expectRefusal(refused.stderr, /1 of 2 rows/);
    expect(svc.snapshot()).toBe(before);

    // Skipping the bad row, the good one goes to the customer meant.
    const skipped = await svc.run(['stories', 'import', bad, '--skip-invalid'], { env });
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(linked()).toEqual([{ text: 'Bo rang her back the same day', customer_id: 2 }]);

    // By the shared name, the oldest, with a note per row on how to choose the other.
    const byName = file('by-name.csv', 'text,staff,customer\nDee rang her back within the hour,Dee,ana lima\n');
    const result = await svc.run(['stories', 'import', byName], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${byName}:2: note: 2 customers are called "ana lima"; story #2 is linked to customer #1. If it was another: svc story edit 2 --customer '#2'\n`);
    expect(skipped.stderr).not.toContain('customers are called');
    expect(linked()).toEqual([
      { text: 'Bo rang her back the same day', customer_id: 2 },
      { text: 'Dee rang her back within the hour', customer_id: 1 },
    ]);
  });
});
