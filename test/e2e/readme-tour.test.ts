import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { helpExamples, shBlocks, shellCommands, withoutComment, type Block, type Machine } from '../helpers/shell-lines.ts';
import { KEY } from '../helpers/terminal.ts';

// A new user types the README's examples in the order it gives them, on a new database,
// then the examples of every command's --help: each one must work as printed. What the
// test cannot type, and what it types or writes for the reader, is listed here with the reason.
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

// The day it is all typed: an example's date must hold on any day, not only the day it was written.
const TODAY = new Date();

/** `date +%F` today, in local time as the shell prints it. */
function isoDay(day: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`;
}

/** README sections not typed, with the reason. */
const SECTIONS_NOT_RUN: Record<string, string> = {
  '## Run the tests': "the project's own test suite, this file included (and a PostgreSQL server for its second half)",
  '### Forget on a server': 'needs a PostgreSQL server and psql as the owner of the tables',
  '### Choose the database by its address': "needs the team's PostgreSQL server (db.example.org)",
  '### Set it up once (the database owner)': "needs the team's PostgreSQL server (db.example.org)",
  '### Move from a file to PostgreSQL and back': "needs the team's PostgreSQL server (db.example.org)",
  '### What each person sets': "lines of a shell profile and of ~/.pgpass, for the team's PostgreSQL server",
  "### Back up a team's database": "pg_dump and pg_restore on the team's PostgreSQL server (db.example.org)",
  '### Reproduce': 'the benchmark: it generates 100,000 stories or more and measures for minutes',
};

/** Lines not typed as printed, with the reason; `instead`, the svc commands in them that are. */
const LINES_NOT_RUN: Record<string, { why: string; instead?: string[] }> = {
  'npm install && npm link && svc demo': { why: 'installs the dependencies and links svc into the PATH', instead: ['svc demo'] },
  'echo \'eval "$(svc completion bash)"\' >> ~/.bashrc': { why: "appends to the reader's shell start-up file", instead: ['svc completion bash'] },
  'echo \'eval "$(svc completion zsh)"\' >> ~/.zshrc': { why: "appends to the reader's shell start-up file", instead: ['svc completion zsh'] },
  'svc customer forget 12 --yes': {
    why: 'finishes a forget that could not wipe the files; the one before it finished, and a finished forget is refused (exit 4)',
  },
  'svc digest --since last-digest --format eml --to "team@example.com" --from "svc <lead@example.com>" | sendmail -t': {
    why: 'sendmail delivers mail: the machine needs a mail server',
    instead: ['svc digest --since last-digest --format eml --to "team@example.com" --from "svc <lead@example.com>"'],
  },
  'sqlite3 "$(svc db path)" .tables': { why: 'the sqlite3 shell, which svc does not need', instead: ['svc db path'] },
  '$EDITOR "$(svc config path)"': { why: "opens the reader's own editor on the file", instead: ['svc config path'] },
  'svc db copy --to postgres://svc@db.example.com/team': { why: "needs the team's PostgreSQL server (db.example.com)" },
  'SVC_DATABASE_URL=postgres://svc@db.example.com/team svc db copy --to ~/team-copy.db': { why: "needs the team's PostgreSQL server (db.example.com)" },
  'svc db copy --to postgres://svc@db.example.com/team --merge --json': { why: "needs the team's PostgreSQL server (db.example.com)" },
  'sqlite3 "$(svc db path)" -cmd ".parameter set :since \\"\'2026-02-17\'\\"" -cmd ".parameter set :until \\"\'2026-03-18\'\\"" "SELECT channel, customer_kind, trigger, count(*) FROM stories WHERE occurred_on BETWEEN :since AND :until GROUP BY 1, 2, 3"':
    { why: 'the sqlite3 shell, which svc does not need', instead: ['svc db path'] },
};

/**
 * The reader's own list of customers, as the README's import line expects. svc numbers
 * them from #2 (the Teams section made the colleague Bo a customer, #1), and the help's
 * examples name some by that id: Maria Diaz #12, Joan Wright #13, two records of one
 * customer #14 and #3, and of another #17 and #16, an unused account #15.
 */
const CUSTOMERS = [
  ['Ann Lee', 'ann@example.org', ''],
  ['Sam Okafor', 'sam.okafor@example.org', ''],
  ['Ben Lee', 'ben@example.org', ''],
  ['Cal Lee', 'cal@example.org', ''],
  ['Dot Lee', 'dot@example.org', ''],
  ['Eve Lee', 'eve@example.org', ''],
  ['Fay Lee', 'fay@example.org', ''],
  ['Gus Hart', 'gus@example.org', ''],
  ['Hana Ito', '', '+44 20 7946 0011'],
  ['Ivo Rossi', 'ivo@example.org', ''],
  ['Maria Diaz', 'maria@example.org', '+44 20 7946 0012'],
  ['Joan Wright', 'joan@example.org', ''],
  // The same customer as Sam Okafor, from the shop's till.
  ['Samuel Okafor', '', '+44 20 7946 0013'],
  // An account nobody uses any more.
  ['Acme Ltd (closed)', '', ''],
  ['Priya Nair', 'priya@example.org', ''],
  ['P. Nair', '', '+44 20 7946 0014'],
  ['Dev Patel', 'dev@example.org', ''],
  ['Dev Patell', '', ''],
  ['Ravi Shah', 'ravi@example.org', ''],
  ['Tess Moore', 'tess@example.org', ''],
  ['Uma Reid', 'uma@example.org', ''],
  ['Vic Long', 'vic@example.org', ''],
  ['Wen Zhao', 'wen@example.org', ''],
  ['Xan Kerr', 'xan@example.org', ''],
  ['Yara Haddad', 'yara@example.org', ''],
  ['Zoe Quinn', 'zoe@example.org', ''],
];

/** Files the README tells the reader to make, or that the reader brings, written before the section or help page that reads them. */
const FILES: Record<string, Record<string, () => string>> = {
  '## Standard procedures and the playbook': {
    'callback.md': () => '1. Before you end a call, say when you will call back.\n2. Call back the same day, even without the full answer.\n',
    'callback-v2.md': () => '1. Before you end a call, say when you will call back, and write it in the case.\n2. Call back the same day, even without the full answer.\n',
  },
  // The form's export, with the questions the README's --map names.
  '### 2. Stories from a form: `svc stories import`': {
    'responses.csv': () =>
      [
        'Timestamp,Tell us what happened,Who was it?',
        '2026-03-12 14:05:33,"Eli walked the customer through the new portal step by step until it worked",Eli',
        '2026-03-13 09:12:10,"Fay rang the supplier herself so the customer would not have to wait on hold",Fay',
      ].join('\n'),
  },
  '## Listening to customers: three customers, three questions': {
    'customers.csv': () => ['name,email,phone,segment', ...CUSTOMERS.map((row) => `${row.join(',')},retail`)].join('\n'),
  },
  '### Outcome signals: `svc signal`': {
    // The file as the README shows it.
    'signals.csv': () => codeBlockAfter('### Outcome signals: `svc signal`', 'csv'),
  },
  // The form's export from a sheet that writes dates day first, with a row that cannot be read.
  'svc story import --help': {
    'export.csv': () =>
      [
        'Timestamp,Tell us what happened,Who was it?',
        '3/4/2026 10:02:11,"Gus swapped the broken kettle on the spot, no receipt needed",Gus',
        '5/4/2026 16:40:03,"Hana called the courier so the customer did not have to",Hana',
        '31/02/2026 09:15:00,"Ivo waited with the customer for the taxi",Ivo',
      ].join('\n'),
  },
  // A CRM's export: one row has no name.
  'svc customer import --help': {
    'crm-export.csv': () => ['Name,Email,Segment', 'Lea Brun,lea@example.org,retail', ',nobody@example.org,retail', 'Omar Said,omar@example.org,business'].join('\n'),
    'customers.json': () => JSON.stringify([{ name: 'Nina Berg', email: 'nina@example.org', segment: 'business' }]),
  },
  // Check-ins from a form: a name, a score per question key, a note.
  'svc assess import --help': {
    'check-in.csv': () => ['name,returns-calls,listening,listening note', 'Marta,4,3,we talk over customers when it is busy', 'Fay,5,4,'].join('\n'),
    'responses.json': () => JSON.stringify([{ name: 'Cy', 'returns-calls': 3, listening: 4 }]),
  },
  // Response times the team keeps in a sheet.
  'svc signal import --help': {
    'response-times.csv': () => ['date,practice,story,measure,value', '2026-02-01,Call back the same day,,response time (hours),9', '2026-02-15,Call back the same day,,response time (hours),7.5'].join('\n'),
  },
};

/**
 * What the reader did meanwhile that a help page's examples speak of (a name mistyped,
 * a colleague svc does not know yet), typed before the page like any other line.
 */
const BEFORE: Record<string, string[]> = {
  // Reviewing even the behaviours of one story, the reader rejected them all: some by mistake.
  'svc practice unreject --help': ['svc detect --review --min-stories 1 --min-staff 1'],
  // Names mistyped in --staff and --people.
  'svc people --help': ['svc story add "Ana found the lost parcel and drove it round herself" --staff Aan'],
  'svc people merge --help': ['svc story add "Eli rebooked the engineer for the evening the customer could do" --staff "Eli N"'],
  'svc people rm --help': ['svc train log "Call back the same day" --people "Ana Typo,Aan"'],
  // Colleagues served whom svc does not know yet, and then the people they are.
  'svc chain unresolved --help': [
    'svc story add "Cy cleared Tom\'s returns backlog before the audit" --staff Cy --internal --customer Tom',
    'svc people edit "Tom Berg" --team Warehouse',
    'svc story add "Bo found the invoice Lena from accounts had been chasing" --staff Bo --internal --customer "Lena from accounts"',
    'svc people edit Lena --team Accounts',
  ],
  // A tag mistyped, and a quality tagged as a tag.
  'svc tags --help': ['svc story add "Cy phoned the courier every hour until the parcel turned up" --staff Cy --tag folow-up,kind'],
  // The tag was renamed callback, and a colleague kept typing the old one.
  'svc tags merge --help': ['svc story add "Bo called the customer back before we closed" --staff Bo --tag call-back'],
  // A team-mate's export as JSON: here, the reader's own.
  'svc import --help': ['svc export --format json --out team.json'],
};

/** Keys typed at each prompt of a line that asks in a terminal, one string per prompt. */
const TYPED: Record<string, string[]> = {
  // Typing the start of a choice selects it: reject the one candidate, so that unreject has one to bring back.
  'svc detect --review': ['reject\r'],
  'svc detect --review --min-stories 1 --min-staff 1': Array<string>(12).fill('reject\r'),
  // The editor (EDITOR, below) asks nothing in the terminal.
  'svc practice adopt "Call back the same day"': [],
  'svc story edit 12': [],
  // They took the call; the three answers; no note.
  'svc interview log 1': [KEY.enter, 'an advert\r', 'quick answers\r', 'longer hours\r', KEY.enter],
  'svc interview log 7': [KEY.enter, 'a friend\r', 'the shop is so tidy\r', KEY.enter, KEY.enter],
  'svc interview log 8': [KEY.enter, 'the website\r', 'quick answers\r', 'a car park\r', KEY.enter],
  // Yes to each confirmation.
  'svc customer forget "Maria Diaz"': ['y\r'],
  'svc customer forget 13': ['y\r'],
  'svc customer merge 14 3': ['y\r'],
  'svc customer rm 15': ['y\r'],
  'svc story rm 11': ['y\r'],
  'svc people merge Aan Ana': ['y\r'],
  'svc people rm "Ana Typo"': ['y\r'],
  'svc tag merge call-back callback': ['y\r'],
  // One key each: confirm the first story, reject the second, stop.
  'svc practice suggest "Call back the same day" --review': ['y', 'n', 'q'],
  // The first person in the list attended.
  'svc train log 4': [KEY.space + KEY.enter],
  // A score (3 is preselected) and no note for each of the eight questions.
  'svc assess --as Ana': Array<string>(16).fill(KEY.enter),
};

/** The first code block of a kind after a heading, as printed. */
function codeBlockAfter(heading: string, kind: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no heading "${heading}"`);
  const block = new RegExp(`\`\`\`${kind}\\n([\\s\\S]*?)\`\`\``).exec(README.slice(start))?.[1];
  if (block === undefined) throw new Error(`README has no ${kind} block under "${heading}"`);
  return block;
}

