import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactorFor } from '../../src/core/forget.ts';
import { draftStory } from '../../src/core/story.ts';
import { getCustomer, importCustomers } from '../../src/store/customers.ts';
import { compactDatabase, forgetCustomer } from '../../src/store/forget.ts';
import { getInterview, logInterview, planInterviews } from '../../src/store/interviews.ts';
import { getStory, insertStory, searchStories } from '../../src/store/stories.ts';
import { NOW, NOW_ISO, tempStore } from '../helpers/db.ts';

describe('redacting free text', () => {
  const redactor = redactorFor({ name: 'Maria Zyxwortel', email: 'mz@example.com', phone: '+442079460958' }, '(forgotten)');
  it('replaces the name in any case and spacing, the email, and the phone however written', () => {
    expect(redactor.redact('maria  ZYXWORTEL wrote from MZ@example.com, call +44 20 7946 0958 or 020-7946-0958')).toBe(
      '(forgotten) wrote from (forgotten), call (forgotten) or (forgotten)',
    );
  });
  it('replaces a part of the name written as in the name, not the same letters as a common word', () => {
    expect(redactor.redact('Mrs Zyxwortel and Maria came')).toBe('Mrs (forgotten) and (forgotten) came');
    const green = redactorFor({ name: 'Rose Green', email: null, phone: null }, '(forgotten)');
    expect(green.redact('Mrs Green liked the green tea')).toBe('Mrs (forgotten) liked the green tea');
  });
  it('leaves other text alone and says so', () => {
    expect(redactor.redact('Mariana called 555 0101 about order 2079')).toBeNull();
  });
});

describe('forgetting a customer', () => {
  let store: ReturnType<typeof tempStore>;
  beforeEach(() => {
    store = tempStore();
  });
  afterEach(() => store.dispose());

  const OLD = ['zyxwortel', 'mz@example.com', '2079460958', '7946 0958'];

  function fileBytes(): string {
    return readdirSync(store.dir)
      .map((name) => readFileSync(join(store.dir, name)).toString('latin1'))
      .join('\n')
      .toLowerCase();
  }

  it('erases the details from the row, stories, answers, search index and files, keeping the rest', () => {
    const db = store.db;
    const { customerId, storyId, interviewId } = store.write(() => {
      importCustomers(db, [{ line: 2, draft: { name: 'Maria Zyxwortel', email: 'mz@example.com', phone: '+442079460958', segment: 'retail', externalId: 'C-7' } }], NOW_ISO);
      importCustomers(db, [{ line: 3, draft: { name: 'Other Person', email: 'op@example.com', phone: null, segment: null, externalId: null } }], NOW_ISO);
      const story = draftStory(
        { text: 'Ana called Maria Zyxwortel back on +44 20 7946 0958', title: 'Zyxwortel saved', impact: 'mz@example.com thanked us', staff: ['Ana'] },
        NOW,
      );
      const storyId = insertStory(db, story, NOW_ISO);
      const [interviewId = 0] = planInterviews(db, [1], null, '2026-03-18', NOW_ISO);
      logInterview(db, interviewId, { status: 'done', heldOn: '2026-03-18', learned: 'a friend', liked: 'Ana knew me, Zyxwortel', change: 'nothing', note: 'mz@example.com' }, NOW_ISO);
      return { customerId: 1, storyId, interviewId };
    });
    // Pages written before: make sure the old strings really reached the files.
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileBytes()).toContain('zyxwortel');

    const report = store.write(() => forgetCustomer(db, customerId, NOW_ISO));
    compactDatabase(db);

    expect(report).toEqual({ customerId, erased: ['name', 'email', 'phone', 'external id'], storiesChanged: 1, interviewsChanged: 1, elsewhere: {} });
    expect(getCustomer(db, customerId)).toMatchObject({ name: '(forgotten)', email: null, phone: null, externalId: null, segment: 'retail', forgotten: true });
    expect(getCustomer(db, 2)).toMatchObject({ name: 'Other Person', email: 'op@example.com' });
    expect(getStory(db, storyId)).toMatchObject({ text: 'Ana called (forgotten) back on (forgotten)', title: '(forgotten) saved', impact: '(forgotten) thanked us', staff: ['Ana'] });
    expect(getInterview(db, interviewId)).toMatchObject({ liked: 'Ana knew me, (forgotten)', note: '(forgotten)', learned: 'a friend', customer: '(forgotten)' });
    expect(searchStories(db, 'zyxwortel')).toEqual([]);
    expect(searchStories(db, 'forgotten')).toHaveLength(1);
    const dump = JSON.stringify(
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>).map(({ name }) =>
        db.prepare(`SELECT * FROM "${name}"`).raw().all(),
      ),
      (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('latin1') : value),
    ).toLowerCase();
    const bytes = fileBytes();
    for (const old of OLD) {
      expect(dump).not.toContain(old);
      expect(bytes).not.toContain(old);
    }
  });
});
