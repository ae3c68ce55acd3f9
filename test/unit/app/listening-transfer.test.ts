import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseCustomer, finishForget, planForget, writtenCopies } from '../../../src/app/forget.ts';
import { listInterviews, pickInterviews } from '../../../src/app/interview.ts';
import { loadCalendar } from '../../../src/app/digest.ts';
import { loadTeamStatus } from '../../../src/app/report-view.ts';
import { backupDatabase, exportData, importData } from '../../../src/app/transfer.ts';
import { defaultSettings } from '../../../src/core/config.ts';
import { ConflictError, NotFoundError } from '../../../src/core/errors.ts';
import { FORGOTTEN_CUSTOMER } from '../../../src/core/customer.ts';
import { readExport } from '../../../src/core/transfer.ts';
import { draftStory } from '../../../src/core/story.ts';
import { NOW, NOW_ISO, tempStore } from '../../helpers/db.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

const clock = () => NOW;
const customer = (name: string, email: string | null) =>
  store.transaction(() => store.customers.import([{ line: 2, draft: { name, email, phone: null, segment: null, externalId: null } }], NOW_ISO));

describe('picking customers to call', () => {
  it('plans a call with customers who have contact details, none twice, and says why when none is left', () => {
    customer('Acme', 'desk@acme.test');
    customer('Brill', 'hi@brill.test');
    customer('No contact', null);
    const picked = pickInterviews(store, { count: 3, cooldownDays: 90, interviewer: 'Dee', random: () => 0 }, clock);
    expect(picked.map((p) => p.customer.name).sort()).toEqual(['Acme', 'Brill']);
    expect(listInterviews(store, { status: 'planned' }).map((i) => [i.customer, i.interviewer])).toEqual(
      expect.arrayContaining([
        ['Acme', 'Dee'],
        ['Brill', 'Dee'],
      ]),
    );
    const before = listInterviews(store);
    expect(() => pickInterviews(store, { count: 1, cooldownDays: 90, interviewer: null, random: () => 0 }, clock)).toThrow(NotFoundError);
    expect(listInterviews(store)).toEqual(before);
  });
});

describe('forgetting a customer', () => {
  it('previews, erases in the records, finishes in the files, and refuses a second time', () => {
    customer('Acme', 'desk@acme.test');
    const id = store.customers.list()[0]!.id;
    store.transaction(() => store.stories.insert(draftStory({ text: 'Ana helped Acme', staff: ['Ana'], customer: 'Acme', when: '2026-03-02' }, NOW), NOW_ISO));
    const plan = planForget(store, { customer: 'Acme' }, clock);
    expect(plan.step).toBe('new');
    if (plan.step !== 'new') return;
    expect(plan.preview.erased).toContain('email');
    expect(store.customers.get(id)?.email).toBe('desk@acme.test');
    const erased = eraseCustomer(store, { customerId: id }, clock);
    expect(store.customers.get(id)).toMatchObject({ name: FORGOTTEN_CUSTOMER, email: null, forgotten: true });
    expect(planForget(store, { customer: `#${id}` }, clock).step).toBe('resume');
    expect(finishForget(store, { customerIds: [id], traces: erased.traces, waitMs: 1000 }).scanned).toBe(true);
    expect(() => planForget(store, { customer: `#${id}` }, clock)).toThrow(ConflictError);
  });
});

describe('export, import and backup', () => {
  it('exports from one snapshot, remembers the file, and an import into another database brings the same stories', async () => {
    store.transaction(() => store.stories.insert(draftStory({ text: 'Ana called back', staff: ['Ana'], when: '2026-03-02' }, NOW), NOW_ISO));
    const pieces: string[] = [];
    let done = false;
    const counts = exportData(store, { format: 'jsonl', contacts: false, path: null, write: (t) => pieces.push(t), done: () => (done = true) }, clock);
    expect(done).toBe(true);
    expect(counts.stories).toBe(1);
    expect(writtenCopies(store, clock).map((f) => f.kind)).toEqual(['export']);

    const other = tempStore();
    try {
      const text = pieces.join('');
      const data = readExport([Buffer.from(text, 'utf8')], 'svc.jsonl');
      const dry = importData(other, { data, file: 'svc.jsonl', dryRun: true }, clock);
      expect(dry.totals.added).toBeGreaterThan(0);
      expect(other.transfer.storyCount()).toBe(0);
      const imported = importData(other, { data: readExport([Buffer.from(text, 'utf8')], 'svc.jsonl'), file: 'svc.jsonl', dryRun: false }, clock);
      expect(imported.totals).toEqual(dry.totals);
      expect([...other.stories.pages({})].flat().map((s) => s.text)).toEqual(['Ana called back']);
    } finally {
      other.dispose();
    }

    const backup = await backupDatabase(store, { target: join(store.dir, 'copy.db') }, clock);
    expect(backup.stories).toBe(1);
    expect(readFileSync(backup.path).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(writtenCopies(store, clock).map((f) => f.kind).sort()).toEqual(['backup', 'export']);
  });

  it('forgets an export whose writing failed', () => {
    expect(() =>
      exportData(store, { format: 'csv', contacts: false, path: join(store.dir, 'x.csv'), write: () => {}, done: () => { throw new Error('disk full'); } }, clock),
    ).toThrow('disk full');
    expect(writtenCopies(store, clock)).toEqual([]);
  });
});

describe('status and calendar', () => {
  it("reads the team's status with the self-assessment line and the programme, and keeps the calendar's identity", () => {
    store.transaction(() => store.stories.insert(draftStory({ text: 'Ana called back', staff: ['Ana'], when: '2026-03-02' }, NOW), NOW_ISO));
    const { status, programme } = loadTeamStatus(store, { settings: defaultSettings() }, NOW);
    expect(status.until).toBe('2026-03-18');
    expect(status.stages.length).toBeGreaterThan(0);
    expect(programme).toBeDefined();
    expect(() => loadTeamStatus(store, { settings: defaultSettings(), team: 'Nobody' }, NOW)).toThrow(NotFoundError);
    // The weekly meeting keeps its uid and first day from the first export on.
    const meeting = (on: Date) => loadCalendar(store, { settings: defaultSettings() }, on).events.find((e) => e.repeat?.every === 'week');
    const first = meeting(NOW);
    expect(first?.uid).toMatch(/\S/u);
    expect(meeting(new Date('2026-04-01T10:00:00'))).toMatchObject({ uid: first?.uid, day: first?.day });
  });
});
