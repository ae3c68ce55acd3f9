// What discovery shows and why: full evidence ids, the basis of each candidate, common
// actions kept out of the practices, candidates an existing practice already covers, and
// phrases that match nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryDb } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

const query = (text: string): unknown[] => queryDb(svc.db, text);

async function add(stories: Array<[string, string, ...string[]]>): Promise<void> {
  for (const [text, staff, ...tags] of stories) {
    const args = ['story', 'add', text, '--staff', staff, ...tags.flatMap((t) => ['--tag', t])];
    expect((await svc.run(args)).code, text).toBe(0);
  }
}

interface Candidate {
  name: string;
  label: string;
  qualifier: { kind: string; stories: number } | null;
  stories: number;
  storyIds: number[];
  coherence: number;
  basis: { kind: string; stories: number };
  overlap: { practice: string; stories: number } | null;
  examples: unknown[];
}
interface DetectJson {
  candidates: Candidate[];
  commonActions: Array<{ name: string; stories: number; people: number }>;
}

const CALL_BACKS: Array<[string, string]> = [
  ['Ana called the customer back within the hour.', 'Ana'],
  ['Bo called back the caller the same day.', 'Bo'],
  ['Cy called Mrs Ito back that evening.', 'Cy'],
  ['Dee called back a worried client before lunch.', 'Dee'],
  ['I called back Mr Roy the next morning.', 'Eli'],
];

describe('svc detect: discovery that shows only what it can defend', () => {
  it('lists every evidence story id of a candidate, not only the examples, with its basis', async () => {
    await add(CALL_BACKS);
    const [first] = (await svc.json<DetectJson>(['detect', '--json'])).candidates;
    expect(first?.name).toBe('call back');
    // Four of the five say when: the label carries it.
    // Said in the stories' own words, the most written first: four ways, so "…".
    expect([first?.label, first?.qualifier]).toEqual(['call back · next morning / same day …', { kind: 'timing', stories: 4, words: ['next morning', 'same day'], more: true }]);
    expect(first?.storyIds).toEqual([1, 2, 3, 4, 5]);
    expect(first?.examples).toHaveLength(3);
    expect(first?.basis).toEqual({ kind: 'phrase', phrase: 'call back', stories: 5 });
    expect(first?.coherence).toBe(1);
    expect((await svc.run(['detect'])).stdout).toContain('   why "call back" in 5 of 5 stories · coherence 1.00');
  });

  it('keeps an action done to something different each time out of the practices, and says nothing stands out', async () => {
    await add([
      ['Ana fixed the printer in the lobby.', 'Ana'],
      ['Bo fixed the booking system before opening.', 'Bo'],
      ['Cy fixed a leaking tap in room 4.', 'Cy'],
    ]);
    const json = await svc.json<DetectJson>(['detect', '--json']);
    expect(json.candidates).toEqual([]);
    expect(json.commonActions.map((c) => [c.name, c.stories, c.people])).toEqual([['fix', 3, 3]]);
    const text = await svc.run(['detect']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('no shared behaviour stands out yet');
    expect(text.stdout).toContain('svc practice add NAME --from-stories ID,ID');
    expect(text.stdout).toMatch(/Common actions .*: fix 3\/3p/u);
  });

  it('shows when an existing practice already holds most of a candidate, and --review preselects it as the merge target', async () => {
    await add([...CALL_BACKS.slice(0, 4).map(([text, staff]): [string, string, string] => [text, staff, 'callback']), CALL_BACKS[4] as [string, string]]);
    expect((await svc.run(['practice', 'add', 'Call back the same day', '--tag', 'callback'])).code).toBe(0);
    const [first] = (await svc.json<DetectJson>(['detect', '--json'])).candidates;
    expect(first?.overlap).toEqual({ practice: 'Call back the same day', stories: 4 });
    expect((await svc.run(['detect'])).stdout).toContain('1. call back · next morning / same day … ≈ Call back the same day (4 of 5 stories already its evidence)');

    const review = new Terminal(['detect', '--review'], svc.db);
    await review.waitFor('quit: save the decisions so far');
    await review.type(KEY.enter); // the preselected action: merge
    await review.waitFor('Merge into which practice?');
    await review.type(KEY.enter); // the preselected practice
    expect(await review.exitCode()).toBe(0);
    expect(review.screen).toContain('0 accepted, 1 merged, 0 rejected');
    expect(query("SELECT p.name, m.value FROM practice_matchers m JOIN practices p ON p.id = m.practice_id WHERE m.kind = 'phrase'")).toEqual([
      { name: 'Call back the same day', value: 'call back' },
    ]);
    expect(query('SELECT count(*) AS n FROM evidence')).toEqual([{ n: 5 }]);
  });
});

describe('svc practice add --phrase', () => {
  it('warns when the phrase matches no story, and saves the practice all the same', async () => {
    await add(CALL_BACKS.slice(0, 2));
    const none = await svc.run(['practice', 'add', 'Teach back', '--phrase', 'asked her to repeat it']);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/warning: --phrase "asked her to repeat it" \(read as "[^"]+"\) matches no story yet/u);
    expect(query("SELECT name FROM practices WHERE name = 'Teach back'")).toEqual([{ name: 'Teach back' }]);
    const some = await svc.run(['practice', 'add', 'Call back', '--phrase', 'called back']);
    expect(some.code).toBe(0);
    expect(some.stderr).not.toContain('matches no story');
  });
});

describe('qualities in one vocabulary', () => {
  it('counts the same stories per attribute in detect and in report, from words and from tags', async () => {
    await add([
      ['Ana stayed calm with an angry caller and rebooked his visit.', 'Ana'],
      ['Bo explained the new tariff line by line.', 'Bo', 'knowledge'],
      ['Cy was so friendly and patient.', 'Cy', 'empathy'],
    ]);
    const detected = (await svc.json<{ qualities: Array<{ attribute: string; stories: number }> }>(['detect', '--json'])).qualities;
    const reported = (await svc.json<{ qualities: Array<{ attribute: string; stories: number }> }>(['report', '--json'])).qualities;
    expect(detected.map((q) => [q.attribute, q.stories])).toEqual([
      ['positive demeanor', 1],
      ['clear head', 1],
      ['empathy', 1],
      ['knowledge', 1],
    ]);
    expect(reported.map((q) => q.attribute)).toEqual(['positive-demeanor', 'clear-head', 'listening', 'empathy', 'responsiveness', 'knowledge']);
    for (const q of reported) {
      expect(q.stories, q.attribute).toBe(detected.find((d) => d.attribute === q.attribute.replace(/-/gu, ' '))?.stories ?? 0);
    }
  });
});
