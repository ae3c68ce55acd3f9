import { expect, it } from 'vitest';
import { ensurePerson } from '../../src/store/people.ts';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import { connectPostgres } from '../../src/store/postgres/sync-client.ts';
import { snapshotDb } from '../helpers/cli.ts';
import { NOW_ISO } from '../helpers/db.ts';
import { freshMigratedPostgres } from '../helpers/engine.ts';
import { describeOnPostgres } from '../helpers/postgres.ts';
import { storyDraft } from '../helpers/stories.ts';

it('a promise compared by value fails, so a missing await cannot pass unnoticed', () => {
  expect(() => expect(Promise.resolve(1)).toEqual(Promise.resolve(1))).toThrow();
  expect(() => expect({ result: Promise.resolve(1) }).toMatchObject({ result: Promise.resolve(1) })).toThrow();
  expect({ result: 1 }).toEqual({ result: 1 });
});

describeOnPostgres('a PostgreSQL test database handed back for the next test', () => {
  it('is handed to one sandbox only, even when given back twice', () => {
    const twice = freshMigratedPostgres();
    twice.drop();
    twice.drop();
    const [b, c] = [freshMigratedPostgres(), freshMigratedPostgres()];
    expect(b.url).not.toBe(c.url);
    b.drop();
    c.drop();
  });

  it('is as new: the same rows as a fresh copy of the migrated template, and ids that start again', () => {
    const untouched = freshMigratedPostgres();
    const first = freshMigratedPostgres();
    const store = openPostgresStore(first.url);
    store.transaction(() => {
      ensurePerson(store.db, 'Ana', NOW_ISO);
      store.stories.insert(storyDraft({ text: 'Ana rang the customer back', occurredOn: '2026-03-17', staff: ['Ana'], tags: ['call-back'] }), NOW_ISO);
    });
    store.close();
    expect(snapshotDb(first.url)).not.toBe(snapshotDb(untouched.url));
    first.drop();
    const again = freshMigratedPostgres();
    try {
      expect(again.url).toBe(first.url);
      expect(snapshotDb(again.url)).toBe(snapshotDb(untouched.url));
      const reopened = openPostgresStore(again.url);
      try {
        expect(reopened.transaction(() => reopened.stories.insert(storyDraft({ text: 'Bo stayed late', occurredOn: '2026-03-17', staff: ['Bo'] }), NOW_ISO))).toBe(1);
      } finally {
        reopened.close();
      }
    } finally {
      again.drop();
      untouched.drop();
    }
  });

  it('is not handed out again when a test changed its schema or grants: the next test gets a new copy', () => {
    for (const change of ['DROP TRIGGER stories_fts_update ON stories', 'GRANT SELECT ON stories TO PUBLIC']) {
      const changed = freshMigratedPostgres();
      const client = connectPostgres(changed.url);
      try {
        client.query(change);
      } finally {
        client.close();
      }
      changed.drop();
      const next = freshMigratedPostgres();
      try {
        expect(next.url, change).not.toBe(changed.url);
        const check = connectPostgres(next.url);
        try {
          expect(check.query("SELECT count(*) AS n FROM pg_trigger WHERE tgname = 'stories_fts_update'").rows[0]?.n).toBe(1);
        } finally {
          check.close();
        }
      } finally {
        next.drop();
      }
    }
  });
});

