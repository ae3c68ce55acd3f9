// The only module that loads @inquirer/prompts (about 100 ms): imported lazily by the
// handlers that ask something, never at start-up.
import { createPrompt, isDownKey, isEnterKey, isSpaceKey, isUpKey, useKeypress, usePagination, usePrefix, useState } from '@inquirer/core';
import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { CancelledError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Answers, Choice, Question } from '../core/prompt.ts';
import { showControls } from '../core/safe-text.ts';
import { promptStreams } from './streams.ts';

// The streams a prompt reads keys from and draws on: Node's own, unless the run has its own.
const on = () => promptStreams();

/** Ctrl-C at a prompt (inquirer's ExitPromptError) as svc's own typed error: exit 130, nothing saved. */
async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new CancelledError(messages.cancelled);
    throw error;
  }
}

// Questions and choices name stored things (practices, people): controls shown visibly.
const shown = <C extends { name?: string }>(choices: readonly C[]): C[] => choices.map((c) => (c.name === undefined ? c : { ...c, name: showControls(c.name) }));

/** Asks a flow of questions in the terminal, in order, honouring `when`. */
export async function ask(questions: Question[]): Promise<Answers> {
  const answers: Answers = {};
  for (const question of questions) {
    if (question.when && !question.when(answers)) continue;
    answers[question.key] = await cancellable(askOne(question, answers));
  }
  return answers;
}

async function askOne(question: Question, answers: Answers): Promise<Answers[string]> {
  switch (question.kind) {
    case 'input': {
      const validate = question.validate;
      return input({
        message: showControls(question.message),
        ...(question.default === undefined ? {} : { default: question.default }),
        ...(validate ? { validate: (value: string) => validate(value, answers) } : {}),
      }, on());
    }
    case 'select':
      return select({
        message: showControls(question.message),
        choices: shown(question.choices),
        ...(question.default === undefined ? {} : { default: question.default }),
      }, on());
    case 'checkbox':
      if (question.typed !== undefined) return pickOrType({ message: showControls(question.message), choices: shown(question.choices), typed: question.typed }, on());
      // No "a" (select all) or "i" (invert) shortcuts: people type names into these lists,
      // and "Ana" would tick everyone.
      return checkbox({ message: showControls(question.message), choices: shown(question.choices), shortcuts: { all: null, invert: null } }, on());
    case 'confirm':
      return confirm({ message: showControls(question.message), default: question.default ?? false }, on());
  }
}

/** Yes/no in the terminal. */
export async function askConfirm(message: string, defaultValue = false): Promise<boolean> {
  return cancellable(confirm({ message: showControls(message), default: defaultValue }, on()));
}

/** One line of free text. */
export async function askText(message: string): Promise<string> {
  return cancellable(input({ message: showControls(message) }, on()));
}

/** A suggested story's verdict, one key and no Enter: y shows it, n does not, s skip, q stop. */
export async function askReview(message: string): Promise<'yes' | 'no' | 'skip' | 'quit'> {
  return cancellable(
    oneKey({
      message: showControls(message),
      choices: [
        { key: 'y', label: 'yes', name: 'yes, it shows the practice: linked', value: 'yes' },
        { key: 'n', label: 'no', name: 'no: never suggested for this practice again', value: 'no' },
        { key: 's', label: 'skip', name: 'skipped for now', value: 'skip' },
        { key: 'q', label: 'stop', name: 'stopped reviewing', value: 'quit' },
      ],
    }, on()),
  );
}

interface KeyChoice<V> {
  key: string;
  /** A word for the key, shown beside it while asking. */
  label: string;
  /** What the answered line says after the key was pressed. */
  name: string;
  value: V;
}

// A choice made with one keypress, for prompts walked many times in a row (inquirer's
// expand waits for Enter after every key). Another key says which ones count.
const oneKey = createPrompt(<V,>(config: { message: string; choices: ReadonlyArray<KeyChoice<V>> }, done: (value: V) => void) => {
  const [chosen, setChosen] = useState<KeyChoice<V> | undefined>(undefined);
  const [wrongKey, setWrongKey] = useState(false);
  const prefix = usePrefix({ status: chosen ? 'done' : 'idle' });
  useKeypress((event) => {
    if (chosen) return;
    const choice = config.choices.find((c) => c.key === event.name?.toLowerCase());
    if (!choice) {
      setWrongKey(true);
      return;
    }
    setChosen(choice);
    done(choice.value);
  });
  if (chosen) return `${prefix} ${config.message} ${chosen.name}`;
  const keys = config.choices.map((c) => `${c.key} ${c.label}`).join(' · ');
  return [`${prefix} ${config.message} (${keys})`, wrongKey ? messages.pressOneOf(config.choices.map((c) => c.key)) : ''];
});

// A checkbox list that keeps what is typed at it: people type a new tag where they see
// "Tags?", and inquirer's checkbox drops every letter. Space picks the highlighted entry
// until something is typed, then it is part of the text (a tag may have two words).
const pickOrType = createPrompt((config: { message: string; choices: readonly Choice[]; typed: string }, done: (value: string[]) => void) => {
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<readonly boolean[]>(config.choices.map(() => false));
  const [typed, setTyped] = useState('');
  const prefix = usePrefix({ status });
  const count = config.choices.length;
  useKeypress((key, rl) => {
    if (status === 'done') return;
    if (isEnterKey(key)) {
      setStatus('done');
      done([...config.choices.filter((_, i) => picked[i]).map((c) => c.value), ...typed.split(',').map((t) => t.trim()).filter(Boolean)]);
    } else if (isUpKey(key) || isDownKey(key)) {
      if (count > 0) setActive((active + (isUpKey(key) ? count - 1 : 1)) % count);
      // Up and down are readline's history keys: what was typed stays as it was.
      if (rl.line !== typed) {
        rl.clearLine(0);
        rl.write(typed);
      }
    } else if (isSpaceKey(key) && typed.trim() === '') {
      rl.clearLine(0);
      setTyped('');
      setPicked(picked.map((on, i) => (i === active ? !on : on)));
    } else {
      setTyped(rl.line);
    }
  });
  if (status === 'done') {
    const answer = [...config.choices.filter((_, i) => picked[i]).map((c) => c.name), ...typed.split(',').map((t) => t.trim()).filter(Boolean)].join(', ');
    return `${prefix} ${config.message} ${answer}`;
  }
  const page = usePagination({
    items: config.choices,
    active,
    renderItem: ({ item, index, isActive }) => `${isActive ? '❯' : ' '}${picked[index] ? '◉' : '◯'} ${item.name}`,
    pageSize: 7,
    loop: true,
  });
  return [`${prefix} ${config.message}\n${page}\n  ${config.typed} ${typed}`, ''];
});

/** One of a few, picked with the arrow keys (or a number key). */
export async function askChoice<T>(message: string, choices: Array<{ name: string; value: T }>): Promise<T> {
  return cancellable(select<T>({ message, choices: shown(choices) }, on()));
}

/** One practice out of a few, or none. */
export async function askPractice(message: string, choices: Array<{ name: string; value: number }>, none: string): Promise<number | null> {
  return askChoice<number | null>(message, [...choices, { name: none, value: null }]);
}
