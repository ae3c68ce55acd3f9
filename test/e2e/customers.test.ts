import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { queryDb } from '../helpers/cli.ts';
import { testEngine } from '../helpers/engine.ts';

interface CustomerJson {
  id: number;
  name: string;
  segment: string | null;
  externalId: string | null;
  email?: string | null;
  phone?: string | null;
  lastContactedOn: string | null;
}

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

const file = (name: string, content: string | Buffer): string => svc.writeFile(name, content);

const GOOD = [
  'name,email,phone,segment,external id',
  'Maria Diaz,maria@example.com,+44 20 7946 0958,retail,C-1',
  '"Smith, Jo",jo@example.com,555-0101,retail,C-2',
  'Иван Петров,ivan@example.ru,+7 495 123 45 67,wholesale,C-3',
  '王芳,wang@example.cn,13800138000,retail,C-4',
].join('\n');

describe('svc customers import', () => {
  it('imports a good file, and re-importing it changes nothing', async () => {
    const path = file('customers.csv', GOOD);
    const first = await svc.run(['customers', 'import', path]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('4 added, 0 updated, 0 unchanged');
    const customers = await svc.json<CustomerJson[]>(['customers', '--include-contacts']);
    expect(customers.map((c) => c.name).sort()).toEqual(['Maria Diaz', 'Smith, Jo', 'Иван Петров', '王芳'].sort());
    expect(customers.find((c) => c.externalId === 'C-1')).toMatchObject({ email: 'maria@example.com', phone: '+442079460958', segment: 'retail' });

    const before = svc.snapshot();
    const again = await svc.run(['customers', 'import', path]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('0 added, 0 updated, 4 unchanged');
    expect(svc.snapshot()).toBe(before);
  });

  it('names a customer it added beside an older one of the same name, with the merge to run', async () => {
    expect((await svc.run(['story', 'add', 'Jo explained the bill line by line to Mrs Lee', '--staff', 'Jo', '--customer', 'Mrs Lee'])).code).toBe(0);
    const result = await svc.run(['customers', 'import', file('owners.csv', 'name,email\nMrs Lee,lee@example.com\nRaj Patel,raj@example.com\n')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`note: customer #2 "Mrs Lee" is new, and customer #1 has the same name; if they are one person: svc customer merge '#1' '#2'\n`);
    expect(result.stderr).not.toContain('Raj Patel');
    // Re-importing adds no one, so there is nothing more to say.
    const again = await svc.run(['customers', 'import', file('owners.csv', 'name,email\nMrs Lee,lee@example.com\n')]);
    expect(again.stderr).not.toContain('note:');

    // The merge it names works as written.
    expect((await svc.run(['customer', 'merge', '#1', '#2', '--yes'])).code).toBe(0);
    const customers = await svc.json<CustomerJson[]>(['customers', '--include-contacts']);
    expect(customers.filter((c) => c.name === 'Mrs Lee')).toEqual([expect.objectContaining({ id: 2, email: 'lee@example.com' })]);
  });

  it('matches on external id, else email, else name and phone, and updates what changed', async () => {
    await svc.run(['customers', 'import', file('a.csv', 'name,email,phone,external id\nMaria Diaz,maria@example.com,,C-1\nJo,,555 0101,\nLi,li@example.cn,,\n')]);
    const result = await svc.json<{ added: number; updated: number; unchanged: number }>([
      'customers', 'import',
      file('b.csv', 'name,email,phone,segment,external id\nMaria D.,new@example.com,,vip,C-1\nJo,,5550101,retail,\nLi,LI@example.cn,,,L-9\n'),
    ]);
    expect(result).toMatchObject({ added: 0, updated: 3, unchanged: 0 });
    const byName = Object.fromEntries((await svc.json<CustomerJson[]>(['customers', '--include-contacts'])).map((c) => [c.name, c]));
    expect(byName['Maria D.']).toMatchObject({ email: 'new@example.com', segment: 'vip', externalId: 'C-1' });
    expect(byName.Jo).toMatchObject({ phone: '5550101', segment: 'retail' });
    expect(byName.Li).toMatchObject({ email: 'li@example.cn', externalId: 'L-9' });
  });

  it('reads a BOM, CRLF line ends, quoted commas and new lines, and non-Latin names', async () => {
    const path = file('excel.csv', '\uFEFFName,Email\r\n"Diaz, Maria","maria@example.com"\r\n"Two\r\nLines",two@example.com\r\n\r\nΓιώργος Παπαδόπουλος,g@example.gr\r\n');
    expect((await svc.run(['customers', 'import', path])).code).toBe(0);
    expect((await svc.json<CustomerJson[]>(['customers'])).map((c) => c.name)).toEqual(['Diaz, Maria', 'Two Lines', 'Γιώργος Παπαδόπουλος']);
  });

  it('imports a .json list', async () => {
    const path = file('list.json', JSON.stringify([{ name: 'Ana Cliente', email: 'ana@example.com', externalId: 7 }, { name: 'Bo', phone: '555 0199' }]));
    expect(await svc.json(['customers', 'import', path])).toMatchObject({ added: 2, skipped: [] });
    expect(await svc.json<CustomerJson[]>(['customers'])).toMatchObject([{ name: 'Ana Cliente', externalId: '7' }, { name: 'Bo' }]);
  });

  it('reads a row repeated word for word once', async () => {
    const path = file('dup.csv', 'name,email\nJo,jo@example.com\nJo,JO@example.com\n');
    const result = await svc.run(['customers', 'import', path]);
    expect(result.stderr).toContain('1 added, 0 updated, 0 unchanged (1 repeated row read once)');
  });

  it('refuses a file with bad rows, one line per row, and imports nothing', async () => {
    await svc.run(['customers', 'import', file('ok.csv', 'name,email\nKept,kept@example.com\n')]);
    const before = svc.snapshot();
    const path = file('bad.csv', [
      'name,email,phone,segment',
      'Good One,good@example.com,,',
      ',nobody@example.com,,',
      'Bad Mail,bad@,,',
      'Bad Phone,,call me maybe,',
      `${'x'.repeat(201)},,,`,
      'Good One,good@example.com,555 0101,',
    ].join('\n'));
    const result = await svc.run(['customers', 'import', path]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      `${path}:3: the name is empty`,
      `${path}:4: "bad@" is not an email address`,
      `${path}:5: "call me maybe" is not a phone number (digits, spaces, + - ( ) . only)`,
      `${path}:6: the name is longer than 200 characters`,
      `${path}:7: the same customer as line 2, with other details`,
      `svc: ${path} has 5 bad rows; nothing was imported`,
      'hint: fix the rows listed above and import again, or pass --skip-invalid to import the good rows',
    ]);
    expect(svc.snapshot()).toBe(before);
  });

  it('does not offer --skip-invalid when no row is good, and creates no database', async () => {
    const path = file('all-bad.csv', ['name,email', ',nobody@example.com', 'Bad Mail,bad@'].join('\n'));
    // No file on SQLite (a refused import creates none); an empty migrated database on PostgreSQL.
    const before = svc.snapshot();
    if (testEngine === 'sqlite') expect(before).toBe('absent');
    const result = await svc.run(['customers', 'import', path]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      `${path}:2: the name is empty`,
      `${path}:3: "bad@" is not an email address`,
      `svc: ${path} has 2 bad rows; nothing was imported`,
      'hint: fix the rows listed above and import again',
    ]);
    expect(svc.snapshot()).toBe(before);
  });

  it('with --skip-invalid imports the good rows and reports the rest', async () => {
    const path = file('mixed.csv', 'name,email\nGood,good@example.com\nBad,bad@\n');
    const result = await svc.run(['customers', 'import', path, '--skip-invalid', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ added: 1, skipped: [{ line: 3, reason: '"bad@" is not an email address' }] });
    expect(result.stderr).toContain(`skipped ${path}:3: "bad@" is not an email address`);
    expect((await svc.json<CustomerJson[]>(['customers'])).map((c) => c.name)).toEqual(['Good']);
  });

  it('with --skip-invalid still refuses a file none of whose rows is good (exit 2), printing no JSON and creating no database', async () => {
    const path = file('all-bad.csv', ['name,email', ',nobody@example.com', 'Bad Mail,bad@'].join('\n'));
    const before = svc.snapshot();
    if (testEngine === 'sqlite') expect(before).toBe('absent');
    for (const args of [['customers', 'import', path, '--skip-invalid'], ['customers', 'import', path, '--skip-invalid', '--json']]) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      // Listed as the rows of a refused file, not as "skipped": nothing was imported around them.
      expect(result.stderr.split('\n').filter(Boolean)).toEqual([
        `${path}:2: the name is empty`,
        `${path}:3: "bad@" is not an email address`,
        `svc: every row of ${path} is bad (all 2 listed above): nothing to import`,
        'hint: fix the rows listed above and import again',
      ]);
    }
    expect(svc.snapshot()).toBe(before);
  });

  it('with --skip-invalid refuses an all-bad file or an empty one against a database that has customers, changing nothing', async () => {
    await svc.run(['customers', 'import', file('ok.csv', 'name,email\nKept,kept@example.com\n')]);
    const before = svc.snapshot();
    const json = await svc.run(['customers', 'import', file('bad.json', '[{"email": "x@example.com"}, 7]'), '--skip-invalid', '--json']);
    expect(json.code).toBe(2);
    expect(json.stdout).toBe('');
    expect(json.stderr).toMatch(/^svc: every row of .*bad\.json is bad \(all 2 listed above\): nothing to import$/m);
    const one = await svc.run(['customers', 'import', file('one.csv', 'name,email\nBad Mail,bad@\n'), '--skip-invalid']);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/^svc: every row of .*one\.csv is bad \(the one listed above\): nothing to import$/m);
    // A header and no rows is as empty with --skip-invalid as without: nothing to import, refused.
    const empty = await svc.run(['customers', 'import', file('empty.csv', 'name,email\n'), '--skip-invalid', '--json']);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/^svc: .*empty\.csv holds no customers$/m);
    expect(svc.snapshot()).toBe(before);
  });

  it('refuses a missing file, a file without a name column, broken quoting and an empty file, changing nothing', async () => {
    await svc.run(['init']);
    const before = svc.snapshot();
    const cases: Array<[string[], number, RegExp]> = [
      [['customers', 'import', join(svc.dir, 'nope.csv')], 3, /does not exist/],
      [['customers', 'import', file('noname.csv', 'email,phone\na@b.co,5550101\n')], 2, /no "name" column/],
      [['customers', 'import', file('quote.csv', 'name,email\n"Open,a@b.co\n')], 2, /cannot read .*Quote Not Closed/],
      [['customers', 'import', file('empty.csv', 'name,email\n')], 2, /holds no customers/],
      [['customers', 'import', file('bad.json', '{"name": "Jo"}')], 2, /must be an array/],
    ];
    for (const [args, code, message] of cases) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr).toMatch(new RegExp(`^svc: .*${message.source}`, "m"));
      expect(result.stderr).toMatch(/^hint: /m);
    }
    expect(svc.snapshot()).toBe(before);
  });
});

