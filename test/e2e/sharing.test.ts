import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunOptions } from '../helpers/cli.ts';
import { openSandboxStore } from '../helpers/db.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

const boxes: InProcessSandbox[] = [];
function person(): InProcessSandbox {
  const box = inProcessSandbox();
  boxes.push(box);
  return box;
}
afterEach(() => {
  for (const box of boxes.splice(0)) box.cleanup();
});

/** Runs svc and fails loudly unless it exits 0. */
async function ok(svc: InProcessSandbox, args: string[], options?: RunOptions): Promise<string> {
  const result = await svc.run(args, options);
  if (result.code !== 0) throw new Error(`svc ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

/** A clock for one command: later changes get later times. */
const at = (time: string): RunOptions => ({ env: { SVC_NOW: time } });

let files = 0;
/** Exports svc's database to a new file in its folder. */
async function exportOf(svc: InProcessSandbox): Promise<string> {
  const file = join(svc.dir, `export-${++files}.jsonl`);
  await ok(svc, ['export', '--out', file]);
  return file;
}

/** An export's rows (no header, which carries the time), sorted: equal when two databases hold the same. */
async function contentOf(svc: InProcessSandbox): Promise<string[]> {
  return readFileSync(await exportOf(svc), 'utf8').trimEnd().split('\n').slice(1).sort();
}

interface CustomerJson {
  id: number;
  uuid: string;
  name: string;
  externalId: string | null;
}

interface StoryJson {
  id: number;
  uuid: string;
  text: string;
  customer: string | null;
}

const stories = async (svc: InProcessSandbox) => await svc.json<StoryJson[]>(['stories', '--limit', '0']);
const customers = async (svc: InProcessSandbox) => await svc.json<CustomerJson[]>(['customers']);

function query<T>(svc: InProcessSandbox, text: string, ...params: unknown[]): T[] {
  const store = openSandboxStore(svc.db);
  try {
    return store.db.prepare(text).all(...params) as T[];
  } finally {
    store.close();
  }
}

/** The CRM list of the reproduction: Dev Patel again, with an external id and an email. */
function crmList(svc: InProcessSandbox): string {
  const file = join(svc.dir, 'crm.csv');
  writeFileSync(file, 'name,email,external id\nDev Patel,dev@example.com,C-1\nMia Wong,mia@example.com,C-2\n');
  return file;
}

describe('a customer clash between two people', () => {
  it('imports back the export of a colleague who imported yours and added a story (it used to fail with UNIQUE customers.external_id)', async () => {
    const you = person();
    const colleague = person();
    await ok(you, ['story', 'add', 'Ana rang Dev back the next morning', '--staff', 'Ana', '--customer', 'Dev Patel']);
    await ok(you, ['customers', 'import', crmList(you)]);
    expect((await customers(you)).map((c) => c.name)).toEqual(['Dev Patel', 'Dev Patel', 'Mia Wong']);

    await ok(colleague, ['import', await exportOf(you)]);
    await ok(colleague, ['story', 'add', 'Bo sent Dev the case number', '--staff', 'Bo', '--customer', 'Dev Patel'], at('2026-03-18T11:00:00'));
    const back = await you.run(['import', await exportOf(colleague)]);
    expect(back.code).toBe(0);
    expect(back.stderr).toMatch(/^Imported .*: 3 added/m);

    // Both records of Dev Patel are still two, on both sides, and both stories are here.
    expect(await customers(you)).toHaveLength(3);
    expect(await customers(colleague)).toHaveLength(3);
    expect((await stories(you)).map((s) => s.text).sort()).toEqual(['Ana rang Dev back the next morning', 'Bo sent Dev the case number']);
    expect(await contentOf(you)).toEqual(await contentOf(colleague));
  });

  it('never merges different customers that share a name when the export has no contacts (it merged 886 of 938)', async () => {
    const crm = person();
    const file = join(crm.dir, 'people.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${['Sam Lee', 'Kim Park'][i % 2]},c${i}@example.com,`);
    writeFileSync(file, `name,email,phone\n${rows.join('\n')}\nSam Lee,,+44 20 7946 0001\n`);
    await ok(crm, ['customers', 'import', file]);
    const exported = await exportOf(crm);
    expect(readFileSync(exported, 'utf8')).not.toContain('@example.com');

    // Into an empty database, and into one with its own Sam Lee (with contacts, and without).
    const empty = person();
    await ok(empty, ['import', exported]);
    expect(await customers(empty)).toHaveLength(41);
    const other = person();
    await ok(other, ['customers', 'import', crmList(other)]);
    await ok(other, ['story', 'add', 'Cy helped Sam Lee find the form', '--staff', 'Cy', '--customer', 'Sam Lee']);
    expect(await customers(other)).toHaveLength(3);
    await ok(other, ['import', exported]);
    expect(await customers(other)).toHaveLength(44);
    // Importing the same file again changes nothing.
    const again = await other.json<{ totals: { added: number; updated: number } }>(['import', exported]);
    expect(again.totals).toMatchObject({ added: 0, updated: 0 });
  });

  it('a customer list row with a name only is not merged into a same-named customer known by an email', async () => {
    const svc = person();
    await ok(svc, ['customers', 'import', crmList(svc)]);
    const file = join(svc.dir, 'names.csv');
    writeFileSync(file, 'name\nDev Patel\nNew Person\n');
    expect(await svc.json<{ added: number; updated: number; unchanged: number }>(['customers', 'import', file])).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    // The same list again is recognised row by row: nothing new.
    expect(await svc.json<{ added: number; unchanged: number }>(['customers', 'import', file])).toMatchObject({ added: 0, unchanged: 2 });
    expect(await customers(svc)).toHaveLength(4);
  });

  it('still takes the same customer to be one by external id or email, from either side', async () => {
    const a = person();
    const b = person();
    await ok(a, ['customers', 'import', crmList(a)]);
    await ok(b, ['customers', 'import', crmList(b)]);
    // Both imported the same CRM list: one Dev Patel and one Mia Wong, not two of each.
    await ok(b, ['import', await exportOf(a)]);
    expect(await customers(b)).toHaveLength(2);
    const withContacts = join(a.dir, 'contacts.jsonl');
    await ok(a, ['export', '--include-contacts', '--out', withContacts]);
    const c = person();
    const file = join(c.dir, 'same-emails.csv');
    writeFileSync(file, 'name,email\nDev Patel,dev@example.com\nMia W.,mia@example.com\n');
    await ok(c, ['customers', 'import', file], at('2026-03-18T09:00:00'));
    await ok(c, ['import', withContacts]);
    // Matched by email (a's copies are newer, so their external ids came along), not added.
    expect((await customers(c)).map((x) => x.externalId).sort()).toEqual(['C-1', 'C-2']);
  });

  it('names only commands that exist when an import is refused for a clash', async () => {
    const a = person();
    const b = person();
    await ok(a, ['story', 'add', 'Bo kept the customer posted', '--staff', 'Bo']);
    await ok(b, ['import', await exportOf(a)]);
    await ok(b, ['people', 'rename', 'Bo', 'Bob'], at('2026-03-18T11:00:00'));
    await ok(a, ['story', 'add', 'Bob, another Bob, fixed the printer', '--staff', 'Bob']);
    const before = a.snapshot();
    const fromB = await exportOf(b);
    const refused = await a.run(['import', fromB]);
    expect(refused.code).toBe(4);
    const [message, hint, ...rest] = refused.stderr.trimEnd().split('\n');
    expect(message).toMatch(/^svc: a people row .* clashes with one already here/);
    expect(hint).toMatch(/^hint: .*svc people merge/);
    expect(rest).toEqual([]);
    expect(a.snapshot()).toBe(before);
    for (const [, noun, verb] of (hint ?? '').matchAll(/svc (\w+) (\w+)/g)) {
      expect((await a.run([noun ?? '', verb ?? '', '--help'])).code, `svc ${noun} ${verb}`).toBe(0);
    }
    // Doing what it says works: merge the two Bobs here, then the import goes through.
    await ok(a, ['people', 'merge', 'Bob', 'Bo', '--yes']);
    expect((await a.run(['import', fromB])).code).toBe(0);
    expect(await a.json<Array<{ name: string; stories: number }>>(['people'])).toEqual([expect.objectContaining({ name: 'Bob', stories: 2 })]);
  });
});

