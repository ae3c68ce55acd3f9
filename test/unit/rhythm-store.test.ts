import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftStory } from '../../src/core/story.ts';
import { createPractice, findPractice, setPracticeStatus } from '../../src/store/practices.ts';
import { insertProcedureVersion } from '../../src/store/procedures.ts';
import { lastDigestOn, loadRhythmInput, recordDigest, teamIdentity } from '../../src/store/rhythm.ts';
import { deleteStory, insertStory } from '../../src/store/stories.ts';
import { importedKeys, recordImportKey } from '../../src/store/story-imports.ts';
import { insertPlannedSession, plannedSessions } from '../../src/store/training-sessions.ts';
import { NOW, NOW_ISO, tempStore } from '../helpers/db.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

describe('the rhythm in the store', () => {
  it('makes the team identity once and keeps it', () => {
    const first = store.write(() => teamIdentity(store.db, '2026-03-18'));
    const again = store.write(() => teamIdentity(store.db, '2026-04-01'));
    expect(first.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(again).toEqual(first);
    expect(first.since).toBe('2026-03-18');
  });

  it('records the day of the last digest', () => {
    expect(lastDigestOn(store.db)).toBeNull();
    store.write(() => recordDigest(store.db, '2026-03-16'));
    store.write(() => recordDigest(store.db, '2026-03-23'));
    expect(lastDigestOn(store.db)).toBe('2026-03-23');
  });

  it('keeps an import key after its story is removed', () => {
    const id = store.write(() => insertStory(store.db, draftStory({ text: 'Ana rang back', staff: ['Ana'], when: '2026-03-01' }, NOW), NOW_ISO));
    store.write(() => recordImportKey(store.db, 'k1', id, NOW_ISO));
    expect(importedKeys(store.db, ['k1', 'k2'])).toEqual(new Set(['k1']));
    store.write(() => deleteStory(store.db, id, NOW_ISO));
    expect(importedKeys(store.db, ['k1'])).toEqual(new Set(['k1']));
    expect(store.db.prepare('SELECT story_id FROM story_import_keys').get()).toEqual({ story_id: null });
    expect(importedKeys(store.db, [])).toEqual(new Set());
  });

  it('loads planned interviews, the last round, procedures and sessions, leaving out retired practices', () => {
    const db = store.db;
    store.write(() => {
      const call = createPractice(db, { name: 'Call back', status: 'standard' }, NOW_ISO);
      insertProcedureVersion(db, call, 'Call back the same day.', 30, [], '2026-02-01T09:00:00.000Z');
      const fax = createPractice(db, { name: 'Fax', status: 'adopted' }, NOW_ISO);
      insertPlannedSession(db, { practiceId: call, plannedOn: '2026-03-20', startsAt: '14:00', minutes: 45, facilitator: 'Dee' }, NOW_ISO);
      insertPlannedSession(db, { practiceId: call, plannedOn: '2025-11-01', startsAt: null, minutes: null, facilitator: null }, NOW_ISO);
      insertPlannedSession(db, { practiceId: fax, plannedOn: '2026-03-21', startsAt: null, minutes: null, facilitator: null }, NOW_ISO);
      const faxPractice = findPractice(db, 'Fax');
      if (faxPractice) setPracticeStatus(db, faxPractice, 'retired', NOW_ISO);
      db.prepare("INSERT INTO customers (uuid, name, name_key, created_at, updated_at) VALUES ('c1', 'Acme', 'acme', ?, ?)").run(NOW_ISO, NOW_ISO);
      db.prepare("INSERT INTO interviews (uuid, customer_id, status, planned_on, created_at, updated_at) VALUES ('i1', 1, 'planned', '2026-03-01', ?, ?), ('i2', 1, 'done', '2026-03-05', ?, ?)").run(NOW_ISO, NOW_ISO, NOW_ISO, NOW_ISO);
    });
    const input = loadRhythmInput(db, '2026-03-18');
    expect(input.plannedInterviews).toEqual([{ id: 1, plannedOn: '2026-03-01' }]);
    expect(input.lastRoundOn).toBe('2026-03-05');
    expect(input.procedures).toEqual([{ practice: 'Call back', practiceUuid: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 1, reviewDueOn: '2026-03-03' }]);
    expect(input.sessions.map((s) => [s.practice, s.plannedOn, s.startsAt, s.minutes, s.facilitator])).toEqual([['Call back', '2026-03-20', '14:00', 45, 'Dee']]);
    expect(plannedSessions(db, '2025-01-01').map((s) => s.plannedOn)).toEqual(['2025-11-01', '2026-03-20']);
  });
});
