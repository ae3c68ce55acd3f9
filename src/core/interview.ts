import { parseDay, parsePastDay, toDay, type Day } from './dates.ts';
import { timeOfDay } from './config.ts';
import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';
import type { Answers, Question } from './prompt.ts';
import { MAX_STORY_LENGTH } from './story.ts';
import { cleanName, nameKey } from './text.ts';

import type { InterviewStatus } from './choices.ts';

export { DEFAULT_COOLDOWN_DAYS, DEFAULT_PICK_COUNT, INTERVIEW_STATUSES, type InterviewStatus } from './choices.ts';

/** The three questions of seed 000, always asked in this order. */
export const INTERVIEW_QUESTIONS = {
  learned: 'How did you learn about us?',
  liked: 'What do you like or enjoy most about the service?',
  change: 'If you could change one thing, what would it be?',
} as const;

export interface Interview {
  id: number;
  uuid: string;
  status: InterviewStatus;
  customerId: number;
  /** The customer's name, or "(forgotten)". */
  customer: string;
  interviewer: string | null;
  plannedOn: Day;
  heldOn: Day | null;
  learned: string | null;
  liked: string | null;
  change: string | null;
  note: string | null;
  /** The call the customer agreed to: day, local time and the number or contact they gave; null while only invited. */
  agreed: InterviewAgreement | null;
  /** Stories saved from this interview's answers. */
  storyIds: number[];
  /** The practices its "confirms" answer (what they like most) confirms, matched or linked by hand. */
  confirms: Array<{ practiceId: number; practice: string; how: 'matched' | 'manual' }>;
  createdAt: string;
  updatedAt: string;
}

/** A held interview whose answer confirms a practice, as the practice sees it. */
export interface PracticeConfirmation {
  interviewId: number;
  heldOn: Day;
  /** What the customer liked most, in their words (null if they did not say). */
  answer: string | null;
  how: 'matched' | 'manual';
}

/** A call the customer agreed to. */
export interface InterviewAgreement {
  on: Day;
  /** HH:MM, local time. */
  at: string;
  contact: string;
}

/** Where an interview stands: invited (planned, no answer yet), agreed, then done, declined or no reply. */
export type InterviewState = 'invited' | 'agreed' | 'done' | 'declined' | 'no reply';

export function interviewState(interview: Pick<Interview, 'status' | 'agreed'>): InterviewState {
  if (interview.status === 'planned') return interview.agreed ? 'agreed' : 'invited';
  return interview.status === 'no_reply' ? 'no reply' : interview.status;
}

/** What `svc interview agree` was given. */
export interface InterviewAgreementInput {
  on?: string | undefined;
  at?: string | undefined;
  phone?: string | undefined;
  contact?: string | undefined;
}

const MAX_CONTACT_LENGTH = 200;

function localTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Validates an agreed call: a day, a time of day, and one way to reach the customer; never in the past. */
export function draftAgreement(input: InterviewAgreementInput, now: Date): InterviewAgreement {
  if (input.on === undefined) throw new ValidationError(messages.agreeNeedsDay, messages.agreeNeedsDayHint);
  if (input.at === undefined) throw new ValidationError(messages.agreeNeedsTime, messages.agreeNeedsTimeHint);
  const on = parseDay(input.on, now, '--on', 'future');
  const at = timeOfDay(input.at);
  if (at === null) throw new ValidationError(messages.badAgreedTime(input.at), messages.badAgreedTimeHint);
  if (input.phone !== undefined && input.contact !== undefined) throw new ValidationError(messages.agreePhoneOrContact, messages.agreeNeedsContactHint);
  const contact = (input.phone ?? input.contact ?? '').normalize('NFC').trim();
  if (!contact) throw new ValidationError(messages.agreeNeedsContact, messages.agreeNeedsContactHint);
  if (contact.length > MAX_CONTACT_LENGTH) throw new ValidationError(messages.answerTooLong(input.phone !== undefined ? '--phone' : '--contact', MAX_CONTACT_LENGTH), messages.agreeNeedsContactHint);
  if (input.phone !== undefined && !/^\+?[\d\s().\/-]{5,}$/u.test(contact)) throw new ValidationError(messages.badPhone(contact), messages.agreeNeedsContactHint);
  const today = toDay(now);
  if (on < today || (on === today && at < localTime(now))) throw new ValidationError(messages.agreedInPast(on, at), messages.agreedInPastHint);
  return { on, at, contact };
}

