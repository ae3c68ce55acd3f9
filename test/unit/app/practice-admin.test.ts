import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { procedureHistory, renamePractice, unrejectCandidate } from '../../../src/app/practice-admin.ts';
import { ConflictError, NotFoundError } from '../../../src/core/errors.ts';
import { listRejected } from '../../../src/store/detect.ts';
import { NOW, NOW_ISO, tempStore } from '../../helpers/db.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

const clock = () => NOW;
const practice = (name: string, tag: string) => store.transaction(() => store.practices.create({ name, matchers: [{ kind: 'tag', value: tag }] }, NOW_ISO));

describe('practice administration', () => {
  it('renames a practice, refusing a name another practice has', () => {
    const id = practice('Call back', 'call-back');
    practice('Walk along', 'walk');
    expect(renamePractice(store, { practice: 'call', newName: 'Call back the same day' }, clock)).toMatchObject({ practice: { id, name: 'Call back' }, name: 'Call back the same day' });
    expect(() => renamePractice(store, { practice: 'walk', newName: 'call back the same day' }, clock)).toThrow(ConflictError);
    expect(store.practices.list().map((p) => p.name).sort()).toEqual(['Call back the same day', 'Walk along']);
  });

  it("gives a practice's procedure versions, oldest first", () => {
    const id = practice('Call back', 'call-back');
    expect(procedureHistory(store, { practice: 'Call back' }).versions).toEqual([]);
    store.transaction(() => store.procedures.insertVersion(id, '1. Call.', 90, [], NOW_ISO));
    store.transaction(() => store.procedures.insertVersion(id, '1. Call before noon.', 90, [], NOW_ISO));
    expect(procedureHistory(store, { practice: 'call' }).versions.map((v) => [v.version, v.body])).toEqual([
      [1, '1. Call.'],
      [2, '1. Call before noon.'],
    ]);
  });

  it('forgets a rejection so detection may propose it again, and says when there was none', () => {
    store.transaction(() => store.detection.rejectCandidate(['tag:walk'], 'Walk along', NOW_ISO));
    expect(() => unrejectCandidate(store, { what: 'Nothing like it' })).toThrow(NotFoundError);
    expect(unrejectCandidate(store, { what: 'Walk along' }).map((r) => r.label)).toEqual(['Walk along']);
    expect(listRejected(store.db)).toEqual([]);
  });
});
