import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the database lives: --db, then SVC_DB, then the platform's user data
 * directory ($XDG_DATA_HOME/svc/svc.db, ~/.local/share/svc/svc.db on Linux).
 */
export function resolveDbPath(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): { path: string; isDefault: boolean } {
  if (flag) return { path: resolve(flag), isDefault: false };
  if (env.SVC_DB) return { path: resolve(env.SVC_DB), isDefault: false };
  return { path: join(userDataDir(env, platform, home), 'svc', 'svc.db'), isDefault: true };
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
