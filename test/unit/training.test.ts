import { describe, expect, it } from 'vitest';
import { star, type EvidenceItem } from '../../src/core/figures.ts';
import type { Practice } from '../../src/core/practice.ts';
import { draftProcedure, draftState, parseProcedure, stripDraftComments } from '../../src/core/procedure.ts';
import type { Story } from '../../src/core/story.ts';
import { buildTrainingPlan, coaches, matrixCell, matrixColumn, rolePlay, strongestStories } from '../../src/core/training.ts';
import { storyRecord } from '../helpers/stories.ts';

function story(id: number, staff: string[], occurredOn: string, extra: Partial<Story> = {}): Story {
  return storyRecord(id, { text: `Story ${id}.`, occurredOn, staff, ...extra });
}

const practice: Practice = {
  id: 1,
  uuid: 'p',
  name: 'Call back the same day',
  description: null,
  status: 'adopted',
  statusChangedAt: '',
  createdAt: '',
  updatedAt: '',
};

const evidenceOf = (stories: Story[]): EvidenceItem[] => stories.map((s) => ({ storyId: s.id, occurredOn: s.occurredOn, people: s.staff }));

describe('strongestStories', () => {
  it('quotes different people before a second story of the same person', () => {
    const stories = [
      story(1, ['Ana'], '2026-03-10'),
      story(2, ['Ana'], '2026-03-09'),
      story(3, ['Ana'], '2026-03-08'),
      story(4, ['Bo'], '2026-01-02'),
      story(5, ['Cy'], '2026-01-01'),
    ];
    const chosen = strongestStories(stories).map((s) => s.id);
    expect(chosen).toEqual([1, 4, 5]);
  });

  it('prefers a story with its impact noted, then the more recent one', () => {
    const stories = [story(1, ['Ana'], '2026-03-10'), story(2, ['Ana'], '2026-02-01', { impact: 'kept the client' }), story(3, ['Bo'], '2026-03-11')];
    expect(strongestStories(stories, 5, 1).map((s) => s.id)).toEqual([2, 3]);
  });

  it('fills up to three with the strongest of the rest when few people show it, and never passes five', () => {
    const one = [1, 2, 3, 4].map((id) => story(id, ['Ana'], `2026-03-0${id}`));
    expect(strongestStories(one).map((s) => s.id)).toEqual([4, 3, 2]);
    const many = [1, 2, 3, 4, 5, 6, 7].map((id) => story(id, [`P${id}`], `2026-03-0${id}`));
    expect(strongestStories(many)).toHaveLength(5);
  });
});

describe('coaches', () => {
  it('ranks the people who show it most, the star first on a tie, then the most recent', () => {
    // Ana, Bo and Dee have two stories each; Ana's came first, so Ana is the star (figures.ts).
    const stories = [
      story(1, ['Ana'], '2026-03-01'),
      story(2, ['Bo', 'Ana'], '2026-03-02'),
      story(3, ['Cy'], '2026-03-05'),
      story(4, ['Bo'], '2026-03-03'),
      story(5, ['Dee'], '2026-03-04'),
      story(6, ['Dee'], '2026-03-06'),
    ];
    expect(star(evidenceOf(stories))?.person).toBe('Ana');
    expect(coaches(evidenceOf(stories), 10)).toEqual([
      { person: 'Ana', stories: 2, lastOn: '2026-03-02' },
      { person: 'Dee', stories: 2, lastOn: '2026-03-06' },
      { person: 'Bo', stories: 2, lastOn: '2026-03-03' },
      { person: 'Cy', stories: 1, lastOn: '2026-03-05' },
    ]);
  });
});

