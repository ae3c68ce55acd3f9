import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryDb, sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
  for (const name of ['Ana', 'Bo']) svc.run(['story', 'add', `${name} called the customer back`, '--staff', name]);
});
afterEach(() => svc.cleanup());

const KEYS = ['returns-calls', 'customer-wants', 'internal-first', 'correspondence', 'positive-demeanor', 'clear-head', 'listening', 'empathy'];

describe('svc assess in a terminal', () => {
  it('asks who is answering, says the answers are anonymous, asks a score and a note per question, and saves them', async () => {
    const term = new Terminal(['assess'], svc.db);
    await term.answer('Your name', 'bo');
    await term.waitFor('Your answers are anonymous');
    for (const i of KEYS.keys()) {
      await term.waitFor(`(${i + 1}/8)`);
      // The cursor starts on 3; one step down is 2, for the first question only.
      if (i === 0) await term.type(KEY.down);
      await term.type(KEY.enter);
      // Every note prompt reads the same: wait for the one after this question's marker.
      await term.answer(new RegExp(`\\(${i + 1}/8\\)[\\s\\S]*A note\\?`), i === 0 ? 'slow on Fridays' : '');
    }
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Saved 8 answers to the round that opened on 2026-03-18.');
    expect(queryDb(svc.db, 'SELECT q.key, t.score, t.answers FROM assessment_tallies t JOIN assessment_questions q ON q.id = t.question_id ORDER BY q.id')).toEqual(
      KEYS.map((key, i) => ({ key, score: i === 0 ? 2 : 3, answers: 1 })),
    );
    expect(queryDb(svc.db, 'SELECT note FROM assessment_notes')).toEqual([{ note: 'slow on Fridays' }]);
    expect(queryDb(svc.db, 'SELECT p.name FROM assessment_takers t JOIN people p ON p.id = t.person_id')).toEqual([{ name: 'Bo' }]);
  });

  it('saves nothing on Ctrl-C', async () => {
    const before = svc.snapshot();
    const term = new Terminal(['assess', '--as', 'Ana'], svc.db);
    await term.waitFor('(1/8)');
    await term.type(KEY.enter);
    await term.waitFor(/\(1\/8\)[\s\S]*A note\?/);
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(svc.snapshot()).toBe(before);
  });
});
