/**
 * The evidence-backed review of a procedure (seed 001, step 5: monitor and improve): the
 * stories since the current version, each read against its steps. A story "goes beyond"
 * when it shows a behaviour the steps do not name that other new stories show too: one
 * story's new word is a detail, the same new word in two stories is a habit forming.
 */
import type { Day } from './dates.ts';
import { parseProcedure } from './procedure.ts';
import { wordForms } from './suggest.ts';

export interface ReviewInputStory {
  id: number;
  occurredOn: Day;
  people: string[];
  text: string;
}

export interface ReviewedStory extends ReviewInputStory {
  verdict: 'follows' | 'goes-beyond';
  /** The steps (1-based) whose words the story shares. */
  steps: number[];
  /** Words the steps do not have and other stories since the version share. */
  adds: string[];
}

export interface ProcedureReview {
  practice: string;
  version: number;
  writtenOn: Day;
  reviewEveryDays: number;
  reviewDueOn: Day;
  due: boolean;
  lastReviewedOn: Day | null;
  steps: string[];
  stories: ReviewedStory[];
  /** What the stories add to the steps, the most shared first. */
  adds: Array<{ word: string; stories: number }>;
}

/** A new word counts as an addition once this many stories since the version show it. */
export const RECURRING_STORIES = 2;

/** The procedure's steps as the playbook numbers them; a text not written as steps, its non-empty lines. */
export function procedureSteps(body: string): string[] {
  return (
    parseProcedure(body).steps ??
    body
      .split(/\r?\n/u)
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
  );
}

/** Reads each story against the steps; `names` (people) are never counted as words. */
export function reviewStories(
  body: string,
  stories: readonly ReviewInputStory[],
  names: readonly string[],
): { steps: string[]; stories: ReviewedStory[]; adds: Array<{ word: string; stories: number }> } {
  const steps = procedureSteps(body);
  const stepStems = steps.map((step) => new Set(wordForms(step, names).keys()));
  const known = new Set(stepStems.flatMap((stems) => [...stems]));
  const storyForms = stories.map((story) => wordForms(story.text, [...names, ...story.people]));
  const counts = new Map<string, { word: string; stories: number }>();
  for (const forms of storyForms) {
    for (const [stem, word] of forms) {
      if (known.has(stem)) continue;
      const entry = counts.get(stem) ?? { word, stories: 0 };
      entry.stories++;
      counts.set(stem, entry);
    }
  }
  const recurring = new Set([...counts].filter(([, c]) => c.stories >= RECURRING_STORIES).map(([stem]) => stem));
  const reviewed = stories.map((story, i): ReviewedStory => {
    const forms = storyForms[i] ?? new Map<string, string>();
    const shared = stepStems.flatMap((stems, n) => ([...stems].some((stem) => forms.has(stem)) ? [n + 1] : []));
    const adds = [...forms].filter(([stem]) => recurring.has(stem)).map(([, word]) => word);
    return { ...story, verdict: adds.length ? 'goes-beyond' : 'follows', steps: shared, adds };
  });
  const adds = [...counts]
    .filter(([stem]) => recurring.has(stem))
    .map(([, c]) => c)
    .sort((a, b) => b.stories - a.stories || a.word.localeCompare(b.word));
  return { steps, stories: reviewed, adds };
}

/** The editor draft of the next version: the current text, the stories that go beyond it as instructions above. */
export function revisionDraft(practice: string, version: number, body: string, beyond: readonly ReviewedStory[]): string {
  const lines = [
    `# Procedure for "${practice}", version ${version}. Edit it and save to write version ${version + 1}.`,
    '# Lines starting with # at the top are ignored.',
    ...beyond.map((s) => `# Story #${s.id} (${s.occurredOn}) goes beyond it (${s.adds.join(', ')}): ${s.text.replace(/\s+/gu, ' ')}`),
  ];
  return `${lines.join('\n')}\n\n${body}\n`;
}