describe('deletions travel as tombstones', () => {
  it('a story deleted in one database is deleted in the other at the next import (it used to come back)', async () => {
    const a = person();
    const b = person();
    await ok(a, ['story', 'add', 'Ana called back', '--staff', 'Ana', '--tag', 'call-back']);
    await ok(a, ['story', 'add', 'Bo stayed on the line', '--staff', 'Bo']);
    const beforeDeletion = await exportOf(a);
    await ok(b, ['import', beforeDeletion]);
    await ok(a, ['story', 'rm', '1', '--yes'], at('2026-03-18T11:00:00'));
    const result = await b.json<{ removed: Record<string, number> }>(['import', await exportOf(a)]);
    expect(result.removed).toEqual({ stories: 1 });
    expect((await stories(b)).map((s) => s.text)).toEqual(['Bo stayed on the line']);
    // An export from before the deletion does not bring it back, on either side.
    const old = beforeDeletion;
    await ok(b, ['import', old]);
    await ok(a, ['import', old]);
    expect((await stories(a)).map((s) => s.text)).toEqual(['Bo stayed on the line']);
    expect((await stories(b)).map((s) => s.text)).toEqual(['Bo stayed on the line']);
  });

  it('the newer change wins: an edit made after the deletion elsewhere keeps the story on both sides', async () => {
    const a = person();
    const b = person();
    await ok(a, ['story', 'add', 'Ana called back', '--staff', 'Ana']);
    await ok(b, ['import', await exportOf(a)]);
    await ok(a, ['story', 'rm', '1', '--yes'], at('2026-03-18T11:00:00'));
    await ok(b, ['story', 'edit', '1', '--text', 'Ana called back within the hour'], at('2026-03-18T12:00:00'));
    await ok(b, ['import', await exportOf(a)]);
    expect((await stories(b)).map((s) => s.text)).toEqual(['Ana called back within the hour']);
    await ok(a, ['import', await exportOf(b)]);
    expect((await stories(a)).map((s) => s.text)).toEqual(['Ana called back within the hour']);
    expect(await contentOf(a)).toEqual(await contentOf(b));
  });

  it('a deletion older than the other side\'s edit loses, and one newer than it wins, whichever side imports first', async () => {
    const a = person();
    const b = person();
    await ok(a, ['story', 'add', 'Ana called back', '--staff', 'Ana']);
    await ok(b, ['import', await exportOf(a)]);
    await ok(b, ['story', 'edit', '1', '--text', 'Ana called back at once'], at('2026-03-18T11:00:00'));
    await ok(a, ['story', 'rm', '1', '--yes'], at('2026-03-18T12:00:00'));
    await ok(a, ['import', await exportOf(b)]);
    await ok(b, ['import', await exportOf(a)]);
    expect(await stories(a)).toEqual([]);
    expect(await stories(b)).toEqual([]);
  });
});

