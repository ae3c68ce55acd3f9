import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { givenAddress, isPostgresAddress } from './address.ts';

/** Where the database is: a SQLite file (path) or a PostgreSQL address (path holds the URL). */
export interface DatabaseLocation {
  path: string;
  isDefault: boolean;
  engine: 'sqlite' | 'postgres';
}

/**
 * Where the database lives: --db, then SVC_DATABASE_URL, then SVC_DB, then the platform's
 * user data directory ($XDG_DATA_HOME/svc/svc.db, ~/.local/share/svc/svc.db on Linux).
 * A postgres:// or postgresql:// address in any of them means the team's PostgreSQL.
 */
export function resolveDbPath(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): DatabaseLocation {
  const given = givenAddress(flag, env);
  if (given && isPostgresAddress(given)) return { path: given.trim(), isDefault: false, engine: 'postgres' };
  if (given) return { path: resolve(given), isDefault: false, engine: 'sqlite' };
  return { path: join(userDataDir(env, platform, home), 'svc', 'svc.db'), isDefault: true, engine: 'sqlite' };
}

/** svc's own folder in the user data directory (~/.local/share/svc on Linux): the default database, drafts. */
export function svcDataDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  return join(userDataDir(env, platform, home), 'svc');
}

function userDataDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
  return env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
}
