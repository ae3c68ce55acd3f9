import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb, sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';

// Every command that takes a practice or a person resolves it as practice show does: any
// case, a unique prefix or the id, and "did you mean" on a typo. Run as the built binary.
const CALL = 'Call back the same day';
const REMEMBER = 'Remember the customer';
const WALK = 'Walk them to it';
let svc: SvcSandbox;

// The database is set up in-process (quicker); the commands under test spawn svc.
async function setUp(args: string[]): Promise<void> {
  const result = await runInProcess(args, svc.db);
  expect(result.code, result.stderr).toBe(0);
}

beforeEach(async () => {
  svc = sandbox();
  for (const [text, staff] of [
    ['Marta walked the customer to the right shelf', 'Marta'],
    ['Ana called the customer back the same day', 'Ana'],
    ['Dara remembered the customer from last week', 'Dara'],
    ['Eli called back before noon as promised', 'Eli'],
  ] as const) {
    await setUp(['story', 'add', text, '--staff', staff]);
  }
  await setUp(['practice', 'add', CALL]); // #1, a standard with a procedure
  await setUp(['practice', 'adopt', CALL, '--procedure', '1. Note the promised time.\n2. Call back the same day.']);
  await setUp(['practice', 'add', REMEMBER]); // #2
  await setUp(['practice', 'add', WALK]); // #3
});
afterEach(() => svc.cleanup());

function ok(args: string[]): { stdout: string; stderr: string } {
  const result = svc.run(args);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

const json = <T>(args: string[]): T => svc.json<T>(args);

describe('a practice typed loosely or as its id', () => {
  it.each(['remember', 'REMEMBER THE CUSTOMER', '#2'])('train assign %s', (typed) => {
    const assigned = json<{ practice: string; assignments: Array<{ person: string }> }>(['train', 'assign', typed, '--people', 'Eli', '--due', 'in 2 weeks']);
    expect(assigned.practice).toBe(REMEMBER);
    expect(assigned.assignments.map((a) => a.person)).toEqual(['Eli']);
  });

  it.each(['Call back', 'CALL BACK THE SAME DAY', '1'])('practice ack %s', (typed) => {
    expect(json(['practice', 'ack', typed, '--as', 'Ana'])).toEqual({ practice: CALL, version: 1, person: 'Ana', recorded: true });
  });

  it.each(['call', 'CALL BACK THE SAME DAY', '#1'])('practice review %s', (typed) => {
    expect(ok(['practice', 'review', typed]).stdout.split('\n')[0]).toMatch(/^"Call back the same day" version 1 · /);
  });

  it.each(['walk', 'WALK THEM TO IT', '3'])('people succession --pair %s, naming the practice as stored', (typed) => {
    const result = ok(['people', 'succession', 'Marta', '--pair', typed, '--learner', 'Dara']);
    expect(result.stderr).toContain(`Paired Dara with Marta on "${WALK}".`);
    expect(queryDb(svc.db, 'SELECT practice_id AS practice FROM succession_pairs')).toEqual([{ practice: 3 }]);
  });
});

describe('a person typed loosely or as their id', () => {
  // People are numbered in the order the stories above named them.
  it.each(['mart', 'MARTA', '1'])('people show %s', (typed) => {
    expect(json<{ name: string }>(['people', 'show', typed]).name).toBe('Marta');
  });

  it.each(['Mart', 'marta', '#1'])('people succession %s', (typed) => {
    expect(json<{ person: string }>(['people', 'succession', typed]).person).toBe('Marta');
  });

  // What records an assignment, an acknowledgement or a pairing takes the whole name (any case) or the id.
  it.each(['ELI', '4'])('train assign --people %s', (typed) => {
    expect(json<{ assignments: Array<{ person: string }> }>(['train', 'assign', 'remember', '--people', typed, '--due', 'in 2 weeks']).assignments.map((a) => a.person)).toEqual(['Eli']);
  });

  it.each(['ana', '#2'])('practice ack --as %s', (typed) => {
    expect(json<{ person: string }>(['practice', 'ack', 'call', '--as', typed]).person).toBe('Ana');
  });

  it.each([
    ['marta', 'DARA'],
    ['1', '#3'],
  ])('people succession %s --pair walk --learner %s', (star, learner) => {
    expect(ok(['people', 'succession', star, '--pair', 'walk', '--learner', learner]).stderr).toContain(`Paired Dara with Marta on "${WALK}".`);
  });
});

describe('a typo suggests the closest name, exits 3 and changes nothing', () => {
  it.each([
    ['train assign, the practice', ['train', 'assign', 'Remember the custmer', '--people', 'Eli', '--due', 'in 2 weeks'], /there is no practice "Remember the custmer"/, /did you mean "Remember the customer"\?/],
    ['train assign, the person', ['train', 'assign', 'remember', '--people', 'Elli', '--due', 'in 2 weeks'], /nobody called "Elli"/, /did you mean "Eli"\?/],
    ['practice ack, the practice', ['practice', 'ack', 'Call bakc the same day', '--as', 'Ana'], /there is no practice/, /did you mean "Call back the same day"\?/],
    ['practice ack, the person', ['practice', 'ack', 'call', '--as', 'Anna'], /nobody called "Anna"/, /did you mean "Ana"\?/],
    ['practice review', ['practice', 'review', 'Call bakc the same day'], /there is no practice/, /did you mean "Call back the same day"\?/],
    ['people show', ['people', 'show', 'Martha'], /nobody called "Martha"/, /did you mean "Marta"\?/],
    ['people succession', ['people', 'succession', 'Martha'], /nobody called "Martha"/, /did you mean "Marta"\?/],
    ['people succession --pair', ['people', 'succession', 'Marta', '--pair', 'Walk them too it', '--learner', 'Dara'], /there is no practice/, /did you mean "Walk them to it"\?/],
    ['people succession --learner', ['people', 'succession', 'Marta', '--pair', 'walk', '--learner', 'Darra'], /nobody called "Darra"/, /did you mean "Dara"/],
    // A prefix never lands a record on someone: it is refused, the whole name suggested.
    ['a person\'s prefix in train assign', ['train', 'assign', 'remember', '--people', 'El', '--due', 'in 2 weeks'], /nobody called "El"/, /did you mean "Eli"\?/],
    ['a person\'s prefix in a pairing', ['people', 'succession', 'Mart', '--pair', 'walk', '--learner', 'Dara'], /nobody called "Mart"/, /did you mean "Marta"\?/],
  ])('%s', (_name, args, message, hint) => {
    const before = svc.snapshot();
    const result = svc.run(args);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, message);
    expect(result.stderr.split('\n')[1]).toMatch(hint);
    expect(svc.snapshot()).toBe(before);
  });
});
