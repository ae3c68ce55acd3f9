import { describe, expect, it } from 'vitest';
import { databaseAddress, isPostgresAddress, shownAddress } from '../../src/store/address.ts';

describe('database addresses', () => {
  it('tells a PostgreSQL URL from a file path', () => {
    expect(databaseAddress('postgres://svc@db.example.com/team')).toEqual({ engine: 'postgres', url: 'postgres://svc@db.example.com/team' });
    expect(databaseAddress('postgresql://localhost/team').engine).toBe('postgres');
    expect(databaseAddress('PostgreSQL://localhost/team').engine).toBe('postgres');
    expect(databaseAddress('./team.db')).toEqual({ engine: 'sqlite', path: './team.db' });
    // A file whose name starts with the word is still a file.
    expect(isPostgresAddress('postgres.db')).toBe(false);
    expect(isPostgresAddress('./postgres://x')).toBe(false);
  });

  it('never shows a password, in the user part or as a parameter', () => {
    expect(shownAddress('postgres://ana:s3cr:et@db.example.com:5432/team')).toBe('postgres://ana:***@db.example.com:5432/team');
    expect(shownAddress('postgres://db.example.com/team?user=ana&password=s3cret&sslmode=require')).toBe(
      'postgres://db.example.com/team?user=ana&password=***&sslmode=require',
    );
    expect(shownAddress('postgres://ana@db.example.com/team')).toBe('postgres://ana@db.example.com/team');
    expect(shownAddress('/home/ana/svc.db')).toBe('/home/ana/svc.db');
  });
});
