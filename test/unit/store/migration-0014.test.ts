import { describe, expect, it } from 'vitest';
import { NOW_ISO, rewindSchema, tempStore } from '../../helpers/db.ts';
import { testEngine } from '../../helpers/engine.ts';

describe('migration 0014 on a database an older svc left', () => {
  it('makes teams of the team names people had, and links colleagues served to people by exact name', () => {
    const store = tempStore();
    try {
      const db = store.db;
      rewindSchema(db, 12);
      const person = db.prepare("INSERT INTO people (uuid, name, name_key, team, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
      person.run('p-1', 'Lena', 'lena', 'Finance', NOW_ISO, NOW_ISO);
      person.run('p-2', 'Bo', 'bo', ' finance ', NOW_ISO, NOW_ISO);
      person.run('p-3', 'Ana', 'ana', '', NOW_ISO, NOW_ISO);
      const customer = db.prepare('INSERT INTO customers (uuid, name, name_key, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      customer.run('c-1', 'LENA', 'lena', 'internal', NOW_ISO, NOW_ISO);
      customer.run('c-2', 'Tom', 'tom', 'internal', NOW_ISO, NOW_ISO);
      customer.run('c-3', 'Lena', 'lena', 'external', NOW_ISO, NOW_ISO);
      store.close();

      const again = store.connectAgain();
      expect(again.db.prepare('SELECT uuid, person_id AS personId FROM customers ORDER BY uuid').all()).toEqual([
        { uuid: 'c-1', personId: 1 },
        { uuid: 'c-2', personId: null },
        { uuid: 'c-3', personId: null },
      ]);
      const teams = again.db.prepare('SELECT uuid, name, name_key AS key FROM teams').all() as Array<{ uuid: string; name: string; key: string }>;
      expect(teams.map(({ name, key }) => ({ name, key }))).toEqual([{ name: 'Finance', key: 'finance' }]);
      // A random version-4 uuid: SQLite's migration writes the variant as 'a', PostgreSQL's gen_random_uuid() any of 8, 9, a, b.
      const variant = testEngine === 'sqlite' ? 'a' : '[89ab]';
      expect(teams[0]?.uuid).toMatch(new RegExp(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-${variant}[0-9a-f]{3}-[0-9a-f]{12}$`));
      expect(again.db.prepare('SELECT name, team, leader FROM people ORDER BY id').all()).toEqual([
        { name: 'Lena', team: 'Finance', leader: 0 },
        { name: 'Bo', team: 'Finance', leader: 0 },
        { name: 'Ana', team: null, leader: 0 },
      ]);
      again.close();
    } finally {
      store.dispose();
    }
  });
});