describe('rolePlay', () => {
  it('splits the situation from what the colleague did, and names the customer', () => {
    const play = rolePlay(
      story(7, ['Ana'], '2026-03-01', {
        text: 'The customer had been charged twice. Ana called the bank and refunded it on the spot.',
        customer: 'Mrs Diaz',
        impact: 'Money back the same day',
        channel: 'phone',
      }),
    );
    expect(play).toMatchObject({
      storyId: 7,
      customer: 'Mrs Diaz',
      situation: 'The customer had been charged twice.',
      action: 'Ana called the bank and refunded it on the spot.',
      impact: 'Money back the same day',
      colleague: 'Ana',
    });
  });
});

const NO_TEAM = { activePeople: [], trained: [], procedure: null };

describe('rolePlay without a named customer', () => {
  it('describes the customer from the story: who, how they came, their situation', () => {
    const play = rolePlay(story(71, ['Gus'], '2026-03-14', { text: 'A booking disappeared from the system. Gus rebuilt it and called back.', channel: 'phone' }));
    expect(play.customer).toBe('the customer in story #71, on the phone: a booking disappeared from the system.');
    const internal = rolePlay(story(5, ['Bo'], '2026-03-14', { text: 'Finance needed the refund figures. Bo sent them within the hour.', customerKind: 'internal', channel: null }));
    expect(internal.customer).toBe('the colleague from another team in story #5: Finance needed the refund figures.');
    expect(rolePlay(story(6, ['Bo'], '2026-03-14', { text: 'Bo walked her to the shelf.', channel: 'in-person' })).customer).toBe('the customer in story #6, in person');
  });
});

describe('buildTrainingPlan', () => {
  it('lists the active people with no session yet, names compared as svc compares them, and carries the procedure', () => {
    const plan = buildTrainingPlan(practice, [], [], {
      activePeople: ['Ana', 'Bo', 'cy', 'Dee'],
      trained: [{ person: 'Bo', trainedOn: '2026-03-05' }, { person: 'Cy', trainedOn: '2026-03-05' }],
      procedure: { version: 2, text: '1. Ask.\n2. Call back.' },
    });
    expect(plan.stillToTrain).toEqual(['Ana', 'Dee']);
    expect(plan.procedure).toEqual({ version: 2, text: '1. Ask.\n2. Call back.' });
  });

  it('warns when fewer than two stories show the practice', () => {
    const one = [story(1, ['Ana'], '2026-03-01')];
    expect(buildTrainingPlan(practice, evidenceOf(one), one, NO_TEAM).warning).toMatch(/only 1 evidence story/);
    const two = [...one, story(2, ['Bo'], '2026-03-02')];
    expect(buildTrainingPlan(practice, evidenceOf(two), two, NO_TEAM).warning).toBeNull();
  });

  it('still asks three sensible questions when no story shows it yet', () => {
    const plan = buildTrainingPlan(practice, [], [], NO_TEAM);
    expect(plan.questions).toHaveLength(3);
    expect(plan.questions.join(' ')).not.toMatch(/\b0 of us/);
    expect(plan).toMatchObject({ stories: [], coaches: [], rolePlay: null, warning: expect.stringContaining('only 0 evidence stories') });
  });

  it('asks three questions drawn from the stories', () => {
    const stories = [story(1, ['Ana'], '2026-03-01', { trigger: 'recovery' }), story(2, ['Bo'], '2026-03-02')];
    const plan = buildTrainingPlan(practice, evidenceOf(stories), stories, NO_TEAM);
    expect(plan.questions).toHaveLength(3);
    expect(plan.questions.join(' ')).toContain('story #');
  });
});