describe('svc customers', () => {
  it('lists without contact details unless asked, with the last contacted date', async () => {
    await svc.run(['customers', 'import', file('c.csv', 'name,email,phone\nMaria Diaz,maria@example.com,5550101\n')]);
    const plain = await svc.run(['customers']);
    expect(plain.stdout).toBe('id\tname\tsegment\tlast contacted\n1\tMaria Diaz\t\t\n');
    const json = await svc.json<CustomerJson[]>(['customers']);
    expect(json[0]).not.toHaveProperty('email');
    expect(json[0]).not.toHaveProperty('phone');
    expect(JSON.stringify(json)).not.toContain('maria@example.com');
    expect((await svc.run(['customers', '--include-contacts'])).stdout).toContain('maria@example.com\t5550101');

    await svc.run(['interview', 'pick', '--count', '1']);
    await svc.run(['interview', 'log', '1', '--declined', '--on', '2026-03-10']);
    expect((await svc.json<CustomerJson[]>(['customers']))[0]?.lastContactedOn).toBe('2026-03-10');
  });

  it('says how to start when there are none', async () => {
    expect((await svc.run(['init'])).code).toBe(0);
    const result = await svc.run(['customers']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('svc customers import');
  });
});

describe('line numbers in a messy file', () => {
  it('counts blank lines and new lines inside quotes, with CRLF too', async () => {
    const path = file('messy.csv', 'name,email\r\n\r\n"Two\r\nLines",bad@\r\nGood,good@example.com\r\n\r\n,x@example.com\r\n');
    const result = await svc.run(['customers', 'import', path]);
    expect(result.stderr).toContain(`${path}:3: "bad@" is not an email address`);
    expect(result.stderr).toContain(`${path}:7: the name is empty`);
  });
});

describe('reading from stdin and odd JSON', () => {
  it('reads CSV from stdin with -, and names JSON entries that are not customers', async () => {
    const piped = await svc.run(['customers', 'import', '-'], { input: 'name,phone\nZoë,+1 (555) 010-0199\n' });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toContain('Imported stdin: 1 added');
    const before = svc.snapshot();
    const path = file('odd.json', '[{"name": "A"}, 5, {"email": "x@example.com"}]');
    const result = await svc.run(['customers', 'import', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${path}: entry 2: this entry is not an object`);
    expect(result.stderr).toContain(`${path}: entry 3: the name is empty`);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('a story for one of two namesakes', () => {
  it('links by "#ID" to the customer meant, keeps that link through an edit, and refuses an unknown id, saving nothing', async () => {
    await svc.run(['customers', 'import', file('namesakes.csv', 'name,email\nAna Lima,a@one.org\nAna Lima,b@two.org\n')]);
    const added = await svc.run(['story', 'add', 'Bo rang her back the same day', '--staff', 'Bo', '--customer', '#2']);
    expect(added.code, added.stderr).toBe(0);
    const linked = () => queryDb(svc.db, 'SELECT id, customer_id FROM stories ORDER BY id');
    expect(linked()).toEqual([{ id: 1, customer_id: 2 }]);
    expect((await svc.run(['story', 'edit', '1', '--text', 'Bo rang her back the same afternoon'])).code).toBe(0);
    expect(linked()).toEqual([{ id: 1, customer_id: 2 }]);

    // By the name two customers have, the story goes to the first, and svc says how to choose the other.
    const byName = await svc.run(['story', 'add', 'Bo rang her back within the hour', '--staff', 'Bo', '--customer', 'ana lima']);
    expect(byName.code).toBe(0);
    expect(byName.stderr).toContain(`note: 2 customers are called "ana lima"; story #2 is linked to customer #1. If it was another: svc story edit 2 --customer '#2'\n`);
    expect(linked()).toEqual([{ id: 1, customer_id: 2 }, { id: 2, customer_id: 1 }]);

    const before = svc.snapshot();
    const unknown = await svc.run(['story', 'add', 'Bo rang back', '--staff', 'Bo', '--customer', '#9']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toBe('svc: no customer #9\nhint: list customers with: svc customers\n');
    expect(svc.snapshot()).toBe(before);
  });
});
