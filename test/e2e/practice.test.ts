import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PracticeSummary } from '../../src/core/practice.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { openSandboxStore } from '../helpers/db.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

async function story(text: string, staff: string, when: string, ...tags: string[]): Promise<void> {
  const result = await svc.run(['story', 'add', text, '--staff', staff, '--when', when, ...tags.flatMap((t) => ['--tag', t])]);
  if (result.code !== 0) throw new Error(result.stderr);
}

/** Three call-back stories by Ana and Bo, one untagged story by Cy. */
async function seed(): Promise<void> {
  await story('Ana called the customer back within the hour.', 'Ana', '2026-03-01', 'call-back');
  await story('Bo called back before lunch as promised.', 'Bo', '2026-03-05', 'call-back');
  await story('Ana phoned back the same afternoon.', 'Ana', '2026-03-10', 'call-back', 'empathy');
  await story('Cy remembered the regular\'s usual order.', 'Cy', '2026-03-11');
}

describe('svc practice add and svc practices', () => {
  it('says how many stories a phrase linked, and a tag and a phrase together', async () => {
    await seed();
    const byPhrase = await svc.run(['practice', 'add', 'Call back', '--phrase', 'call back']);
    expect(byPhrase.code, byPhrase.stderr).toBe(0);
    expect(byPhrase.stderr).toMatch(/^Added practice "Call back" \(candidate\); 3 stories linked by phrase$/m);
    const both = await svc.run(['practice', 'add', 'Show empathy', '--tag', 'empathy', '--phrase', 'remember the usual order']);
    expect(both.stderr).toMatch(/; 2 stories linked by tag and phrase$/m);
  });

  it('links stories carrying the tag and lists spread, star share and the star-dependent marker', async () => {
    await seed();
    const added = await svc.run(['practice', 'add', 'Call back the same day', '--tag', 'Call Back', '--description', 'Every open question gets a call']);
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('1\n');
    expect(added.stderr).toContain('3 stories linked by tag');

    const [row] = await svc.json<PracticeSummary[]>(['practices']);
    expect(row).toEqual({
      id: 1,
      name: 'Call back the same day',
      status: 'candidate',
      stories: 3,
      spread: 2,
      starShare: 2 / 3,
      star: 'Ana',
      starDependent: true,
      lastEvidenceOn: '2026-03-10',
    });
    const table = await svc.run(['practices']);
    expect(table.stdout.split('\n')[1]).toBe('Call back the same day\tcandidate\t3\t2\t0.67\tAna\tyes\t2026-03-10');

    // A new story with the tag becomes evidence too.
    await story('Cy called back the supplier.', 'Cy', '2026-03-12', 'call-back');
    expect((await svc.json<PracticeSummary[]>(['practices']))[0]).toMatchObject({ stories: 4, spread: 3, starDependent: false });
  });

  it('filters by --status and stores --phrase matchers as the extractor\'s keys', async () => {
    await svc.run(['practice', 'add', 'Remember the regulars', '--phrase', 'Remember  Name!', '--phrase', 'usual order, again']);
    await svc.run(['practice', 'add', 'Stay late']);
    await svc.run(['practice', 'status', 'Stay late', 'adopted']);
    expect((await svc.json<PracticeSummary[]>(['practices', '--status', 'adopted'])).map((p) => p.name)).toEqual(['Stay late']);
    expect(await svc.json<PracticeSummary[]>(['practices', '--status', 'candidate,adopted'])).toHaveLength(2);
    const shown = await svc.json<{ matchers: unknown[] }>(['practice', 'show', 'remember the regulars']);
    expect(shown.matchers).toEqual([
      { kind: 'phrase', value: 'remember' }, // keyed on the action; the object is a detail
      { kind: 'phrase', value: 'usual order again' },
    ]);
  });

  it('links by phrase whatever the inflection, including stories added after the practice', async () => {
    await story('Ana called the customer back within the hour.', 'Ana', '2026-03-01');
    await story('Bo calls back every client who leaves a message.', 'Bo', '2026-03-05');
    await story('Cy greeted the regulars by name.', 'Cy', '2026-03-06');
    expect((await svc.run(['practice', 'add', 'Call back', '--phrase', 'called back'])).code).toBe(0);
    expect((await svc.json<{ matchers: unknown[] }>(['practice', 'show', 'Call back'])).matchers).toEqual([{ kind: 'phrase', value: 'call back' }]);
    expect((await svc.json<PracticeSummary[]>(['practices']))[0]).toMatchObject({ stories: 2, spread: 2 });
    // story add never loads the language model; the next command that reads evidence indexes the new story.
    await story('Dee rang the supplier back before noon.', 'Dee', '2026-03-07');
    expect((await svc.json<PracticeSummary[]>(['practices']))[0]).toMatchObject({ stories: 3, spread: 3 });
  });

  it('refuses a taken name, a taken tag and an empty name, changing nothing', async () => {
    await seed();
    await svc.run(['practice', 'add', 'Call back', '--tag', 'call-back']);
    const before = svc.snapshot();
    const taken = await svc.run(['practice', 'add', 'CALL BACK ']);
    expect(taken.code).toBe(4);
    expect(taken.stderr).toMatch(/^svc: a practice named "Call back" already exists\nhint: /);
    const tag = await svc.run(['practice', 'add', 'Phone back', '--tag', '#call-back']);
    expect(tag.code).toBe(4);
    expect(tag.stderr).toContain('the tag "call-back" already links stories to practice "Call back"');
    const empty = await svc.run(['practice', 'add', '  ']);
    expect(empty.code).toBe(2);
    const badStatus = await svc.run(['practices', '--status', 'golden']);
    expect(badStatus.code).toBe(2);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('svc practice show, link, unlink, rename', () => {
  it('says which evidence was matched and which was linked by hand, with people and history', async () => {
    await seed();
    await svc.run(['practice', 'add', 'Call back', '--tag', 'call-back']);
    const linked = await svc.run(['practice', 'link', 'call back', '4', '#2']);
    expect(linked.code).toBe(0);
    const shown = await svc.json<{
      evidence: Array<{ storyId: number; how: string; people: string[] }>;
      people: Array<{ person: string; stories: number }>;
      statusHistory: Array<{ from: string | null; to: string }>;
      figures: { stories: number; spread: number };
    }>(['practice', 'show', 'Call back']);
    expect(shown.evidence.map((e) => [e.storyId, e.how])).toEqual([
      [4, 'manual'],
      [3, 'matched'],
      [2, 'manual'],
      [1, 'matched'],
    ]);
    expect(shown.people).toEqual([
      { person: 'Ana', stories: 2, lastOn: '2026-03-10' },
      { person: 'Cy', stories: 1, lastOn: '2026-03-11' },
      { person: 'Bo', stories: 1, lastOn: '2026-03-05' },
    ]);
    expect(shown.statusHistory).toMatchObject([{ from: null, to: 'candidate' }]);
    const text = (await svc.run(['practice', 'show', 'Call back'])).stdout;
    expect(text).toContain('#4\t2026-03-11\tCy\tby hand\tCy remembered');
    expect(text).toContain('#3\t2026-03-10\tAna\tmatched\t');

    expect((await svc.run(['practice', 'unlink', 'Call back', '4', '1'])).code).toBe(0);
    expect((await svc.json<{ figures: { stories: number } }>(['practice', 'show', 'Call back'])).figures.stories).toBe(2);
  });

  it('refuses unknown practices and stories, bad ids and stories that are not evidence, changing nothing', async () => {
    await seed();
    await svc.run(['practice', 'add', 'Call back', '--tag', 'call-back']);
    const before = svc.snapshot();
    const cases: Array<[string[], number, RegExp]> = [
      [['practice', 'show', 'Nope'], 3, /there is no practice "Nope"/],
      [['practice', 'link', 'Nope', '1'], 3, /no practice/],
      [['practice', 'link', 'Call back', '4', '99'], 3, /story #99 does not exist/],
      [['practice', 'link', 'Call back', 'x1'], 2, /"x1" is not a story id/],
      [['practice', 'unlink', 'Call back', '4'], 3, /story #4 is not evidence of "Call back"/],
      [['practice', 'rename', 'Nope', 'Other'], 3, /no practice/],
      [['practice', 'status', 'Call back', 'golden'], 2, /not one of adopted, retired/],
    ];
    for (const [args, code, message] of cases) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/\nhint: /);
    }
    expect(svc.snapshot()).toBe(before);
  });

  it('renames, keeping evidence; refuses a name another practice has', async () => {
    await seed();
    await svc.run(['practice', 'add', 'call back', '--tag', 'call-back']);
    await svc.run(['practice', 'add', 'Listen']);
    expect((await svc.run(['practice', 'rename', 'call back', 'Call back the same day'])).code).toBe(0);
    expect((await svc.json<PracticeSummary[]>(['practices'])).map((p) => [p.name, p.stories])).toEqual([
      ['Call back the same day', 3],
      ['Listen', 0],
    ]);
    const before = svc.snapshot();
    expect((await svc.run(['practice', 'rename', 'Listen', 'call back the same day'])).code).toBe(4);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('svc practice status', () => {
  it('follows the lifecycle and refuses impossible steps without --force', async () => {
    await svc.run(['practice', 'add', 'Call back']);
    expect((await svc.run(['practice', 'status', 'Call back', 'adopted'])).code).toBe(0);
    expect((await svc.run(['practice', 'status', 'Call back', 'retired'])).code).toBe(0);
    const before = svc.snapshot();
    const back = await svc.run(['practice', 'status', 'Call back', 'adopted']);
    expect(back.code).toBe(4);
    expect(back.stderr).toMatch(/^svc: practice "Call back" is retired; it cannot become adopted\nhint: .*--force/);
    expect(svc.snapshot()).toBe(before);
    expect((await svc.run(['practice', 'status', 'Call back', 'adopted', '--force'])).code).toBe(0);
    const history = (await svc.json<{ statusHistory: Array<{ from: string | null; to: string; note: string | null }> }>(['practice', 'show', 'Call back'])).statusHistory;
    expect(history.map((h) => `${h.from}→${h.to}`)).toEqual(['null→candidate', 'candidate→adopted', 'adopted→retired', 'retired→adopted']);
    expect(history.at(-1)?.note).toBe('forced');
  });
});

describe('svc people show', () => {
  it('lists the practices a person shows, the tags on their stories, and where they could coach', async () => {
    await seed();
    await story('Dee listened to the whole complaint.', 'Dee', '2026-03-12', 'listening');
    await svc.run(['practice', 'add', 'Call back', '--tag', 'call-back']);
    await svc.run(['practice', 'add', 'Listen fully', '--tag', 'listening']);
    const dee = await svc.json<{ practices: Array<{ practice: string; stories: number; couldCoach: boolean }>; tags: unknown[]; coaches: string[] }>([
      'people',
      'show',
      'dee',
    ]);
    expect(dee.practices).toMatchObject([{ practice: 'Listen fully', stories: 1, lastOn: '2026-03-12', couldCoach: true }]);
    expect(dee.coaches).toEqual(['Listen fully']);
    const ana = await svc.json<{ practices: Array<{ practice: string; stories: number; couldCoach: boolean }>; tags: unknown[] }>(['people', 'show', 'Ana']);
    // Ana and Bo show it: one of Ana's three colleagues is fewer than half.
    expect(ana.practices).toMatchObject([{ practice: 'Call back', stories: 2, firstOn: '2026-03-01', lastOn: '2026-03-10', couldCoach: true }]);
    expect(ana.tags).toEqual([
      { tag: 'call-back', stories: 2 },
      { tag: 'empathy', stories: 1 },
    ]);
    const text = await svc.run(['people', 'show', 'Ana']);
    expect(text.stdout).toContain('Could coach');
    const missing = await svc.run(['people', 'show', 'Zed']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('nobody called "Zed"');
  });
});

describe('svc practice link on a story already linked', () => {
  it('says a story was already linked by hand and changes nothing', async () => {
    await seed();
    await svc.run(['practice', 'add', 'Call back', '--tag', 'call-back']);
    expect((await svc.run(['practice', 'link', 'Call back', '4'])).stderr).toBe('Linked #4 to "Call back" by hand\n');
    const before = svc.snapshot();
    const again = await svc.run(['practice', 'link', 'Call back', '4']);
    expect(again).toMatchObject({ code: 0, stdout: '', stderr: '#4 was already evidence of "Call back" (linked by hand): nothing changed\n' });
    expect(svc.snapshot()).toBe(before);
    expect(await svc.json(['practice', 'link', 'Call back', '#4', '--json'])).toEqual({ practice: 'Call back', linked: [], alreadyLinked: [{ storyId: 4, how: 'manual' }] });
    expect(svc.snapshot()).toBe(before);
  });

  it('says a matched story was already evidence, and that it is now held by hand', async () => {
    await seed();
    await svc.run(['practice', 'add', 'Call back', '--tag', 'call-back']);
    const result = await svc.run(['practice', 'link', 'Call back', '3', '4']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toBe(
      'Linked #4 to "Call back" by hand\n#3 was already evidence of "Call back" (matched by its tags or phrases): now linked by hand too, so it stays evidence if they stop matching\n',
    );
    const shown = await svc.json<{ evidence: Array<{ storyId: number; how: string }> }>(['practice', 'show', 'Call back']);
    expect(shown.evidence.filter((e) => e.storyId >= 3).map((e) => [e.storyId, e.how])).toEqual([
      [4, 'manual'],
      [3, 'manual'],
    ]);
  });
});

describe('svc practice unreject', () => {
  /** Rejections as svc detect --review records them: one row per key of each candidate. */
  async function reject(candidates: ReadonlyArray<[label: string, keys: string[]]>): Promise<void> {
    expect((await svc.run(['story', 'add', 'Ana made a note', '--staff', 'Ana'])).code).toBe(0);
    const store = openSandboxStore(svc.db);
    store.transaction(() => {
      for (const [label, keys] of candidates) store.detection.rejectCandidate(keys, label, '2026-03-10T09:00:00.000Z');
    });
    store.close();
  }
  const rejected = async () => (await svc.json<Array<{ label: string }>>(['detect', '--show-rejected'])).map((r) => r.label);

  it('takes the start of a label, in any case, as other names do', async () => {
    await reject([['make an appointment', ['phrase:make appointment', 'tag:appointment']], ['explain option', ['phrase:explain option']]]);
    const restored = await svc.run(['practice', 'unreject', 'MAKE']);
    expect(restored).toMatchObject({ code: 0, stdout: '' });
    expect(restored.stderr).toBe('Restored "make an appointment": svc detect may suggest it again.\n');
    expect(await rejected()).toEqual(['explain option']);
  });

  it('refuses a start that fits several labels (exit 2) and suggests the closest for none (exit 3), changing nothing', async () => {
    await reject([['explain option', ['phrase:explain option']], ['explain fees', ['phrase:explain fee']]]);
    const before = svc.snapshot();
    const several = await svc.run(['practice', 'unreject', 'expl']);
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/^svc: "expl" fits 2 rejected candidates: #\d+ explain (option|fees), #\d+ explain (option|fees)\nhint: type more of the name, or give the id/u);
    const none = await svc.run(['practice', 'unreject', 'explain opton']);
    expect(none.code).toBe(3);
    expect(none.stderr).toBe('svc: no rejected candidate matches "explain opton"\nhint: did you mean "explain option" or "explain fees"? (list them with: svc detect --show-rejected)\n');
    expect(svc.snapshot()).toBe(before);
  });
});