let svc: InProcessSandbox;
let machine: Machine;
let editor: string;
beforeAll(() => {
  svc = inProcessSandbox();
  machine = { home: join(svc.dir, 'home'), root: join(svc.dir, 'root'), today: isoDay(TODAY) };
  mkdirSync(machine.home, { recursive: true });
  // The reader's editor: they add a step to a procedure's draft (its notes start with #), or a sentence to a story, and save it.
  editor = join(svc.dir, 'editor.sh');
  writeFileSync(editor, '#!/bin/sh\nif grep -q "^#" "$1"; then echo "3. Write the promised time in the case." >> "$1"; else echo "The customer wrote to thank her." >> "$1"; fi\n');
  chmodSync(editor, 0o700);
});
afterAll(() => svc.cleanup());

/** The reader's environment: their home, config and data folders, today, their editor, no pager. */
function readerEnv(): Record<string, string | undefined> {
  return {
    HOME: machine.home,
    XDG_CONFIG_HOME: join(machine.home, '.config'),
    XDG_DATA_HOME: join(machine.home, '.local', 'share'),
    SVC_NOW: TODAY.toISOString(),
    SVC_DATABASE_URL: undefined,
    EDITOR: editor,
    VISUAL: undefined,
    SVC_PAGER: '',
  };
}

