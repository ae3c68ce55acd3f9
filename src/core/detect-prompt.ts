/** The questions of `svc detect --review`, as data (see prompt.ts). */
import { messages } from './messages.ts';
import type { Choice, Question } from './prompt.ts';
import { nameKey } from './text.ts';

export const REVIEW_ACTIONS = ['accept', 'merge', 'skip', 'reject', 'quit'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** What to do with one candidate. Merging is offered only when practices exist (those accepted earlier in the review included). */
export function reviewQuestions(options: {
  suggestedName: string;
  practices: string[];
  /** Lower-cased names already taken (existing practices and those accepted in this review). */
  taken: ReadonlySet<string>;
  /** The practice most of the candidate's stories are already evidence of: merging into it is preselected. */
  mergeTarget?: string | null;
  /** The bare actions a merge would not add as matchers (a candidate shown only for its broad evidence). */
  storiesOnly?: readonly string[];
}): Question[] {
  const target = options.mergeTarget && options.practices.includes(options.mergeTarget) ? options.mergeTarget : undefined;
  const merge = options.storiesOnly?.length ? messages.reviewMergeStoriesOnly(options.storiesOnly) : 'merge into an existing practice';
  const actions: Choice[] = [
    { value: 'accept', name: 'accept: make it a candidate practice' },
    ...(options.practices.length ? [{ value: 'merge', name: merge }] : []),
    { value: 'skip', name: 'skip: decide another time' },
    { value: 'reject', name: 'reject: never suggest it again' },
    { value: 'quit', name: 'quit: save the decisions so far' },
  ];
  return [
    { key: 'action', kind: 'select', message: 'What about this one?', choices: actions, default: target ? 'merge' : 'accept' },
    {
      key: 'name',
      kind: 'input',
      message: 'Name of the practice:',
      default: options.suggestedName,
      when: (a) => a.action === 'accept',
      validate: (value) => {
        if (!value.trim()) return messages.emptyPracticeName;
        return options.taken.has(nameKey(value)) ? messages.practiceExists(value.trim()) : true;
      },
    },
    { key: 'description', kind: 'input', message: 'Description (Enter to skip):', when: (a) => a.action === 'accept' },
    {
      key: 'practice',
      kind: 'select',
      message: 'Merge into which practice?',
      choices: options.practices.map((name) => ({ value: name, name })),
      ...(target ? { default: target } : {}),
      when: (a) => a.action === 'merge',
    },
  ];
}