/** The next step of each open interview: who to call and when, or whose answer to the invitation to record. */
export function interviewNextSteps(open: readonly Interview[], now: Date): Array<{ kind: 'interview-next'; text: string; command: string }> {
  const today = toDay(now);
  const caller = (i: Interview) => (i.interviewer ? ` (${i.interviewer})` : '');
  return open
    .filter((i) => i.status === 'planned')
    .map((i) => {
      if (!i.agreed) {
        return {
          kind: 'interview-next' as const,
          text: `${i.customer}${caller(i)} was invited on ${i.plannedOn}: record their answer`,
          command: `svc interview agree ${i.id} --on DATE --at HH:MM --phone NUMBER`,
        };
      }
      const when = i.agreed.on === today ? `today at ${i.agreed.at}` : `on ${i.agreed.on} at ${i.agreed.at}`;
      const past = i.agreed.on < today || (i.agreed.on === today && i.agreed.at < localTime(now));
      return {
        kind: 'interview-next' as const,
        // An imported copy without contacts knows when, not the number.
        text: `${past ? 'log the call to' : 'call'} ${i.customer}${caller(i)} ${when}${i.agreed.contact ? ` on ${i.agreed.contact}` : ''}`,
        command: `svc interview log ${i.id}`,
      };
    });
}

/** What was typed (or passed as flags) after a call. */
export interface InterviewLogInput {
  learned?: string | undefined;
  liked?: string | undefined;
  change?: string | undefined;
  note?: string | undefined;
  declined?: boolean | undefined;
  on?: string | undefined;
}

/** A validated outcome, ready to be stored. */
export interface InterviewLog {
  status: 'done' | 'declined';
  heldOn: Day;
  learned: string | null;
  liked: string | null;
  change: string | null;
  note: string | null;
}

function answer(value: string | undefined, flag: string): string | null {
  const trimmed = value?.normalize('NFC').trim();
  if (!trimmed) return null;
  if (trimmed.length > MAX_STORY_LENGTH) throw new ValidationError(messages.answerTooLong(flag, MAX_STORY_LENGTH), messages.answerTooLongHint);
  return trimmed;
}

