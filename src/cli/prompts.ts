// The only module that loads @inquirer/prompts (about 100 ms): imported lazily by the
// handlers that ask something, never at start-up.
import { checkbox, confirm, expand, input, select } from '@inquirer/prompts';
import type { Answers, Question } from '../core/prompt.ts';

/** Asks a flow of questions in the terminal, in order, honouring `when`. */
export async function ask(questions: Question[]): Promise<Answers> {
  const answers: Answers = {};
  for (const question of questions) {
    if (question.when && !question.when(answers)) continue;
    answers[question.key] = await askOne(question, answers);
  }
  return answers;
}

async function askOne(question: Question, answers: Answers): Promise<Answers[string]> {
  switch (question.kind) {
    case 'input': {
      const validate = question.validate;
      return input({
        message: question.message,
        ...(question.default === undefined ? {} : { default: question.default }),
        ...(validate ? { validate: (value: string) => validate(value, answers) } : {}),
      });
    }
    case 'select':
      return select({
        message: question.message,
        choices: question.choices,
        ...(question.default === undefined ? {} : { default: question.default }),
      });
    case 'checkbox':
      return checkbox({ message: question.message, choices: question.choices });
    case 'confirm':
      return confirm({ message: question.message, default: question.default ?? false });
  }
}

/** Yes/no in the terminal. */
export async function askConfirm(message: string, defaultValue = false): Promise<boolean> {
  return confirm({ message, default: defaultValue });
}

/** One line of free text. */
export async function askText(message: string): Promise<string> {
  return input({ message });
}

/** A suggested story's verdict, one key then Enter: y shows it, n does not, s skip, q stop. */
export async function askReview(message: string): Promise<'yes' | 'no' | 'skip' | 'quit'> {
  return expand({
    message,
    default: 'y',
    choices: [
      { key: 'y', name: 'yes, it shows the practice: link it', value: 'yes' },
      { key: 'n', name: 'no: never suggest it for this practice again', value: 'no' },
      { key: 's', name: 'skip for now', value: 'skip' },
      { key: 'q', name: 'stop reviewing', value: 'quit' },
    ],
  });
}

/** One practice out of a few, picked with a number key, or none. */
export async function askPractice(message: string, choices: Array<{ name: string; value: number }>, none: string): Promise<number | null> {
  return select<number | null>({ message, choices: [...choices, { name: none, value: null }] });
}