describe('the training matrix', () => {
  const evidence: EvidenceItem[] = [
    { storyId: 1, occurredOn: '2026-03-01', people: ['Ana'] },
    { storyId: 2, occurredOn: '2026-03-10', people: ['Bo'] },
    { storyId: 3, occurredOn: '2026-03-02', people: ['Cy'] },
    { storyId: 4, occurredOn: '2026-03-03', people: ['Ana'] },
  ];
  const trained = [
    { person: 'Bo', trainedOn: '2026-03-05' },
    { person: 'Cy', trainedOn: '2026-03-05' },
  ];

  it('tells adopted after training, trained only, untrained with evidence, and gap apart', () => {
    expect(matrixCell('Bo', trained, evidence)).toEqual({ person: 'Bo', state: 'adopted', trainedOn: '2026-03-05', lastEvidenceOn: '2026-03-10' });
    expect(matrixCell('Cy', trained, evidence).state).toBe('trained');
    expect(matrixCell('Ana', trained, evidence)).toMatchObject({ state: 'untrained-evidence', trainedOn: null, lastEvidenceOn: '2026-03-03' });
    expect(matrixCell('Dee', trained, evidence)).toMatchObject({ state: 'gap', trainedOn: null, lastEvidenceOn: null });
  });

  it('counts the people trained outside the star', () => {
    expect(matrixColumn(practice, ['Ana'], trained, evidence).trainedOutsideStar).toBe(2);
    expect(matrixColumn(practice, ['Ana'], [{ person: 'Ana', trainedOn: '2026-03-05' }], evidence)).toMatchObject({
      star: 'Ana',
      trainedOutsideStar: 0,
    });
  });
});

describe('the procedure draft', () => {
  it('is built from the practice and its stories, with the notes in a leading block that is dropped', () => {
    const stories = [
      story(1, ['Ana'], '2026-03-01', { text: 'The line was down. Ana called each customer back.', impact: 'Nobody churned' }),
      story(2, ['Bo'], '2026-03-02', { text: 'Bo phoned back within the hour.' }),
    ];
    const draft = draftProcedure({ ...practice, description: 'Every open question gets a call' }, [{ kind: 'tag', value: 'call-back' }], stories);
    expect(draft).toContain('# Story #1 (2026-03-01, Ana): The line was down. Ana called each customer back.');
    const body = stripDraftComments(draft);
    expect(body).not.toContain('Story #1 (');
    expect(body.trim().split('\n')).toEqual([
      'Every open question gets a call',
      '',
      'Steps:',
      '- (as in story #1) Ana called each customer back.',
      '- (as in story #2) Bo phoned back within the hour.',
      '',
      'Why it matters:',
      '- Nobody churned',
    ]);
    // A Markdown heading inside the procedure is kept: only the leading notes go.
    expect(stripDraftComments('# note\n# note\nSteps\n# Heading\n')).toBe('Steps\n# Heading\n');
  });

  it('saved unchanged, reads back as its summary, its steps and why it matters: no heading glued to a step', () => {
    const stories = [
      story(59, ['Femi'], '2026-11-21', { text: 'Femi explained the payment plan options slowly.', impact: 'She signed up with confidence' }),
      story(49, ['Hana'], '2026-11-11', { text: 'The customer was unsure. Hana explained the refund and exchange options side by side.', impact: 'He picked the cheaper plan' }),
    ];
    const draft = draftProcedure({ ...practice, description: 'Lay out the options and let the customer choose.' }, [], stories);
    expect(parseProcedure(stripDraftComments(draft))).toEqual({
      lead: 'Lay out the options and let the customer choose.',
      steps: ['(as in story #59) Femi explained the payment plan options slowly.', '(as in story #49) Hana explained the refund and exchange options side by side.'],
      why: ['She signed up with confidence', 'He picked the cheaper plan'],
    });
    expect(draftState(draft, draft)).toBe('unchanged');
    expect(draftState(draft.replace('(as in story #59) Femi explained', 'Explain'), draft)).toBe('written');
  });

  it('without stories, saved unchanged, has no step: its "1." placeholder is not one', () => {
    const draft = draftProcedure(practice, [], []);
    expect(stripDraftComments(draft).trim().split('\n').slice(-2)).toEqual(['Steps:', '1.']);
    expect(parseProcedure(stripDraftComments(draft))).toMatchObject({ steps: [], why: [] });
    expect(draftState(draft, draft)).toBe('empty-steps');
    expect(draftState(draft.replace('1. ', '1. Call back.'), draft)).toBe('written');
  });
});