/** Validates the outcome of a call: declined with no answers, or done with at least one. */
export function draftInterviewLog(input: InterviewLogInput, now: Date): InterviewLog {
  const learned = answer(input.learned, '--learned');
  const liked = answer(input.liked, '--liked');
  const change = answer(input.change, '--change');
  const note = answer(input.note, '--note');
  const heldOn = input.on === undefined ? toDay(now) : parsePastDay(input.on, now, '--on', messages.futureInterviewHint);
  const answered = learned !== null || liked !== null || change !== null;
  if (input.declined) {
    if (answered) throw new ValidationError(messages.declinedWithAnswers, messages.declinedWithAnswersHint);
    return { status: 'declined', heldOn, learned, liked, change, note };
  }
  if (!answered) throw new ValidationError(messages.noAnswers, messages.noAnswersHint);
  return { status: 'done', heldOn, learned, liked, change, note };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Matches a phrase as whole words, any case, any run of spaces between its words. */
export function wordPattern(phrase: string, flags = 'iu'): RegExp {
  const words = cleanName(phrase).split(' ').map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${words}(?![\\p{L}\\p{N}\\p{M}])`, flags);
}

/**
 * The members of staff an answer names, in the order it names them: a full name, or a
 * first name that belongs to only one person ("Ana always calls back" → Ana Lopez).
 */
export function staffNamed(text: string, people: readonly string[]): string[] {
  const firstNames = new Map<string, number>();
  for (const person of people) {
    const first = nameKey(person).split(' ')[0] ?? '';
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  const found: Array<{ name: string; at: number }> = [];
  for (const person of people) {
    const first = cleanName(person).split(' ')[0] ?? '';
    const forms = [person];
    if (first !== cleanName(person) && firstNames.get(nameKey(first)) === 1) forms.push(first);
    const at = Math.min(...forms.map((form) => text.search(wordPattern(form))).filter((i) => i >= 0));
    if (Number.isFinite(at)) found.push({ name: person, at });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}

/** The placeholders an invitation template may hold (config key interview.invitation). */
export const INVITATION_PLACEHOLDERS = ['customer', 'caller'] as const;

/** The invitation when the config holds none: ten minutes, and a day, a time and a number to call. */
export const DEFAULT_INVITATION = [
  'Subject: Ten minutes of your time?',
  '',
  'Hello {customer},',
  '',
  'I am {caller}, and I would like to hear, in your own words, how we are doing.',
  'It takes ten minutes on the phone: three short questions, nothing to buy.',
  '',
  'If you agree, just reply with a day, a time and a phone number where I can call you.',
  '',
  'Thank you,',
  '{caller}',
].join('\n');

/**
 * The invitation to send, from the team's template (or the default) with the customer's
 * and the caller's names. A config value is one line, so "\n" written in it breaks the line.
 */
export function invitationText(template: string | null, names: { customer: string | null; caller: string | null }): string {
  const values: Record<(typeof INVITATION_PLACEHOLDERS)[number], string> = {
    customer: names.customer ?? '[customer name]',
    caller: names.caller ?? '[your name]',
  };
  return (template ?? DEFAULT_INVITATION)
    .replaceAll('\\n', '\n')
    .replace(/\{(customer|caller)\}/gu, (_, key: keyof typeof values) => values[key]);
}

/** The reminder for the end of a call: the customer leaves with a way to reach the caller directly. */
export function closingReminder(customer: string, caller: string | null): string {
  return `before you hang up: give ${customer} a direct contact${caller ? ` for ${caller}` : ''} (a phone number or email), so they can reach someone who knows them`;
}

/** Who was called, and whether --note already gave the note. */
export interface InterviewPromptContext {
  customer: string;
  noteGiven: boolean;
}

const asText = (value: Answers[string]): string => (typeof value === 'string' ? value.trim() : '');
const ANSWER_KEYS = ['learned', 'liked', 'change'] as const;

/**
 * The terminal flow after a call: did it happen, then the three questions in order,
 * then an optional note. An answer may be skipped with Enter, but not all three.
 */
export function interviewQuestions(context: InterviewPromptContext): Question[] {
  const held = (answers: Answers) => answers.held !== false;
  const questions: Question[] = [
    { key: 'held', kind: 'confirm', message: `Did ${context.customer} take the call? (n if they declined)`, default: true },
    ...ANSWER_KEYS.map(
      (key): Question => ({
        key,
        kind: 'input',
        message: `${INTERVIEW_QUESTIONS[key]} (enter to skip)`,
        when: held,
        validate: (value, answers) =>
          value.length > MAX_STORY_LENGTH
            ? `keep it under ${MAX_STORY_LENGTH} characters`
            : key !== 'change' || value.trim() || asText(answers.learned) || asText(answers.liked)
              ? true
              : 'note at least one answer (or Ctrl-C, then log it with --declined)',
      }),
    ),
  ];
  if (!context.noteGiven) questions.push({ key: 'note', kind: 'input', message: 'Anything else to note? (enter to skip)' });
  return questions;
}

/** The one-keystroke offer to keep what they liked as a story crediting the people named. */
export function asStoryQuestion(staff: readonly string[]): Question {
  return { key: 'asStory', kind: 'confirm', message: `They named ${staff.join(', ')}: save what they liked as a story?`, default: true };
}

/** Turns the flow's answers into outcome fields (only those asked). */
export function interviewInputFromAnswers(answers: Answers): InterviewLogInput {
  const input: InterviewLogInput = {};
  if (answers.held === false) input.declined = true;
  for (const key of [...ANSWER_KEYS, 'note'] as const) {
    if (key in answers) input[key] = asText(answers[key]);
  }
  return input;
}

/** In a terminal, with no ID given: which planned call to log. */
export function chooseInterviewQuestion(planned: readonly Interview[]): Question {
  return {
    key: 'interview',
    kind: 'select',
    message: 'Which call?',
    choices: planned.map((i) => ({
      value: String(i.id),
      name: `#${i.id} ${i.customer}${i.interviewer ? ` (${i.interviewer})` : ''}`,
      description: `planned on ${i.plannedOn}`,
    })),
  };
}
