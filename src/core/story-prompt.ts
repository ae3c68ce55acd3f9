import type { Answers, Question } from './prompt.ts';
import type { StoryInput } from './story.ts';
import { CHANNELS, MAX_STORY_LENGTH } from './story.ts';
import { joinSentences } from './text.ts';

/** Which fields the flags already gave, and what exists to choose from. */
export interface StoryPromptContext {
  given: { staff: boolean; customer: boolean; channel: boolean; trigger: boolean; tags: boolean };
  people: string[];
  tags: string[];
}

const SKIP = '';
const split = (value: Answers[string]): string[] =>
  (typeof value === 'string' ? [value] : Array.isArray(value) ? value : []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
const asText = (value: Answers[string]): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The guided prompt in two steps: who and what exactly they did, enough to save; then,
 * only if the person wants to say more, the rest of the Critical Incident Technique's
 * questions (Flanagan 1954): what led up to it, what resulted, for whom, channel,
 * trigger and tags (picked from the list, or new ones typed at it). Every question but
 * "what did they do" can be skipped with Enter.
 */
export function storyQuestions(context: StoryPromptContext): Question[] {
  const questions: Question[] = [];
  if (!context.given.staff) {
    if (context.people.length > 0) {
      questions.push({
        key: 'staffKnown',
        kind: 'checkbox',
        message: 'Who delivered it? (space to pick, enter when done)',
        choices: context.people.map((name) => ({ value: name, name })),
      });
    }
    questions.push({
      key: 'staffOther',
      kind: 'input',
      message: context.people.length > 0 ? 'Anyone else? (names, comma-separated; enter to skip)' : 'Who delivered it? (names, comma-separated)',
      validate: (value, answers) =>
        split(value).length > 0 || split(answers.staffKnown).length > 0 || 'name at least one person, so the story can teach',
    });
  }
  // Step one, saved in seconds: who, and what exactly they did.
  questions.push(
    {
      key: 'action',
      kind: 'input',
      message: 'What exactly did they do?',
      validate: (value) =>
        value.trim().length === 0
          ? 'say what they did: a colleague should be able to do the same'
          : value.length > MAX_STORY_LENGTH
            ? `keep it under ${MAX_STORY_LENGTH} characters`
            : true,
    },
    { key: 'more', kind: 'confirm', message: 'More detail? (what led up to it, the result, for whom…)', default: false },
  );
  // Step two, only when asked for: the rest of the Critical Incident questions.
  const more = (answers: Answers) => answers.more === true;
  const rest: Question[] = [
    { key: 'situation', kind: 'input', message: 'What led up to it? (enter to skip)' },
    { key: 'result', kind: 'input', message: 'What resulted for the customer? (enter to skip)' },
  ];
  if (!context.given.customer) {
    rest.push(
      { key: 'customer', kind: 'input', message: 'For whom? (customer or colleague; enter to skip)' },
      {
        key: 'internal',
        kind: 'confirm',
        message: 'Was that a colleague (internal service)?',
        default: false,
        when: (answers) => asText(answers.customer).length > 0,
      },
    );
  }
  if (!context.given.channel) {
    rest.push({
      key: 'channel',
      kind: 'select',
      message: 'Channel?',
      choices: [{ value: SKIP, name: '(skip)' }, ...CHANNELS.map((c) => ({ value: c, name: c }))],
      default: SKIP,
    });
  }
  if (!context.given.trigger) {
    rest.push({
      key: 'trigger',
      kind: 'select',
      message: 'What did it respond to?',
      choices: [
        { value: SKIP, name: '(skip)' },
        { value: 'recovery', name: 'recovery', description: 'something had gone wrong and they put it right' },
        { value: 'request', name: 'request', description: 'the customer needed or asked for something' },
        { value: 'spontaneous', name: 'spontaneous', description: 'nobody asked: they just did it' },
      ],
      default: SKIP,
    });
  }
  if (!context.given.tags) {
    // One question: the known tags to pick, and new ones typed at the same list, so that
    // a tag typed there is never dropped.
    rest.push(
      context.tags.length > 0
        ? {
            key: 'tags',
            kind: 'checkbox',
            message: 'Tags? (space picks; type new ones, comma-separated; enter when done)',
            choices: context.tags.map((tag) => ({ value: tag, name: tag })),
            typed: 'new:',
          }
        : { key: 'tags', kind: 'input', message: 'Tags? (comma-separated; enter to skip)' },
    );
  }
  for (const question of rest) {
    const asked = question.when;
    questions.push({ ...question, when: (answers) => more(answers) && (asked ? asked(answers) : true) });
  }
  return questions;
}

/** Turns the prompt's answers into story fields (only those asked). */
export function storyInputFromAnswers(answers: Answers): StoryInput {
  const input: StoryInput = {
    text: joinSentences([asText(answers.situation), asText(answers.action)]),
  };
  const result = asText(answers.result);
  if (result) input.impact = result;
  if ('staffOther' in answers) input.staff = [...split(answers.staffKnown), ...split(answers.staffOther)];
  if (asText(answers.customer)) {
    input.customer = asText(answers.customer);
    input.internal = answers.internal === true;
  }
  if (asText(answers.channel)) input.channel = asText(answers.channel);
  if (asText(answers.trigger)) input.trigger = asText(answers.trigger);
  if ('tags' in answers) input.tags = split(answers.tags);
  return input;
}
