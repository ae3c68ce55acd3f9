/**
 * What svc says to people, in one place, so the wording stays consistent. Error
 * messages say what was wrong; hints say what to do.
 */
export const messages = {
  // dates
  badDate: (flag: string, value: string) => `${flag} "${value}" is not a date svc understands`,
  badDateHint: 'use YYYY-MM-DD, today, yesterday, "3 days ago", "2 weeks ago" or a weekday such as monday',
  futureDate: (flag: string, day: string) => `${flag} ${day} is in the future`,
  futureDateHint: 'a story records something that already happened: give today or an earlier date',

  // values from closed lists
  notOneOf: (flag: string, value: string, allowed: readonly string[]) =>
    `${flag} "${value}" is not one of ${allowed.join(', ')}`,
  notOneOfHint: (flag: string, allowed: readonly string[]) => `pass ${flag} ${allowed[0]} (or another of the values above)`,

  // stories
  emptyStory: 'the story text is empty',
  emptyStoryHint: 'say what happened: svc story add "Ana called the customer back the same day" --staff Ana',
  storyTooLong: (length: number, max: number) => `the story text is ${length} characters long; the limit is ${max}`,
  storyTooLongHint: 'shorten it, or keep the long version elsewhere and save a summary',
  missingStoryText: 'no story TEXT given, and there is no terminal to ask for it',
  missingStoryTextHint: 'pass TEXT as an argument (svc story add "what happened" --staff NAME) or pipe it on stdin',
  storyNotFound: (id: number) => `story #${id} does not exist`,
  storyNotFoundHint: 'list stories with: svc stories',
  badId: (noun: string, value: string) => `"${value}" is not a ${noun} id`,
  badIdHint: (noun: string) => `a ${noun} id is a whole number such as 12`,
  nothingToEdit: 'no changes given',
  nothingToEditHint: 'pass the fields to change, e.g. svc story edit 12 --tag follow-up --staff Ana',
  confirmRemoveNeedsYes: (id: number) => `removing story #${id} needs confirmation, and there is no terminal to ask`,
  confirmRemoveNeedsYesHint: (id: number) => `run again with --yes: svc story rm ${id} --yes`,

  // search
  emptyQuery: 'the search query has no words in it',
  emptyQueryHint: 'search for words that appear in stories, e.g. svc search "called back"',

  // database
  dbDirMissing: (dir: string) => `the directory ${dir} does not exist`,
  dbDirMissingHint: (dir: string) => `create it first (mkdir -p ${dir}) or pass another --db path`,
  dbNotWritable: (path: string) => `cannot write the database at ${path}: permission denied`,
  dbNotWritableHint: 'choose a path you can write (--db PATH or SVC_DB), or fix the permissions',
  dbReadOnly: (path: string) => `the database ${path} is read-only`,
  dbReadOnlyHint: 'fix the file permissions, or work on a copy with --db',
  dbIsDirectory: (path: string) => `${path} is a directory, not a database file`,
  dbIsDirectoryHint: 'pass the path of a file, e.g. --db ~/svc/team.db',
  notSqlite: (path: string) => `${path} is not an svc database (it is not a SQLite file, or it is damaged)`,
  notSqliteHint: 'check --db / SVC_DB; if it is your svc database, restore it from a backup (svc backup)',
  foreignSqlite: (path: string) => `${path} is a SQLite database, but not one svc created`,
  foreignSqliteHint: 'svc will not change another program\'s database: pass another --db path',
  dbNewer: (path: string, theirs: number, ours: number) =>
    `${path} was written by a newer svc (schema ${theirs}; this svc knows up to ${ours}); it was not touched`,
  dbNewerHint: 'upgrade svc (git pull && npm install), or use another --db',
  dbBusy: 'the database is busy: another svc kept it locked too long',
  dbBusyHint: 'try again in a moment',
  diskFull: 'the disk is full: nothing was saved',
  diskFullHint: 'free some space, then try again',

  // detect and practices (add keys below this line)
  reviewNeedsTerminal: '--review asks about each candidate, and there is no terminal to ask in',
  reviewNeedsTerminalHint: 'run svc detect --review in a terminal; scripts can use svc practice add NAME --phrase P --tag T',
  reviewWithJson: '--review and --json cannot be used together',
  reviewWithJsonHint: 'use --json to read the candidates, or --review to walk them in a terminal',
  practiceNameTaken: (name: string) => `a practice called "${name}" already exists`,
  practiceNameTakenHint: 'choose another name, or merge the candidate into that practice',
  practiceNameEmpty: 'the practice needs a name',
  rejectedNotFound: (what: string) => `no rejected candidate matches "${what}"`,
  rejectedNotFoundHint: 'list them with: svc detect --show-rejected',
  vaguePraise: (id: number) =>
    `hint: story #${id} praises but names no behaviour; add what exactly they did (svc story edit ${id}) so others can learn it`,
  vaguePraiseQuestion: 'It reads as praise but not as a behaviour. What exactly did they do? (Enter to skip)',

  // train, adopt and playbook (add keys below this line)

  // report, meetings, status and demo (add keys below this line)

  // customers, interviews and privacy (add keys below this line)

  // export, import, backup and checks (add keys below this line)

  // generic
  unexpected: (message: string) => `unexpected error: ${message}`,
  unexpectedHint: 'this is a bug; run again with SVC_DEBUG=1 to see where it happened, and report it',
  cancelled: 'cancelled, nothing was saved',
} as const;