describe('ids people see are never reused', () => {
  it('deleting the newest story does not give its number to the next one (it used to)', async () => {
    const svc = person();
    await ok(svc, ['story', 'add', 'one', '--staff', 'Ana']);
    await ok(svc, ['story', 'add', 'two', '--staff', 'Ana']);
    await ok(svc, ['story', 'rm', '2', '--yes']);
    const added = await svc.json<{ id: number }>(['story', 'add', 'three', '--staff', 'Ana']);
    expect(added.id).toBe(3);
    expect((await svc.run(['story', 'show', '2'])).code).toBe(3);
    await ok(svc, ['customers', 'import', crmList(svc)]);
    await ok(svc, ['customer', 'rm', '2', '--yes']);
    await ok(svc, ['customers', 'import', crmList(svc)]);
    expect((await customers(svc)).map((c) => c.id)).toEqual([1, 3]);
  });
});

describe('three people exchange exports', () => {
  it('converge after a customer clash, a customer merge and a deletion', async () => {
    const ana = person();
    const bo = person();
    const cy = person();
    await ok(ana, ['story', 'add', 'Ana rang Dev back the next morning', '--staff', 'Ana', '--customer', 'Dev Patel', '--tag', 'call-back']);
    await ok(ana, ['story', 'add', 'Ana explained the bill in plain words', '--staff', 'Ana', '--customer', 'Mia Wong']);
    await ok(ana, ['customers', 'import', crmList(ana)]);
    const first = await exportOf(ana);
    await ok(bo, ['import', first]);
    await ok(cy, ['import', first]);

    // Bo: a story for Dev Patel, then the two Dev Patels are one customer.
    await ok(bo, ['story', 'add', 'Bo sent Dev the case number', '--staff', 'Bo', '--customer', 'Dev Patel'], at('2026-03-18T11:00:00'));
    const devs = (await customers(bo)).filter((c) => c.name === 'Dev Patel');
    expect(devs).toHaveLength(2);
    const crmDev = devs.find((c) => c.externalId === 'C-1');
    const storyDev = devs.find((c) => c.externalId === null);
    await ok(bo, ['customer', 'merge', String(storyDev?.id), String(crmDev?.id), '--yes'], at('2026-03-18T11:05:00'));
    // Cy: deletes Ana's second story, adds one, and has her own Dev Patel by name only.
    await ok(cy, ['story', 'rm', '2', '--yes'], at('2026-03-18T11:10:00'));
    await ok(cy, ['story', 'add', 'Cy stayed on the line until it worked', '--staff', 'Cy', '--customer', 'Dev Patel'], at('2026-03-18T11:15:00'));
    // Ana: a story of her own meanwhile.
    await ok(ana, ['story', 'add', 'Ana lent Mia a laptop in the meantime', '--staff', 'Ana', '--customer', 'Mia Wong'], at('2026-03-18T11:20:00'));

    // Everyone imports everyone else's export, in a different order each.
    const fromBo = await exportOf(bo);
    const fromCy = await exportOf(cy);
    const fromAna = await exportOf(ana);
    for (const [who, files] of [
      [ana, [fromBo, fromCy]],
      [bo, [fromCy, fromAna]],
      [cy, [fromAna, fromBo]],
    ] as const) {
      for (const file of files) expect((await who.run(['import', file])).code).toBe(0);
    }
    // A second round carries what each learned from the others.
    const round: string[] = [];
    for (const who of [ana, bo, cy]) round.push(await exportOf(who));
    for (const who of [ana, bo, cy]) for (const file of round) expect((await who.run(['import', file])).code).toBe(0);

    const everyone = await Promise.all([ana, bo, cy].map(contentOf));
    expect(everyone[1]).toEqual(everyone[0]);
    expect(everyone[2]).toEqual(everyone[0]);
    for (const who of [ana, bo, cy]) {
      expect((await stories(who)).map((s) => s.text).sort()).toEqual([
        'Ana lent Mia a laptop in the meantime',
        'Ana rang Dev back the next morning',
        'Bo sent Dev the case number',
        'Cy stayed on the line until it worked',
      ]);
      // One CRM Dev Patel (the merge travelled) and Mia Wong; the deleted story stays deleted.
      expect((await customers(who)).map((c) => `${c.name}:${c.externalId ?? ''}`).sort()).toEqual(['Dev Patel:C-1', 'Mia Wong:', 'Mia Wong:C-2']);
      const devStories = query<{ n: number }>(who, "SELECT count(*) AS n FROM stories s JOIN customers c ON c.id = s.customer_id WHERE c.external_id = 'C-1'");
      expect(devStories).toEqual([{ n: 3 }]);
    }
  });
});

