/**
 * A database address: a file path (the embedded SQLite default) or a postgres:// URL
 * (a team's shared PostgreSQL). Addresses are shown only redacted: a password never
 * reaches the terminal, a log or a message.
 */
export type DatabaseAddress = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

const POSTGRES = /^postgres(?:ql)?:\/\//iu;

/** Whether the text is a PostgreSQL address rather than a file path. */
export function isPostgresAddress(text: string): boolean {
  return POSTGRES.test(text.trim());
}

/**
 * The database address a command line and environment give, before any default: --db,
 * then SVC_DATABASE_URL, then SVC_DB. The one place that says which wins.
 */
export function givenAddress(flag: string | undefined, env: Record<string, string | undefined>): string | undefined {
  return flag || env.SVC_DATABASE_URL || env.SVC_DB || undefined;
}

/** The value of --db on a command line (`--db X` or `--db=X`), read before the command tree is loaded. */
export function dbFlagIn(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === '--db') found = argv[i + 1];
    else if (arg.startsWith('--db=')) found = arg.slice('--db='.length);
  }
  return found;
}

/** The address the text names; a path is returned as given (resolving it is the caller's). */
export function databaseAddress(text: string): DatabaseAddress {
  return isPostgresAddress(text) ? { engine: 'postgres', url: text.trim() } : { engine: 'sqlite', path: text };
}

/**
 * The address as it may be shown: the password in the user part and any `password=`
 * parameter replaced by `***`. A file path is shown as it is.
 */
export function shownAddress(text: string): string {
  if (!isPostgresAddress(text)) return text;
  return text
    .trim()
    .replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/iu, '$1:***@')
    .replace(/([?&]password=)[^&]*/giu, '$1***');
}
