import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerMatchKeys } from '../../src/core/answers.ts';
import { tagText } from '../../src/core/nlp.ts';
import { NOW_ISO, tempStore } from '../helpers/db.ts';
import { recordInterview } from '../helpers/records.ts';
import { storyDraft } from '../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
let callBack: number;
let listen: number;
let interview: number;
beforeEach(() => {
  store = tempStore();
  callBack = store.practices.create({ name: 'Call back', description: null, status: 'adopted', matchers: [{ kind: 'tag', value: 'call-back' }] }, NOW_ISO);
  listen = store.practices.create({ name: 'Listen first', description: null, status: 'candidate', matchers: [{ kind: 'phrase', value: 'listen' }, { kind: 'tag', value: 'listening' }] }, NOW_ISO);
  const customer = store.customers.ensure('Jo Smith', 'external', NOW_ISO);
  interview = recordInterview(store.db, { customerId: customer, interviewerId: null, status: 'done', plannedOn: '2026-03-10', heldOn: '2026-03-12', liked: 'x' }, NOW_ISO);
});
afterEach(() => store.dispose());

const keysOf = (text: string) => answerMatchKeys(text, tagText(text));
const links = () => store.db.prepare('SELECT practice_id AS practice, how FROM interview_practices WHERE interview_id = ? ORDER BY 1').all(interview);

describe('answerMatchKeys', () => {
  it('reads behaviours as phrase keys and as tags, and the qualities an answer names as tags', () => {
    expect(keysOf('Someone always calls back the same day')).toEqual({ phrases: ['call back'], tags: ['call-back'] });
    expect(keysOf('They remember my name, so patient')).toMatchObject({ phrases: ['remember'], tags: ['empathy', 'remember', 'remember-name'] });
    expect(keysOf('great #weekend opening')).toMatchObject({ tags: expect.arrayContaining(['weekend']) as unknown });
  });
});

describe('interview links to the practices an answer confirms', () => {
  it('links by phrase and by tag, leaves links by hand alone, and never links a retired practice', () => {
    store.interviews.relinkAnswer(interview, keysOf('they called me back and were so attentive'), NOW_ISO);
    expect(links()).toEqual([
      { practice: callBack, how: 'matched' },
      { practice: listen, how: 'matched' },
    ]);
    store.interviews.linkPractices(interview, [listen], 'manual', NOW_ISO);
    store.interviews.relinkAnswer(interview, keysOf('the shop is tidy'), NOW_ISO);
    expect(links()).toEqual([{ practice: listen, how: 'manual' }]);
    store.db.prepare("UPDATE practices SET status = 'retired' WHERE id = ?").run(callBack);
    store.interviews.relinkAnswer(interview, keysOf('they called me back'), NOW_ISO);
    expect(links()).toEqual([{ practice: listen, how: 'manual' }]);
  });

  it('a practice whose matchers change links the held calls it now matches, but never one unlinked by hand', () => {
    store.interviews.relinkAnswer(interview, keysOf('they called me back'), NOW_ISO);
    expect(store.interviews.unlinkPractice(interview, callBack, NOW_ISO)).toBe(true);
    store.practices.relinkPractice(callBack, NOW_ISO);
    store.interviews.relinkAnswer(interview, keysOf('they called me back'), NOW_ISO);
    expect(links()).toEqual([]);
    const other = store.practices.create({ name: 'Phone back', description: null, status: 'adopted', matchers: [{ kind: 'phrase', value: 'call back' }] }, NOW_ISO);
    store.practices.relinkPractice(other, NOW_ISO);
    expect(links()).toEqual([{ practice: other, how: 'matched' }]);
  });

  it('lists the held calls that confirm a practice, with their words', () => {
    store.interviews.linkPractices(interview, [callBack], 'matched', NOW_ISO);
    expect(store.interviews.confirming(callBack)).toEqual([{ interviewId: interview, heldOn: '2026-03-12', answer: 'x', how: 'matched' }]);
    expect(store.interviews.confirming(listen)).toEqual([]);
  });

  it('an unlink leaves a tombstone named by both uuids, and makes the interview newer', () => {
    store.interviews.linkPractices(interview, [callBack], 'matched', NOW_ISO);
    const later = '2026-03-19T10:00:00.000Z';
    expect(store.interviews.unlinkPractice(interview, callBack, later)).toBe(true);
    expect(store.interviews.unlinkPractice(interview, callBack, later)).toBe(false);
    const uuids = store.db.prepare('SELECT (SELECT uuid FROM interviews WHERE id = ?) AS i, (SELECT uuid FROM practices WHERE id = ?) AS p').get(interview, callBack) as { i: string; p: string };
    expect(store.db.prepare("SELECT key, deleted_at AS deletedAt FROM tombstones WHERE table_name = 'interview_practices'").all()).toEqual([{ key: JSON.stringify([uuids.i, uuids.p]), deletedAt: later }]);
    expect(store.interviews.get(interview)?.updatedAt).toBe(later);
  });
});

describe('signals', () => {
  it('are the same row for the same day, measure and subject: a new value updates it', () => {
    const draft = { on: '2026-03-01', measure: 'csat', value: 4, practiceId: callBack, storyId: null };
    expect(store.signals.save([draft], NOW_ISO)).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(store.signals.save([draft], NOW_ISO)).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(store.signals.save([{ ...draft, value: 5 }, { ...draft, practiceId: listen }], NOW_ISO)).toEqual({ added: 1, updated: 1, unchanged: 0 });
    expect(store.signals.list().map((s) => [s.practice, s.value])).toEqual([
      ['Listen first', 4],
      ['Call back', 5],
    ]);
    const uuid = store.signals.list()[1]?.uuid ?? '';
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("count for a practice directly and through the stories that are its evidence", () => {
    const storyId = store.transaction(() => {
      const id = store.stories.insert(storyDraft({ text: 'Ana called back', occurredOn: '2026-03-02', staff: ['Ana'], tags: ['call-back'] }), NOW_ISO);
      store.practices.relinkStory(id, NOW_ISO);
      return id;
    });
    store.signals.save(
      [
        { on: '2026-03-01', measure: 'response time', value: 6, practiceId: callBack, storyId: null },
        { on: '2026-03-02', measure: 'csat', value: 5, practiceId: null, storyId },
      ],
      NOW_ISO,
    );
    expect(store.signals.forPractice(callBack)).toEqual([
      { on: '2026-03-01', measure: 'response time', value: 6 },
      { on: '2026-03-02', measure: 'csat', value: 5 },
    ]);
    expect(store.signals.forPractice(listen)).toEqual([]);
    expect(store.signals.practices()).toEqual([callBack]);
  });
});