interface PracticeJson {
  matchers: Array<{ kind: string; value: string }>;
  evidence: Array<{ storyId: number; how: string }>;
}

/** A practice's evidence as story id and how it was linked, by story id. */
const evidenceOf = async (svc: InProcessSandbox, practice: string) =>
  (await svc.json<PracticeJson>(['practice', 'show', practice, '--json']))
    .evidence.map((e) => `${e.storyId} ${e.how}`)
    .sort();

describe('matchers removed and evidence unlinked travel', () => {
  /** Four stories: #1 and #2 match the phrase only, #3 the phrase and the tag, #4 is linked by hand. */
  async function ringBack(svc: InProcessSandbox): Promise<void> {
    await ok(svc, ['story', 'add', 'Ana said she would call back the customer the same day', '--staff', 'Ana']);
    await ok(svc, ['story', 'add', 'Bo promised to call back after lunch', '--staff', 'Bo']);
    await ok(svc, ['story', 'add', 'Cy called back the client within the hour', '--staff', 'Cy', '--tag', 'phone']);
    await ok(svc, ['story', 'add', 'Di wrote down the number before hanging up', '--staff', 'Di']);
    await ok(svc, ['practice', 'add', 'Ring back', '--phrase', 'call back', '--tag', 'phone']);
    await ok(svc, ['practice', 'link', 'Ring back', '4']);
  }

  it('the links only a removed phrase made go on the other side too, and an unlinked story stays unlinked (they used to stay there)', async () => {
    const c = person();
    const d = person();
    await ringBack(c);
    await ok(d, ['import', await exportOf(c)]);
    expect(await evidenceOf(d, 'Ring back')).toEqual(['1 matched', '2 matched', '3 matched', '4 manual']);

    await ok(c, ['practice', 'unphrase', 'Ring back', 'call back'], at('2026-03-18T11:00:00'));
    expect(await evidenceOf(c, 'Ring back')).toEqual(['3 matched', '4 manual']);
    await ok(c, ['practice', 'unlink', 'Ring back', '3'], at('2026-03-18T11:05:00'));
    // A story that changed makes the import link stories to practices again: #3 stays out.
    await ok(c, ['story', 'edit', '4', '--text', 'Di wrote down the number before hanging up, then rang'], at('2026-03-18T11:10:00'));
    expect(await evidenceOf(c, 'Ring back')).toEqual(['4 manual']);

    await ok(d, ['import', await exportOf(c)], at('2026-03-18T12:00:00'));
    expect((await d.json<PracticeJson>(['practice', 'show', 'Ring back', '--json'])).matchers).toEqual([{ kind: 'tag', value: 'phone' }]);
    expect(await evidenceOf(d, 'Ring back')).toEqual(['4 manual']);
    await ok(d, ['reindex'], at('2026-03-18T12:05:00'));
    expect(await evidenceOf(d, 'Ring back')).toEqual(['4 manual']);
    expect(await contentOf(d)).toEqual(await contentOf(c));
  });

  it('svc reindex drops matched links that no matcher makes any more (an older import left them)', async () => {
    const c = person();
    await ringBack(c);
    await ok(c, ['practice', 'unphrase', 'Ring back', 'call back'], at('2026-03-18T11:00:00'));
    await ok(c, ['practice', 'unlink', 'Ring back', '3'], at('2026-03-18T11:05:00'));
    const store = openSandboxStore(c.db);
    try {
      store.db.prepare("INSERT INTO evidence (practice_id, story_id, how, created_at) VALUES (1, 1, 'matched', '2026-03-18T10:00:00.000Z'), (1, 2, 'matched', '2026-03-18T10:00:00.000Z')").run();
    } finally {
      store.close();
    }
    expect(await evidenceOf(c, 'Ring back')).toEqual(['1 matched', '2 matched', '4 manual']);
    await ok(c, ['reindex'], at('2026-03-18T12:00:00'));
    expect(await evidenceOf(c, 'Ring back')).toEqual(['4 manual']);
  });

  it('removing a phrase does not link again a story unlinked by hand', async () => {
    const c = person();
    await ringBack(c);
    await ok(c, ['practice', 'unlink', 'Ring back', '3'], at('2026-03-18T11:00:00'));
    await ok(c, ['practice', 'unphrase', 'Ring back', 'call back'], at('2026-03-18T11:05:00'));
    expect(await evidenceOf(c, 'Ring back')).toEqual(['4 manual']);
  });
});

