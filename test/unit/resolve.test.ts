import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveNamed, resolveNames } from '../../src/app/names.ts';
import { closestNames, editDistance, looseKey, resolveName } from '../../src/core/resolve.ts';
import { SvcError } from '../../src/core/errors.ts';
import { ensureCustomer } from '../../src/store/customers.ts';
import { ensurePerson } from '../../src/store/people.ts';
import { createPractice } from '../../src/store/practices.ts';
import { ensureTag } from '../../src/store/tags.ts';
import { NOW_ISO, tempStore } from '../helpers/db.ts';

const practices = [
  { id: 1, name: 'Call back the same day' },
  { id: 2, name: 'Cover for a colleague' },
  { id: 3, name: 'Remember the customer' },
  { id: 12, name: 'Zoë’s welcome' },
];

describe('resolveName', () => {
  it('finds a name in any case, without its accents, hyphens or extra spaces', () => {
    expect(resolveName('CALL BACK THE SAME DAY', practices)).toEqual({ kind: 'found', item: practices[0] });
    expect(resolveName('  call-back   the same_day ', practices)).toEqual({ kind: 'found', item: practices[0] });
    expect(resolveName('zoe’s welcome', practices)).toEqual({ kind: 'found', item: practices[3] });
  });

  it('takes an id, bare or with #, and a unique prefix', () => {
    expect(resolveName('12', practices)).toEqual({ kind: 'found', item: practices[3] });
    expect(resolveName('#2', practices)).toEqual({ kind: 'found', item: practices[1] });
    expect(resolveName('call back', practices)).toEqual({ kind: 'found', item: practices[0] });
    expect(resolveName('rem', practices)).toEqual({ kind: 'found', item: practices[2] });
  });

  it('prefers a name that is exactly the digits over an id', () => {
    const tags = [{ id: 1, name: '2026' }, { id: 2026, name: 'other' }];
    expect(resolveName('2026', tags)).toEqual({ kind: 'found', item: tags[0] });
  });

  it('takes "#N" as the id always; a destructive command refuses a bare number that is one name and another id', () => {
    const tags = [{ id: 1, name: '2026' }, { id: 2026, name: 'other' }];
    expect(resolveName('#2026', tags)).toEqual({ kind: 'found', item: tags[1] });
    expect(resolveName('#7', tags)).toEqual({ kind: 'unknown', closest: [] });
    expect(resolveName('2026', tags, { exact: true })).toEqual({ kind: 'nameOrId', named: tags[0], byId: tags[1] });
    // A number that is one thing's name and its own id is that thing.
    expect(resolveName('5', [{ id: 5, name: '5' }], { exact: true })).toEqual({ kind: 'found', item: { id: 5, name: '5' } });
  });

  it('lists every candidate of an ambiguous prefix, and of namesakes', () => {
    expect(resolveName('c', practices)).toEqual({ kind: 'ambiguous', candidates: [practices[0], practices[1]] });
    const twins = [{ id: 3, name: 'Sam Twin' }, { id: 4, name: 'sam twin' }];
    expect(resolveName('Sam twin', twins)).toEqual({ kind: 'ambiguous', candidates: twins });
  });

  it('accepts no prefix when asked for the exact name, but still suggests', () => {
    expect(resolveName('call back', practices, { exact: true })).toEqual({ kind: 'unknown', closest: [practices[0]] });
  });

  it('answers an unknown name with the closest, and an unknown id with none', () => {
    expect(resolveName('Anna', [{ id: 1, name: 'Ana' }, { id: 2, name: 'Bo' }])).toEqual({ kind: 'unknown', closest: [{ id: 1, name: 'Ana' }] });
    expect(resolveName('#99', practices)).toEqual({ kind: 'unknown', closest: [] });
    expect(resolveName('', practices)).toEqual({ kind: 'unknown', closest: [] });
  });
});

describe('closestNames', () => {
  it('puts a few letters off before a shared word, and leaves out what shares nothing', () => {
    const tags = [{ id: 1, name: 'call-back' }, { id: 2, name: 'callbacks' }, { id: 3, name: 'empathy' }];
    expect(closestNames('callback', tags).map((t) => t.name)).toEqual(['call-back', 'callbacks']);
    expect(closestNames('remmeber them', practices).map((p) => p.name)).toEqual(['Remember the customer']);
    expect(closestNames('xyzzy', practices)).toEqual([]);
  });

  it('offers three at most', () => {
    const many = ['ab', 'ac', 'ad', 'ae'].map((name, id) => ({ id, name }));
    expect(closestNames('aa', many)).toHaveLength(3);
  });
});

describe('looseKey and editDistance', () => {
  it('fold what a keyboard makes hard to type', () => {
    expect(looseKey('#Zoë  Müller-Smith')).toBe('zoe muller smith');
    expect(editDistance('remmeber', 'remember')).toBe(1);
    expect(editDistance('ana', 'anna')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('resolveNamed on a database', () => {
  let store: ReturnType<typeof tempStore>;
  beforeEach(() => {
    store = tempStore();
    store.write(() => {
      ensurePerson(store.db, 'Ana', NOW_ISO);
      ensurePerson(store.db, 'Anselm', NOW_ISO);
      ensureTag(store.db, 'call-back', NOW_ISO);
      ensureCustomer(store.db, 'Dev Patel', 'external', NOW_ISO);
      createPractice(store.db, { name: 'Call back the same day', description: '', status: 'candidate' } as never, NOW_ISO);
    });
  });
  afterEach(() => store.dispose());

  const failure = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof SvcError) return { code: error.exitCode, message: error.message, hint: error.hint };
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('resolves each kind loosely', () => {
    expect(resolveNamed(store, 'person', 'ANA').name).toBe('Ana');
    expect(resolveNamed(store, 'tag', '#Call Back').name).toBe('call-back');
    expect(resolveNamed(store, 'customer', 'dev').name).toBe('Dev Patel');
    expect(resolveNamed(store, 'practice', 'call').name).toBe('Call back the same day');
    expect(resolveNames(store, 'person', ['ana', 'ans'])).toEqual(['Ana', 'Anselm']);
    expect(resolveNames(store, 'person', undefined)).toBeUndefined();
  });

  it('refuses an unknown name with exit 3 and the closest, an ambiguous one with exit 2 and the candidates', () => {
    expect(failure(() => resolveNamed(store, 'person', 'Anna'))).toEqual({
      code: 3,
      message: 'nobody called "Anna" appears in svc',
      hint: 'did you mean "Ana"? (list them with: svc people)',
    });
    const ambiguous = failure(() => resolveNamed(store, 'person', 'an'));
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.message).toMatch(/^"an" fits 2 people: #\d+ Ana, #\d+ Anselm$/);
    expect(failure(() => resolveNamed(store, 'customer', 'dev', { exact: true })).code).toBe(3);
  });
});