/** Types one line as printed, or what LINES_NOT_RUN runs instead; every svc command in it must exit 0. */
async function typeLine(line: string, where: string): Promise<void> {
  const printed = withoutComment(line);
  const skipped = LINES_NOT_RUN[printed];
  for (const each of skipped ? (skipped.instead ?? []) : [printed]) {
    for (const command of shellCommands(each, machine)) {
      // Files the reader names are in folders their machine has (a web server's, a mounted disk's).
      for (const path of [...command.args, ...Object.values(command.env), command.out ?? '']) {
        if (path.startsWith(svc.dir)) mkdirSync(dirname(path), { recursive: true });
      }
      const answers = TYPED[printed];
      const env = { ...readerEnv(), ...command.env };
      const cwd = process.cwd();
      // Relative paths are in the reader's working folder: their home.
      process.chdir(machine.home);
      try {
        const result = await svc.run(command.args, { env, ...(command.input !== undefined ? { input: command.input } : {}), ...(answers ? { tty: true, answers } : {}) });
        expect(result.code, `${where}\n$ ${line}\n${result.stderr}`).toBe(0);
        if (command.out) writeFileSync(command.out, result.stdout);
      } finally {
        process.chdir(cwd);
      }
    }
  }
}

const readme = shBlocks(README);
const pages = helpExamples(buildProgram());
// A line printed twice (a group's help repeats its commands' examples) is typed once, the first time.
const typedBefore = new Set<string>();