describe('removals that depend on each other', () => {
  it('a person removed with their last story goes at the first import, and importing the file again changes nothing (it took two imports)', async () => {
    const a = person();
    const b = person();
    await ok(a, ['story', 'add', 'Ana rang back', '--staff', 'Ana']);
    await ok(a, ['story', 'add', 'Bo rang back', '--staff', 'Bo']);
    await ok(a, ['story', 'add', 'Cy rang back', '--staff', 'Cy']);
    await ok(b, ['import', await exportOf(a)]);
    await ok(a, ['story', 'rm', '3', '--yes'], at('2026-03-18T11:00:00'));
    await ok(a, ['people', 'rm', 'Cy', '--yes'], at('2026-03-18T11:01:00'));
    const file = await exportOf(a);

    const first = await b.json<{ removed: Record<string, number> }>(['import', file, '--json']);
    expect(first.removed).toEqual({ stories: 1, people: 1 });
    expect((await b.json<Array<{ name: string }>>(['people', '--json'])).map((p) => p.name)).toEqual(['Ana', 'Bo']);
    const after = b.snapshot();
    const second = await b.json<{ removed: Record<string, number> }>(['import', file, '--json']);
    expect(second.removed).toEqual({});
    expect(b.snapshot()).toBe(after);
    expect(await contentOf(b)).toEqual(await contentOf(a));
  });

  it('a person a story here still credits stays, however often the file is imported', async () => {
    const a = person();
    const b = person();
    await ok(a, ['story', 'add', 'Cy rang back', '--staff', 'Cy']);
    await ok(b, ['import', await exportOf(a)]);
    await ok(b, ['story', 'add', 'Cy stayed on the line', '--staff', 'Cy'], at('2026-03-18T10:30:00'));
    await ok(a, ['story', 'rm', '1', '--yes'], at('2026-03-18T11:00:00'));
    await ok(a, ['people', 'rm', 'Cy', '--yes'], at('2026-03-18T11:01:00'));
    const file = await exportOf(a);
    expect((await b.json<{ removed: Record<string, number> }>(['import', file, '--json'])).removed).toEqual({ stories: 1 });
    expect((await b.json<Array<{ name: string }>>(['people', '--json'])).map((p) => p.name)).toEqual(['Cy']);
    expect((await b.json<{ removed: Record<string, number> }>(['import', file, '--json'])).removed).toEqual({});
  });
});
