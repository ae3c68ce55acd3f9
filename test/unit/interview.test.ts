import { describe, expect, it } from 'vitest';
import {
  asStoryQuestion,
  draftInterviewLog,
  interviewInputFromAnswers,
  interviewQuestions,
  INTERVIEW_QUESTIONS,
  invitationText,
  staffNamed,
} from '../../src/core/interview.ts';
import { answerFlow } from '../../src/core/prompt.ts';
import { NOW } from '../helpers/db.ts';

describe('logging an interview', () => {
  it('keeps the answers given, trimmed, held today unless --on says otherwise', () => {
    expect(draftInterviewLog({ learned: ' a friend ', liked: 'Ana', on: 'yesterday' }, NOW)).toEqual({
      status: 'done',
      heldOn: '2026-03-17',
      learned: 'a friend',
      liked: 'Ana',
      change: null,
      note: null,
    });
  });

  it('refuses no answers, answers with --declined, and a future date', () => {
    expect(() => draftInterviewLog({ note: 'hm' }, NOW)).toThrow('no answers given');
    expect(() => draftInterviewLog({ declined: true, liked: 'x' }, NOW)).toThrow('--declined cannot come with answers');
    expect(() => draftInterviewLog({ liked: 'x', on: '2026-04-01' }, NOW)).toThrow('in the future');
    expect(draftInterviewLog({ declined: true, note: 'busy' }, NOW)).toMatchObject({ status: 'declined', note: 'busy' });
  });
});

describe('staff named in an answer', () => {
  const people = ['Ana Lopez', 'Bo', 'Cy Young', 'Cy Twombly'];
  it('finds full names and unique first names as whole words, in order', () => {
    expect(staffNamed('Bo and then ana were wonderful', people)).toEqual(['Bo', 'Ana Lopez']);
    expect(staffNamed('ANA LOPEZ!', people)).toEqual(['Ana Lopez']);
  });
  it('ignores ambiguous first names and parts of words', () => {
    expect(staffNamed('Cy was kind', people)).toEqual([]);
    expect(staffNamed('Cy Young was kind', people)).toEqual(['Cy Young']);
    expect(staffNamed('a boat and a banana', people)).toEqual([]);
  });
});

describe('the interview prompt flow', () => {
  const context = { customer: 'Maria', noteGiven: false };

  it('asks the three questions of seed 000 in order, then a note', () => {
    const asked: string[] = [];
    const answers = answerFlow(interviewQuestions(context), (q) => {
      asked.push(q.message);
      return q.kind === 'confirm' ? true : q.key === 'liked' ? 'Ana remembered me' : '';
    });
    expect(asked).toEqual([
      'Did Maria take the call? (n if they declined)',
      `${INTERVIEW_QUESTIONS.learned} (enter to skip)`,
      `${INTERVIEW_QUESTIONS.liked} (enter to skip)`,
      `${INTERVIEW_QUESTIONS.change} (enter to skip)`,
      'Anything else to note? (enter to skip)',
    ]);
    expect(interviewInputFromAnswers(answers)).toEqual({ learned: '', liked: 'Ana remembered me', change: '', note: '' });
  });

  it('refuses three empty answers at the last question', () => {
    expect(() => answerFlow(interviewQuestions(context), (q) => (q.kind === 'confirm' ? true : ''))).toThrow('note at least one answer');
  });

  it('skips the questions when they declined, and keeps the note', () => {
    const answers = answerFlow(interviewQuestions(context), (q) => (q.kind === 'confirm' ? false : 'call in June'));
    expect(interviewInputFromAnswers(answers)).toEqual({ declined: true, note: 'call in June' });
  });

  it('offers the story with Enter as yes, and the invitation asks for ten minutes, a day, a time and a number', () => {
    expect(asStoryQuestion(['Ana'])).toMatchObject({ kind: 'confirm', default: true, message: expect.stringContaining('Ana') });
    const text = invitationText(null, { customer: 'Maria Lind', caller: 'Bo' });
    for (const words of ['ten minutes', 'a day, a time and a phone number', 'Hello Maria Lind,', 'I am Bo,']) expect(text).toContain(words);
    expect(text).not.toMatch(/\{|\}/u);
  });

  it("fills the team's template with the customer's and caller's names, line breaks where it says \\n", () => {
    const template = 'Dear {customer},\\nthis is {caller} from the shop: ten minutes on the phone? {caller}';
    expect(invitationText(template, { customer: 'Jo $& Co', caller: 'Ana' })).toBe('Dear Jo $& Co,\nthis is Ana from the shop: ten minutes on the phone? Ana');
    expect(invitationText(template, { customer: null, caller: null })).toBe('Dear [customer name],\nthis is [your name] from the shop: ten minutes on the phone? [your name]');
  });
});