async function typeBlock(block: Block, before: string[] = []): Promise<void> {
  for (const [name, content] of Object.entries(FILES[block.where] ?? {})) writeFileSync(join(machine.home, name), content());
  for (const line of before) await typeLine(line, `${block.where}, before it`);
  for (const line of block.lines) {
    if (typedBefore.has(withoutComment(line))) continue;
    typedBefore.add(withoutComment(line));
    await typeLine(line, block.where);
  }
}

describe('the README, typed in order on a new database', () => {
  it('has every section and line this test prepares or leaves out', () => {
    const places = new Set([...readme, ...pages].map((block) => block.where));
    for (const where of [...Object.keys(SECTIONS_NOT_RUN), ...Object.keys(FILES), ...Object.keys(BEFORE), '## A short tour']) {
      expect(places.has(where), `the README has no sh block under "${where}", and no help page is "${where}"`).toBe(true);
    }
    const lines = new Set([...readme, ...pages].flatMap((block) => block.lines.map(withoutComment)).concat(Object.values(BEFORE).flat()));
    for (const line of [...Object.keys(LINES_NOT_RUN), ...Object.keys(TYPED)]) expect(lines.has(line), `no example reads ${line}`).toBe(true);
  });

  readme.forEach((block, i) => {
    if (block.where in SECTIONS_NOT_RUN) return;
    const again = readme.slice(0, i).filter((earlier) => earlier.where === block.where).length;
    it(`runs the commands under ${block.where}${again ? ` (block ${again + 1})` : ''}`, () => typeBlock(block));
  });

  it('kept the interview story as crediting Bo', async () => {
    const stories = await svc.json<Array<{ source: string; staff: string[] }>>(['stories', '--staff', 'Bo'], { env: readerEnv() });
    expect(stories.filter((story) => story.source === 'interview').map((story) => story.staff)).toEqual([['Bo']]);
  });
});

describe("then every example of every command's --help", () => {
  for (const page of pages) it(`runs the examples of ${page.where}`, () => typeBlock(page, BEFORE[page.where]));
});
