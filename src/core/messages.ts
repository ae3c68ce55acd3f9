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

  // train, adopt and playbook (add keys below this line)

  // report, meetings, status and demo (add keys below this line)

  // customers, interviews and privacy (add keys below this line)
  importNoName: 'the name is empty',
  importTooLong: (field: string, max: number) => `the ${field} is longer than ${max} characters`,
  importBadEmail: (value: string) => `"${value}" is not an email address`,
  importBadPhone: (value: string) => `"${value}" is not a phone number (digits, spaces, + - ( ) . only)`,
  importConflictingRow: (line: number) => `the same customer as line ${line}, with other details`,
  importNotArray: 'a JSON customer list must be an array of objects such as {"name": "…", "email": "…"}',
  importNotObject: 'this entry is not an object such as {"name": "…", "email": "…"}',
  importBadRows: (file: string, n: number) => `${file} has ${n} bad ${n === 1 ? 'row' : 'rows'}; nothing was imported`,
  importBadRowsHint: 'fix the rows listed above and import again, or pass --skip-invalid to import the good rows',
  importNoNameColumn: (file: string) => `${file} has no "name" column in its header row`,
  importNoNameColumnHint: 'the first row names the columns: name, email, phone, segment, external id',
  importUnreadable: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  importUnreadableHint: 'check the file: a CSV with a header row, or a .json array of customers',
  importFileMissing: (file: string) => `${file} does not exist`,
  importFileMissingHint: 'check the path; svc customers import takes a .csv or .json file',
  customersFileEmpty: (file: string) => `${file} holds no customers`,
  customersFileEmptyHint: 'a CSV needs a header row (name, email, phone, segment, external id) and one row per customer',
  customerNotFound: (who: string) => `no customer ${who}`,
  customerNotFoundHint: 'list customers with: svc customers',
  customerAmbiguous: (name: string, ids: number[]) => `${ids.length} customers are called "${name}": #${ids.join(', #')}`,
  customerAmbiguousHint: 'pass the id instead of the name, e.g. svc customer forget 12',
  customerAlreadyForgotten: (id: number) => `customer #${id} was already forgotten`,
  customerAlreadyForgottenHint: 'there is nothing left to erase',
  forgetNeedsYes: (id: number) => `forgetting customer #${id} needs confirmation, and there is no terminal to ask`,
  forgetNeedsYesHint: (id: number) => `run again with --yes: svc customer forget ${id} --yes`,
  noneEligible: (total: number, recent: number, planned: number, cooldown: number) =>
    `no customer can be picked: of ${total} with contact details, ${recent} were contacted in the last ${cooldown} days and ${planned} are already planned`,
  noneEligibleHint: 'import more customers (svc customers import FILE), widen --segment, or shorten --cooldown',
  fewerEligible: (found: number, asked: number) =>
    `only ${found} ${found === 1 ? 'customer is' : 'customers are'} eligible, not ${asked}: picked ${found === 1 ? 'that one' : 'all of them'}`,
  interviewNotFound: (id: number) => `interview #${id} does not exist`,
  interviewNotFoundHint: 'list interviews with: svc interview list --status planned',
  interviewAlreadyLogged: (id: number, status: string, day: string | null) =>
    `interview #${id} was already logged as ${status}${day ? ` on ${day}` : ''}`,
  interviewAlreadyLoggedHint: 'plan another call with svc interview pick, or look at it with svc interview list',
  missingInterviewId: 'no interview ID given, and there is no terminal to choose one',
  missingInterviewIdHint: 'pass the id: svc interview log 3 --learned "…" --liked "…" --change "…" (svc interview list --status planned)',
  noPlannedInterviews: 'there are no planned interviews to log',
  noPlannedInterviewsHint: 'pick customers to call first: svc interview pick',
  noAnswers: 'no answers given',
  noAnswersHint: 'pass at least one of --learned, --liked, --change, or --declined if they said no',
  declinedWithAnswers: '--declined cannot come with answers',
  declinedWithAnswersHint: 'a customer who declined answered nothing: keep --note for what they said',
  answerTooLong: (flag: string, max: number) => `${flag} is longer than ${max} characters`,
  answerTooLongHint: 'keep the gist of the answer',
  asStoryNeedsLiked: '--as-story needs an answer to "What do you like most?"',
  asStoryNeedsLikedHint: 'pass --liked "…" naming the member of staff, or leave out --as-story',
  asStoryNeedsStaff: 'what they liked names no member of staff, so it cannot become a story',
  asStoryNeedsStaffHint: 'name the person with --staff NAME, or leave out --as-story',

  // export, import, backup and checks (add keys below this line)
  exportExists: (path: string) => `${path} already exists`,
  exportExistsHint: 'choose a new file name, or remove the old file first',
  exportDirMissing: (dir: string) => `the directory ${dir} does not exist`,
  exportDirMissingHint: 'create it first, or write the file somewhere else',
  csvOnlyStories: '--include-contacts does not apply to --format csv (it holds stories only)',
  csvOnlyStoriesHint: 'use --format jsonl or json to export customers with their contact details',
  importMissing: (path: string) => `${path} does not exist`,
  importMissingHint: 'give the path of a file made by svc export',
  importTooBig: (path: string, size: number, max: number) =>
    `${path} is ${Math.round(size / 1048576)} MB; svc imports files up to ${Math.round(max / 1048576)} MB`,
  importTooBigHint: 'check it is an svc export; split a very large database by moving to a shared one instead',
  importNotUtf8: (name: string) => `${name} is not valid UTF-8 text, so it is not an svc export`,
  importEmpty: (name: string) => `${name} is empty`,
  importNotExport: (name: string) => `${name} is not an svc export (no "svc-export" header)`,
  importBadFileHint: 'import a file made by svc export, unchanged; nothing was imported',
  importBadRow: (name: string, what: string) => `${name} is damaged: ${what}`,
  importNewerFormat: (name: string, theirs: number, ours: number) =>
    `${name} uses export format ${theirs}, newer than this svc reads (up to ${ours}); nothing was imported`,
  importNewerFormatHint: 'upgrade svc (git pull && npm install), then import again',
  importIncomplete: (name: string, table: string, expected: number, found: number) =>
    `${name} is incomplete: its header promises ${expected} ${table} rows, the file holds ${found}`,
  importIncompleteHint: 'the file was probably cut off while copying: export it again; nothing was imported',
  importDangling: (name: string, table: string, where: string, column: string, value: string) =>
    `${name} is damaged: a ${table} row (${where}) refers through ${column} to "${value}", which is neither in the file nor in this database`,
  importInvalidRow: (name: string, table: string, where: string, reason: string) =>
    `${name} holds a ${table} row (${where}) this database cannot take: ${reason}`,
  importConflict: (table: string, where: string, reason: string) =>
    `a ${table} row (${where}) clashes with one already here: ${reason}; nothing was imported`,
  importConflictHint: 'rename or remove the clashing record here (or in the other database), then import again',
  importIgnored: (what: string) => `ignored what this svc does not know: ${what}`,
  importIgnoredHint: 'the file came from a newer svc: upgrade to keep those fields too',
  backupExists: (path: string) => `${path} already exists; a backup never overwrites a file`,
  backupExistsHint: 'choose a new name, e.g. svc backup ~/svc-$(date +%F).db',
  backupFailed: (path: string, reason: string) => `the backup at ${path} did not verify (${reason}); it was removed`,
  backupFailedHint: 'check the disk has room, then try again',
  migrationBackup: (path: string) => `Backed up the database to ${path} before upgrading its schema.`,
  checkMissing: (path: string) => `there is no database at ${path}`,
  checkMissingHint: 'check --db / SVC_DB, or create one with: svc init',
  checkCorrupt: (path: string) => `the database ${path} is damaged`,
  checkCorruptHint: (path: string) =>
    `restore a backup: stop every svc, move "${path}" (and its -wal and -shm files) aside, copy the backup to "${path}", then run svc db check; backups svc made before upgrades are beside it (${path}.backup-*)`,
  diskWriteFailed: 'svc could not write to the disk (it may be full, or failing): nothing was saved',
  diskWriteFailedHint: 'free some space or check the disk, then try again; svc db check tells whether the database is whole',
  dbCorrupt: (path: string) => `the database ${path} is damaged`,
  dbCorruptHint: 'run svc db check for details and for how to restore a backup',

  // generic
  unexpected: (message: string) => `unexpected error: ${message}`,
  unexpectedHint: 'this is a bug; run again with SVC_DEBUG=1 to see where it happened, and report it',
  cancelled: 'cancelled, nothing was saved',
} as const;
