import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_BACK_AND_EXPLAIN, expectCleanError, type RunOptions } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

let svc: InProcessSandbox;
const others: InProcessSandbox[] = [];
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => {
  svc.cleanup();
  for (const other of others.splice(0)) other.cleanup();
});

async function ok(box: InProcessSandbox, args: string[], options?: RunOptions): Promise<string> {
  const result = await box.run(args, options);
  if (result.code !== 0) throw new Error(`svc ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

/** Runs a command that must be refused: exit code, a clean two-line error, nothing changed. */
async function refused(args: string[], code: number, message: RegExp, box: InProcessSandbox = svc): Promise<void> {
  const before = box.snapshot();
  const result = await box.run(args);
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  expectCleanError(result.stderr, message);
  expect(box.snapshot()).toBe(before);
}

interface PersonJson {
  name: string;
  active: boolean;
  stories: number;
}
interface TrainingJson {
  attendees: string[];
}
const people = async (box: InProcessSandbox = svc) => await box.json<PersonJson[]>(['people']);
const names = async (box: InProcessSandbox = svc) => (await people(box)).map((p) => p.name);
const activePeople = async () => Number(/"activePeople": (\d+)/.exec(await ok(svc, ['report', '--format', 'json']))?.[1]);

async function exchange(from: InProcessSandbox, to: InProcessSandbox): Promise<void> {
  const file = join(from.dir, `export-${Date.now()}-${Math.random()}.jsonl`);
  await ok(from, ['export', '--out', file]);
  await ok(to, ['import', file]);
}

function newBox(): InProcessSandbox {
  const box = inProcessSandbox();
  others.push(box);
  return box;
}

describe('svc people: mistakes can be undone', () => {
  beforeEach(async () => {
    await ok(svc, ['story', 'add', 'Ana called the customer back the same day', '--staff', 'Ana']);
    await ok(svc, ['story', 'add', 'Bo called him back the next morning', '--staff', 'Bo']);
    await ok(svc, ['practice', 'add', 'Call back', '--tag', 'call-back']);
    // A typo in train log --people made "Aan" a permanent team member (it used to).
    await ok(svc, ['train', 'log', 'Call back', '--people', 'Aan,Bo']);
  });

  it('rename corrects a name; the stories and trainings follow', async () => {
    await ok(svc, ['people', 'rename', 'bo', 'Bo Lind']);
    expect(await names()).toEqual(['Aan', 'Ana', 'Bo Lind']);
    expect((await svc.json<Array<{ staff: string[] }>>(['stories'])).map((s) => s.staff)).toEqual([['Bo Lind'], ['Ana']]);
    expect((await svc.json<TrainingJson[]>(['train', 'list']))[0]?.attendees).toEqual(['Aan', 'Bo Lind']);
    expect(await svc.json<{ id: number; from: string; name: string }>(['people', 'rename', 'Bo Lind', 'Bo'])).toMatchObject({ from: 'Bo Lind', name: 'Bo' });
  });

  it('merge moves stories, evidence and trainings to the person kept', async () => {
    await ok(svc, ['story', 'add', 'Aan rang the customer back #call-back', '--staff', 'Aan']);
    const result = await svc.run(['people', 'merge', 'Aan', 'Ana', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Merged Aan into Ana/);
    expect(await people()).toEqual([expect.objectContaining({ name: 'Ana', stories: 2 }), expect.objectContaining({ name: 'Bo', stories: 1 })]);
    expect((await svc.json<TrainingJson[]>(['train', 'list']))[0]?.attendees).toEqual(['Ana', 'Bo']);
    const practice = await svc.json<{ figures: { stories: number; star: string } }>(['practice', 'show', 'Call back']);
    expect(practice.figures).toMatchObject({ stories: 1, star: 'Ana' });
  });

  it('deactivate keeps the stories and drops the person out of the active figures; activate undoes it', async () => {
    expect(await activePeople()).toBe(3);
    await ok(svc, ['people', 'deactivate', 'Bo']);
    expect(await activePeople()).toBe(2);
    expect((await people()).find((p) => p.name === 'Bo')).toMatchObject({ active: false, stories: 1 });
    expect(await ok(svc, ['people'])).toMatch(/^Bo\t\t1\t2026-03-18\tdeactivated$/m);
    await refused(['people', 'deactivate', 'Bo'], 4, /Bo is already deactivated/);
    await ok(svc, ['people', 'activate', 'Bo']);
    expect(await activePeople()).toBe(3);
  });

  it('rm removes a person no story credits, with their training attendance', async () => {
    await refused(['people', 'rm', 'Aan'], 2, /removing Aan needs confirmation/);
    await ok(svc, ['people', 'rm', 'Aan', '--yes']);
    expect(await names()).toEqual(['Ana', 'Bo']);
    expect((await svc.json<TrainingJson[]>(['train', 'list']))[0]?.attendees).toEqual(['Bo']);
  });

  it('rm refuses someone who facilitated a training: the training would lose who ran it', async () => {
    await ok(svc, ['train', 'log', 'Call back', '--people', 'Bo', '--facilitator', 'Fac']);
    await refused(['people', 'rm', 'Fac', '--yes'], 4, /Fac facilitated 1 training; removing them would lose who ran it/);
    expect((await svc.run(['people', 'rm', 'Fac', '--yes'])).stderr).toMatch(/hint: .*svc people deactivate "Fac".*svc people merge "Fac"/);
    expect((await svc.json<Array<{ facilitator: string | null }>>(['train', 'list'])).map((t) => t.facilitator)).toContain('Fac');
  });

  it.each([
    ['rm of someone with evidence', ['people', 'rm', 'Ana', '--yes'], 4, /Ana is credited on 1 story; removing them would lose that evidence/],
    ['rename onto another person', ['people', 'rename', 'Aan', 'ana'], 4, /someone called "Ana" is already in svc/],
    ['rename to nothing', ['people', 'rename', 'Aan', '  '], 2, /the new name is empty/],
    ['rename of nobody', ['people', 'rename', 'Zed', 'Zoe'], 3, /nobody called "Zed"/],
    ['merge without --yes off a terminal', ['people', 'merge', 'Aan', 'Ana'], 2, /merging Aan into Ana needs confirmation/],
    ['merge of a person into themselves', ['people', 'merge', 'ana', 'Ana', '--yes'], 2, /both names are the same person/],
    ['merge into nobody', ['people', 'merge', 'Aan', 'Zed', '--yes'], 3, /nobody called "Zed"/],
    ['a rename with a terminal escape', ['people', 'rename', 'Aan', 'An\u001b]52;c;UFdORUQ=\u0007a'], 2, /control character \(U\+001B\)/],
  ])('refuses %s and changes nothing', async (_name, args, code, message) => await refused(args, code, message));

  it('in a terminal, merge asks first: no keeps both, yes merges', async () => {
    const no = new Terminal(['people', 'merge', 'Aan', 'Ana'], svc.db);
    await no.answer(/Merge Aan into Ana\?/, 'n');
    expect(await no.exitCode()).toBe(0);
    expect(no.screen).toContain('Nothing was changed.');
    expect(await names()).toEqual(['Aan', 'Ana', 'Bo']);
    const yes = new Terminal(['people', 'merge', 'Aan', 'Ana'], svc.db);
    await yes.answer(/Merge Aan into Ana\?/, 'y');
    expect(await yes.exitCode()).toBe(0);
    expect(await names()).toEqual(['Ana', 'Bo']);
  });

  it('a merge travels: the other database merges the same two people when it imports', async () => {
    const other = newBox();
    await exchange(svc, other);
    await ok(svc, ['people', 'merge', 'Aan', 'Ana', '--yes'], { env: { SVC_NOW: '2026-03-18T11:00:00' } });
    await exchange(svc, other);
    expect(await names(other)).toEqual(['Ana', 'Bo']);
    expect((await other.json<TrainingJson[]>(['train', 'list']))[0]?.attendees).toEqual(['Ana', 'Bo']);
  });
});

describe('svc tag rename and merge', () => {
  beforeEach(async () => {
    await ok(svc, ['story', 'add', 'Ana called back #folow-up', '--staff', 'Ana']);
    await ok(svc, ['story', 'add', 'Bo called back #follow-up', '--staff', 'Bo']);
    await ok(svc, ['story', 'add', 'Cy emailed a summary #recap', '--staff', 'Cy']);
    await ok(svc, ['practice', 'add', 'Follow up', '--tag', 'folow-up']);
  });
  const tags = async (box: InProcessSandbox = svc) => (await box.json<Array<{ name: string; stories: number }>>(['tags', '--used'])).map((t) => `${t.name}:${t.stories}`).sort();

  it('tag list is tags, with the same options', async () => {
    const listed = await svc.run(['tag', 'list', '--used', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ name: string; stories: number }>).map((t) => `${t.name}:${t.stories}`).sort()).toEqual(await tags());
  });

  it('rename gives a tag a new name; its stories and its practice matcher follow', async () => {
    await ok(svc, ['tag', 'rename', 'recap', 'Summary Sent']);
    expect(await tags()).toEqual(['follow-up:1', 'folow-up:1', 'summary-sent:1']);
    expect(await svc.json<Array<{ tags: string[] }>>(['stories', '--tag', 'summary-sent'])).toHaveLength(1);
  });

  it('a rename to the same tag once normalised changes nothing and says so', async () => {
    const before = svc.snapshot();
    const result = await svc.run(['tag', 'rename', 'follow-up', '#FOLLOW Up', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ from: 'follow-up', name: 'follow-up' });
    expect(result.stderr).toMatch(/the tag is already called follow-up .*nothing changed/);
    expect(svc.snapshot()).toBe(before);
  });

  it('with --json, rename and merge print what they did', async () => {
    expect(JSON.parse(await ok(svc, ['tag', 'merge', 'folow-up', 'follow-up', '--yes', '--json']))).toEqual({ merged: 'folow-up', into: 'follow-up' });
    expect(JSON.parse(await ok(svc, ['tag', 'rename', 'recap', 'summary', '--json']))).toEqual({ from: 'recap', name: 'summary' });
  });

  it('merge joins two tags; the practice matching the merged one now matches the survivor', async () => {
    await ok(svc, ['tag', 'merge', 'folow-up', 'follow-up', '--yes']);
    expect(await tags()).toEqual(['follow-up:2', 'recap:1']);
    const practice = await svc.json<{ matchers: Array<{ kind: string; value: string }>; figures: { stories: number } }>(['practice', 'show', 'Follow up']);
    expect(practice.matchers).toEqual([{ kind: 'tag', value: 'follow-up' }]);
    expect(practice.figures.stories).toBe(2);
  });

  it.each([
    ['a rename onto an existing tag', ['tag', 'rename', 'folow-up', 'follow-up'], 4, /the tag "follow-up" already exists/],
    ['a rename of a missing tag', ['tag', 'rename', 'nope', 'yes'], 3, /there is no tag "nope"/],
    ['a rename to nothing', ['tag', 'rename', 'recap', '#'], 2, /the new tag is empty/],
    ['a merge without --yes off a terminal', ['tag', 'merge', 'folow-up', 'follow-up'], 2, /needs confirmation/],
    ['a merge into itself', ['tag', 'merge', 'recap', '#Recap', '--yes'], 2, /both names are the same tag/],
    ['a tag with a bidirectional control', ['tag', 'rename', 'recap', 'sum\u202Emary'], 2, /control character \(U\+202E\)/],
  ])('refuses %s and changes nothing', async (_name, args, code, message) => await refused(args, code, message));

  describe('built-in tags', () => {
    const empathy = async () => (await svc.json<{ qualities: Array<{ attribute: string; stories: number }> }>(['report'])).qualities.find((q) => q.attribute === 'empathy')?.stories;
    beforeEach(async () => {
      await ok(svc, ['story', 'add', 'Ana listened to the worried guest #empathy', '--staff', 'Ana']);
      await ok(svc, ['story', 'add', 'Bo sat with the lost child #kind', '--staff', 'Bo']);
    });

    it.each([
      ['a rename', ['tag', 'rename', 'empathy', 'care'], /empathy is a built-in tag: it cannot be renamed/],
      ['a merge away', ['tag', 'merge', 'empathy', 'kind', '--yes'], /empathy is a built-in tag: it cannot be merged away/],
    ])('refuses %s (the report counts it) and changes nothing', async (_name, args, message) => {
      await refused(args, 4, message);
      expect((await svc.run(args)).stderr).toMatch(/hint: built-in tags name the attributes the report counts/);
      expect(await empathy()).toBe(1);
    });

    it('another tag may still be merged into one', async () => {
      await ok(svc, ['tag', 'merge', 'kind', 'empathy', '--yes']);
      expect(await empathy()).toBe(2);
    });
  });

  it('a merge travels to a database that imports it', async () => {
    const other = newBox();
    await exchange(svc, other);
    await ok(svc, ['tag', 'merge', 'folow-up', 'follow-up', '--yes'], { env: { SVC_NOW: '2026-03-18T11:00:00' } });
    await exchange(svc, other);
    expect(await tags(other)).toEqual(['follow-up:2', 'recap:1']);
  });
});

describe('svc practice unphrase', () => {
  beforeEach(async () => {
    await ok(svc, ['story', 'add', 'Ana called the customer back the same day', '--staff', 'Ana']);
    await ok(svc, ['story', 'add', 'Bo called him back the next morning', '--staff', 'Bo']);
    await ok(svc, ['story', 'add', 'Cy sent an email with the case number', '--staff', 'Cy']);
    await ok(svc, ['practice', 'add', 'Call back', '--phrase', 'called back', '--phrase', 'sent an email']);
  });
  const shown = async (box: InProcessSandbox = svc) => await box.json<{ matchers: Array<{ kind: string; value: string }>; figures: { stories: number } }>(['practice', 'show', 'Call back']);

  it('removes a matcher added by mistake, and the evidence it alone pulled in', async () => {
    const before = await shown();
    expect(before.figures.stories).toBe(3);
    const mistaken = before.matchers.find((m) => m.value !== 'call back');
    expect(mistaken).toBeDefined();
    const result = await svc.run(['practice', 'unphrase', 'Call back', mistaken?.value ?? '', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ practice: 'Call back', removed: mistaken, unlinked: 1 });
    const after = await shown();
    expect(after.matchers).toEqual([{ kind: 'phrase', value: 'call back' }]);
    expect(after.figures.stories).toBe(2);
    // practice show lists the matchers in text too.
    expect(await ok(svc, ['practice', 'show', 'Call back'])).toMatch(/matchers\s+phrase:call back\n/);
    // A new story with the removed phrase is no longer pulled in.
    await ok(svc, ['story', 'add', 'Di sent an email to confirm', '--staff', 'Di']);
    expect((await shown()).figures.stories).toBe(2);
  });

  it('accepts the phrase as written in a story, and the removal travels', async () => {
    const other = newBox();
    await exchange(svc, other);
    await ok(svc, ['practice', 'unphrase', 'Call back', 'called back'], { env: { SVC_NOW: '2026-03-18T11:00:00' } });
    expect((await shown()).matchers.map((m) => m.value)).not.toContain('call back');
    await exchange(svc, other);
    expect((await shown(other)).matchers.map((m) => m.value)).not.toContain('call back');
  });

  it('undoes a matcher merged into a practice by mistake in detect --review (it kept pulling stories in)', async () => {
    const review = inProcessSandbox();
    others.push(review);
    for (const [text, staff] of CALL_BACK_AND_EXPLAIN) await ok(review, ['story', 'add', text, '--staff', staff]);
    const first = new Terminal(['detect', '--review', '--min-staff', '3'], review.db);
    await first.waitFor('quit: save the decisions so far');
    await first.type(KEY.enter); // accept "call back"
    await first.answer('Name of the practice:', '');
    await first.answer('Description', '');
    await first.waitFor(/explain option[\s\S]*quit: save the decisions so far/u);
    await first.type(KEY.up + KEY.enter); // quit
    expect(await first.exitCode()).toBe(0);
    const second = new Terminal(['detect', '--review', '--min-staff', '3'], review.db);
    await second.waitFor('merge into an existing practice');
    await second.type(KEY.down + KEY.enter); // merge "explain option" into "call back": the mistake
    await second.waitFor('Merge into which practice?');
    await second.type(KEY.enter);
    expect(await second.exitCode()).toBe(0);
    expect((await shown(review)).figures.stories).toBe(6);

    const undone = await review.run(['practice', 'unphrase', 'call back', 'explain']);
    expect(undone.code).toBe(0);
    expect(undone.stderr).toMatch(/Removed the phrase "explain" from "call back": 3 stories it alone linked are no longer evidence/);
    expect(await shown(review)).toMatchObject({ matchers: [{ kind: 'phrase', value: 'call back' }], figures: { stories: 3 } });
    await ok(review, ['story', 'add', 'Eve explained the options again.', '--staff', 'Eve']);
    expect((await shown(review)).figures.stories).toBe(3);
  });

  it('a link taken out by hand stays out in the databases that import it', async () => {
    const other = newBox();
    await ok(svc, ['practice', 'link', 'Call back', '3']);
    await exchange(svc, other);
    expect((await shown(other)).figures.stories).toBe(3);
    await ok(svc, ['practice', 'unlink', 'Call back', '3'], { env: { SVC_NOW: '2026-03-18T11:00:00' } });
    await exchange(svc, other);
    expect((await shown(other)).figures.stories).toBe((await shown()).figures.stories);
    await exchange(other, svc);
    expect((await shown()).figures.stories).toBe(2);
  });

  it.each([
    ['a phrase the practice does not have', ['practice', 'unphrase', 'Call back', 'smiled'], 3, /practice "Call back" has no phrase matcher "smiled"/],
    // Echoed as practice show lists a phrase with details, brackets and all.
    ['a phrase with details it does not have', ['practice', 'unphrase', 'Call back', 'call back (timing)'], 3, /^svc: practice "Call back" has no phrase matcher "call back \(timing\)"$/],
    ['a missing practice', ['practice', 'unphrase', 'Nope', 'called back'], 3, /there is no practice "Nope"/],
  ])('refuses %s and changes nothing', async (_name, args, code, message) => await refused(args, code, message));
});

describe('svc customer merge and rm', () => {
  beforeEach(async () => {
    await ok(svc, ['story', 'add', 'Ana rang Dev back', '--staff', 'Ana', '--customer', 'Dev Patel']);
    const file = join(svc.dir, 'crm.csv');
    writeFileSync(file, 'name,email,external id\nDev Patel,dev@example.com,C-1\nMia Wong,mia@example.com,C-2\n');
    await ok(svc, ['customers', 'import', file]);
  });
  const customers = async () => await svc.json<Array<{ id: number; name: string; externalId: string | null }>>(['customers']);

  it('merge joins two records of one customer: the stories move, the extra record goes', async () => {
    await ok(svc, ['customer', 'merge', '1', '2', '--yes']);
    expect((await customers()).map((c) => `${c.id}:${c.name}:${c.externalId}`)).toEqual(['2:Dev Patel:C-1', '3:Mia Wong:C-2']);
    expect((await svc.json<Array<{ customer: string }>>(['stories']))[0]?.customer).toBe('Dev Patel');
  });

  it('merge --json prints the kept customer as svc customers --json does: contacts only when asked for', async () => {
    const merged = JSON.parse(await ok(svc, ['customer', 'merge', '1', '2', '--yes', '--json'])) as { merged: number; into: Record<string, unknown> };
    expect(merged.merged).toBe(1);
    expect(merged.into).toEqual((await svc.json<Array<Record<string, unknown>>>(['customers'])).find((c) => c.id === 2));
    expect(merged.into).not.toHaveProperty('email');
    expect(merged.into).not.toHaveProperty('phone');
    const file = join(svc.dir, 'crm2.csv');
    writeFileSync(file, 'name,email,external id\nMia Wong,mia.w@example.com,C-3\n');
    await ok(svc, ['customers', 'import', file]);
    const withContacts = JSON.parse(await ok(svc, ['customer', 'merge', '4', '3', '--yes', '--json', '--include-contacts'])) as { into: Record<string, unknown> };
    expect(withContacts.into).toMatchObject({ id: 3, email: 'mia@example.com' });
  });

  it('rm removes a customer nothing refers to', async () => {
    await ok(svc, ['customer', 'rm', 'Mia Wong', '--yes']);
    expect((await customers()).map((c) => c.name)).toEqual(['Dev Patel', 'Dev Patel']);
  });

  it.each([
    ['rm of a customer a story refers to', ['customer', 'rm', '1', '--yes'], 4, /customer #1 is still referred to by 1 story/],
    ['rm without --yes off a terminal', ['customer', 'rm', '3'], 2, /removing customer #3 needs confirmation/],
    ['rm by an ambiguous name', ['customer', 'rm', 'Dev Patel', '--yes'], 2, /2 customers are called "Dev Patel"/],
    ['merge into itself', ['customer', 'merge', '2', '#2', '--yes'], 2, /both names are the same customer/],
    ['merge of a missing customer', ['customer', 'merge', '9', '2', '--yes'], 3, /no customer #9/],
    ['merge without --yes off a terminal', ['customer', 'merge', '1', '2'], 2, /merging customer #1 into #2 needs confirmation/],
  ])('refuses %s and changes nothing', async (_name, args, code, message) => await refused(args, code, message));
});

describe('names written by corrections keep the limits a story and an import apply', () => {
  const long = (n: number, c = 'x') => c.repeat(n);
  beforeEach(async () => {
    await ok(svc, ['story', 'add', 'Ana called back #call-back', '--staff', 'Ana']);
    await ok(svc, ['practice', 'add', 'Call back']);
    const file = join(svc.dir, 'crm.csv');
    writeFileSync(file, 'name,email\nMia Wong,mia@example.com\n');
    await ok(svc, ['customers', 'import', file]);
  });

  it.each([
    ['a person renamed beyond 100 characters', ['people', 'rename', 'Ana', long(101)], /the new name is 101 characters long; the limit is 100/],
    ['a tag renamed beyond 60 characters', ['tag', 'rename', 'call-back', long(61, 'y')], /the new tag is 61 characters long; the limit is 60/],
    ['a training facilitator beyond 100 characters', ['train', 'log', 'Call back', '--people', 'Ana', '--facilitator', long(101)], /--facilitator is 101 characters long/],
    ['a planned facilitator beyond 100 characters', ['train', 'schedule', 'Call back', '--on', 'tomorrow', '--facilitator', long(101)], /--facilitator is 101 characters long/],
    ['a planned facilitator with a control character', ['train', 'schedule', 'Call back', '--on', 'tomorrow', '--facilitator', 'Cy\u001b[2J'], /the facilitator name holds a control character \(U\+001B\)/],
    ['an interviewer beyond 100 characters', ['interview', 'pick', '--for', long(101)], /--for is 101 characters long/],
    ['a practice renamed beyond 120 characters', ['practice', 'rename', 'Call back', long(121)], /the practice name is 121 characters long/],
  ])('refuses %s (exit 2) and changes nothing', async (_name, args, message) => await refused(args, 2, message));

  it('names renamed at the limits travel: the export imports into another database', async () => {
    await ok(svc, ['people', 'rename', 'Ana', long(100)]);
    await ok(svc, ['tag', 'rename', 'call-back', long(60, 'y')]);
    const other = newBox();
    await exchange(svc, other);
    expect(await names(other)).toEqual([long(100)]);
  });
});

describe('control characters are refused in names', () => {
  beforeEach(async () => {
    await ok(svc, ['story', 'add', 'Ana called back', '--staff', 'Ana']);
    await ok(svc, ['practice', 'add', 'Call back']);
  });

  it.each([
    ['a person in story add', ['story', 'add', 'ok', '--staff', 'Bo\u001b[2J'], /the name holds a control character \(U\+001B\)/],
    ['a person in train log', ['train', 'log', 'Call back', '--people', 'Bo\u0007'], /the name holds a control character \(U\+0007\)/],
    ['a facilitator', ['train', 'log', 'Call back', '--people', 'Bo', '--facilitator', 'Cy\u009b31m'], /the facilitator name holds a control character \(U\+009B\)/],
    ['a customer', ['story', 'add', 'ok', '--staff', 'Bo', '--customer', 'Acme\u202E'], /the customer name holds a control character \(U\+202E\)/],
    ['a tag', ['story', 'add', 'ok', '--staff', 'Bo', '--tag', 'late\u0001night'], /the tag holds a control character \(U\+0001\)/],
    ['a practice', ['practice', 'add', 'Call\u001b]52;c;UFdORUQ=\u0007 back'], /the practice name holds a control character \(U\+001B\)/],
    ['a practice rename', ['practice', 'rename', 'Call back', 'Call\u2066 back'], /the practice name holds a control character \(U\+2066\)/],
  ])('%s', async (_name, args, message) => await refused(args, 2, message));

  it('a customer list row with one is refused with its line', async () => {
    const file = join(svc.dir, 'crm.csv');
    writeFileSync(file, 'name,email\nMia Wong,mia@example.com\nDev\u001b[31m Patel,dev@example.com\n');
    const before = svc.snapshot();
    const result = await svc.run(['customers', 'import', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/crm\.csv:3: the name holds a control character \(U\+001B\)/);
    expect(result.stderr).not.toContain('\u001b');
    expect(svc.snapshot()).toBe(before);
  });
});
