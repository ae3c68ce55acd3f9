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
