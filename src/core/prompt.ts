/**
 * Prompt flows are data: a list of questions that the terminal front end asks with
 * inquirer, and that tests can answer without a terminal.
 */
export type Answers = Record<string, string | string[] | boolean | undefined>;

interface BaseQuestion {
  key: string;
  message: string;
  /** Ask only when this holds for the answers so far. */
  when?: (answers: Answers) => boolean;
}

export interface InputQuestion extends BaseQuestion {
  kind: 'input';
  default?: string;
  /** true when fine, else the message to show. */
  validate?: (value: string, answers: Answers) => true | string;
}

export interface Choice {
  value: string;
  name: string;
  description?: string;
}

export interface SelectQuestion extends BaseQuestion {
  kind: 'select';
  choices: Choice[];
  default?: string;
}

export interface CheckboxQuestion extends BaseQuestion {
  kind: 'checkbox';
  choices: Choice[];
  /**
   * When set, what is typed at the list is kept as new entries (comma-separated), shown
   * under the list after this label; the answer holds the picked values, then the typed ones.
   */
  typed?: string;
}

export interface ConfirmQuestion extends BaseQuestion {
  kind: 'confirm';
  default?: boolean;
}

export type Question = InputQuestion | SelectQuestion | CheckboxQuestion | ConfirmQuestion;

/** Answers a flow without a terminal: the answer function is asked each question in turn. */
export function answerFlow(questions: Question[], answer: (q: Question, answers: Answers) => Answers[string]): Answers {
  const answers: Answers = {};
  for (const question of questions) {
    if (question.when && !question.when(answers)) continue;
    const value = answer(question, answers);
    if (question.kind === 'input' && question.validate) {
      const verdict = question.validate(typeof value === 'string' ? value : '', answers);
      if (verdict !== true) throw new Error(`answer to "${question.key}" refused: ${verdict}`);
    }
    answers[question.key] = value;
  }
  return answers;
}
