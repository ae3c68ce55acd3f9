import { echo } from './safe-text.ts';
import { QUALIFIER_KINDS } from './qualifiers.ts';

/**
 * What svc says to people, in one place, so the wording stays consistent. Error
 * messages say what was wrong; hints say what to do.
 */
export const messages = {
  // dates
  badDate: (flag: string, value: string) => `${flag} "${echo(value)}" is not a date svc understands`,
  badDateHint: 'use YYYY-MM-DD, today, yesterday, "3 days ago", "a week ago", "last week", "last month", "Dec 1" or a weekday such as monday',
  badComingDateHint: 'use YYYY-MM-DD, today, tomorrow, "in 2 weeks", "next week", "Dec 20" or a weekday such as friday or "next friday"',
  badSinceHint:
    'use last-meeting (or "last meeting"), YYYY-MM-DD, today, yesterday, "3 days ago", "last week", "last month", "Dec 1" or a weekday such as monday',
  ambiguousDate: (flag: string, value: string, readings: readonly string[]) =>
    `${flag} "${echo(value)}" reads two ways: ${readings.join(' or ')}`,
  ambiguousDateHint: (readings: readonly string[]) => `write it as ${readings.join(' or ')} (YYYY-MM-DD reads one way only)`,
  futureDate: (flag: string, day: string) => `${flag} ${day} is in the future`,
  futureDateHint: 'a story records something that already happened: give today or an earlier date',
  futureTrainingHint: 'a training is logged once it was held: give today or an earlier date; plan one ahead with svc train schedule',
  futureActionDoneHint: 'an action is marked done once it is done: give today or an earlier date',
  futureMeetingHint: 'a meeting is recorded once the team has met: give today or an earlier date',
  futureInterviewHint: 'a call is logged once it happened: give today or an earlier date; a call still to come is agreed with svc interview agree',
  futureSignalHint: 'a signal is a figure already measured: give today or an earlier date',
  futureDigestHint: 'a digest covers what already happened: give today or an earlier date',

  // values from closed lists
  notOneOf: (flag: string, value: string, allowed: readonly string[]) =>
    `${flag} "${echo(value)}" is not one of ${allowed.join(', ')}`,
  notOneOfHint: (flag: string, allowed: readonly string[]) => `pass ${flag} ${allowed[0]} (or another of the values above)`,

  // stories
  emptyStory: 'the story text is empty',
  emptyStoryHint: 'say what happened: svc story add "Ana called the customer back the same day" --staff Ana',
  storyTooLong: (length: number, max: number) => `the story text is ${length} characters long; the limit is ${max}`,
  storyTooLongHint: 'shorten it, or keep the long version elsewhere and save a summary',
  holdsNul: (label: string) => `${label} holds a NUL character (U+0000), which svc does not store`,
  holdsNulHint: 'remove it: it comes from binary data, not from text that was typed or pasted',
  missingStoryText: 'no story TEXT given, and there is no terminal to ask for it',
  missingStoryTextHint: 'pass TEXT as an argument (svc story add "what happened" --staff NAME) or pipe it on stdin',
  storyNotFound: (id: number) => `story #${id} does not exist`,
  storyNotFoundHint: 'list stories with: svc stories',
  badId: (noun: string, value: string) => `"${echo(value)}" is not ${article(noun)} ${noun} id`,
  badIdHint: (noun: string) => `${article(noun)} ${noun} id is a whole number such as 12`,
  nothingToEdit: 'no changes given',
  nothingToEditHint: 'pass the fields to change, e.g. svc story edit 12 --tag follow-up --staff Ana',
  storyChangedMeanwhile: (id: number, forgotten: boolean) =>
    forgotten
      ? `story #${id}'s customer was forgotten while you were editing it (what you typed may still name them)`
      : `story #${id} was changed by someone else while you were editing it`,
  storyChangedMeanwhileHint: (id: number) => `read it as it is now (svc story show ${id}), then edit it again: svc story edit ${id}`,
  storyGoneMeanwhile: (id: number) => `story #${id} was deleted while you were editing it`,
  /** An edit typed in $EDITOR that could not be saved, for whatever reason, kept in a file. */
  editKept: (reason: string, path: string) => `the edit was not saved: ${reason.replace(/\.$/u, '')}; what you typed is kept in ${path}`,
  editKeptHint: (id: number) => `read the story as it is now (svc story show ${id}), then edit it again (svc story edit ${id}), taking from that file only what still applies`,
  confirmRemoveNeedsYes: (id: number) => `removing story #${id} needs confirmation, and there is no terminal to ask`,
  confirmRemoveNeedsYesHint: (id: number) => `run again with --yes: svc story rm ${id} --yes`,

  // search
  emptyQuery: 'the search query has no words in it',
  emptyQueryHint: 'search for words that appear in stories, e.g. svc search "called back"',
  noStoryContains: (query: string) => `No story contains "${echo(query.replace(/\s+/gu, ' '))}". Try fewer words, or a prefix such as call*.`,

  // database
  dbDirMissing: (dir: string) => `the directory ${dir} does not exist`,
  dbDirMissingHint: (dir: string) => `create it first (mkdir -p ${dir}) or pass another --db path`,
  dbNotWritable: (path: string) => `cannot write the database at ${path}: permission denied`,
  dbNotWritableHint: 'choose a path you can write (--db PATH or SVC_DB), or fix the permissions',
  dbReadOnly: (path: string) => `the database ${path} is read-only`,
  dbReadOnlyHint: 'fix the file permissions, or work on a copy with --db',
  dbNotPrivate: (path: string) => `${path} is an empty file others may read, and svc cannot make it readable by its owner only; nothing was written to it`,
  dbNotPrivateHint: 'give --db a new file name, which svc makes readable by you only, or have its owner run: chmod 600 FILE',
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
  // a missing database: only commands that save something create one, and say where
  dbMissing: (path: string) => `there is no svc database at ${path}`,
  dbMissingHint: 'create it with: svc init (or svc --db PATH init); check --db and SVC_DB if it should exist',
  dbCreated: (path: string) => `Created a new svc database at ${path}`,
  emptyDbAddress: (flag: string) => `${flag} is empty: it names no database`,
  emptyDbAddressHint: (flag: string) =>
    flag === '--db'
      ? 'give a file path or a postgres:// address, or leave --db out to use SVC_DATABASE_URL, SVC_DB or the default file (svc db path shows which)'
      : `give a file path or a postgres:// address, e.g. ${flag} team.db`,
  diskFull: 'the disk is full: nothing was saved',
  diskFullHint: 'free some space, then try again',
  // a PostgreSQL database (its address shown redacted)
  foreignPostgres: (address: string, schema: string) => `${address} has tables in schema "${schema}" that svc did not create`,
  schemaMismatch: (path: string, version: number, migration: string, reason: string) =>
    `${path} says its schema is version ${version}, but it is not: migration ${migration} failed (${reason}); nothing was changed`,
  schemaMismatchHint: 'no released svc leaves a database like this: restore a backup (svc backup makes one; svc db check tells a good one), or export what you can with svc export',
  foreignPostgresHint:
    'svc will not change another program\'s tables: give svc an empty database, or a schema of its own (as the database\'s owner: CREATE SCHEMA svc AUTHORIZATION ROLE; then add ?options=-csearch_path%3Dsvc to the address)',
  postgresNoSchema: (address: string, schema: string) => `the schema "${echo(schema)}" that the search_path of ${address} names does not exist`,
  postgresNoSchemaHint: (schema: string, role: string) =>
    `create it first, as the database's owner (psql ADDRESS): CREATE SCHEMA ${schema} AUTHORIZATION ${role}; then run the command again`,
  postgresNoSvcSchema: (address: string) => `there is no svc database at ${address}: it holds none of svc's tables`,
  postgresNoSvcSchemaHint:
    'create svc\'s tables there with svc init (same --db or SVC_DATABASE_URL), or copy a database into it with svc db copy --to ADDRESS; check --db, SVC_DATABASE_URL and SVC_DB if it should have them',
  postgresCannotCreate: (address: string, role: string, schema: string, version: number, newest: number) =>
    version === 0
      ? `${address} has no svc tables, and the role ${role} may not create them in schema "${schema}"`
      : `${address} holds svc's schema version ${version}, this svc needs ${newest}, and the role ${role} may not upgrade it in schema "${schema}"`,
  postgresCannotCreateHint: 'run svc init once as the role that owns the database (the README\'s "Use svc as a team"), or grant CREATE on the schema',
  postgresBadSslMode: (mode: string) => `sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, not "${echo(mode)}"`,
  postgresBadSslModeHint: 'fix sslmode in the address (or PGSSLMODE): require encrypts; verify-full also checks the server\'s certificate against sslrootcert=FILE',
  postgresSslFile: (parameter: string, file: string, reason: 'missing' | 'unreadable') =>
    `${parameter}=${file} names a file that ${reason === 'missing' ? 'does not exist' : 'svc cannot read'}; nothing was sent to the server`,
  postgresSslFileHint: (parameter: string) =>
    parameter === 'sslrootcert'
      ? 'give the path of the PEM file of the CA that signed the server\'s certificate (absolute, or relative to the current folder)'
      : `give the path of the PEM file for ${parameter} (absolute, or relative to the current folder)`,
  postgresNoPasswordHint: (file: string, reason: 'missing' | 'no-line' | 'unsafe', wanted: string) =>
    reason === 'unsafe'
      ? `the password file ${file} was not read: others may read it (libpq ignores such a file too); make it yours only with: chmod 600 ${file}`
      : reason === 'missing'
        ? `the server asks for a password and none was given: set PGPASSWORD, or put the line ${wanted}:PASSWORD in ${file} (mode 0600; PGPASSFILE names another file)`
        : `the server asks for a password and none was given: no line of ${file} matches ${wanted}; add ${wanted}:PASSWORD to it, or set PGPASSWORD`,
  demoNotOnServer: 'the demo builds a database of made-up stories, never on a PostgreSQL server',
  demoNotOnServerHint: 'run svc demo without --db (a temporary file), or with --db FILE.db',
  postgresUnreachable: (address: string, reason: string) => `cannot reach PostgreSQL at ${address}: ${reason}`,
  postgresUnreachableHint: 'check the address and that the server runs (pg_isready); PGHOST, PGPORT, PGUSER and PGPASSWORD fill what the address leaves out',
  postgresBadAddress: (address: string) => `${address} is not a PostgreSQL address svc can read`,
  postgresBadAddressHint: 'write it as postgres://USER@HOST:PORT/DATABASE (a port from 1 to 65535; percent-encode @, : and / in a password)',
  postgresCertificate: (address: string, reason: string) => `PostgreSQL's certificate was not accepted at ${address}: ${reason}`,
  postgresCertificateHint: 'name the CA that signed it with sslrootcert=FILE in the address (sslmode=verify-full checks it), or use sslmode=require to encrypt without checking who answers',
  postgresLoginRefused: (address: string) => `PostgreSQL refused the login at ${address}`,
  postgresLoginRefusedHint: 'check the user name and password (PGUSER, PGPASSWORD or ~/.pgpass) and pg_hba.conf on the server',
  postgresNoDatabase: (address: string) => `there is no such database at ${address}`,
  postgresNoDatabaseHint: 'create it first (createdb NAME, or CREATE DATABASE on the server), then run svc init',
  postgresNoDatabaseCopyHint: 'create it first (createdb NAME, or CREATE DATABASE on the server), then run the copy again: it creates svc\'s tables itself',
  postgresNotAllowed: (address: string, reason: string) => `PostgreSQL did not allow this at ${address}: ${reason}`,
  postgresNotAllowedHint: 'the role needs the grants the README lists under "Use svc as a team"; a new schema version needs the migration role once',

  // detect and practices (add keys below this line)
  practiceNotFound: (name: string) => `there is no practice "${echo(name)}"`,
  practiceNotFoundHint: 'list practices with: svc practices (a name may be typed in any case, in part, or as its id)',
  practiceExists: (name: string) => `a practice named "${echo(name)}" already exists`,
  practiceExistsHint: (name: string) => `see it with: svc practice show "${name}", or choose another name`,
  emptyPracticeName: 'the practice name is empty',
  emptyPracticeNameHint: 'name the behaviour, e.g. svc practice add "Call back the same day" --tag call-back',
  emptyPersonName: "the person's name is empty",
  emptyTagName: 'the tag name is empty',
  emptyCustomerName: "the customer's name is empty",
  /** A practice, person, tag or customer to look up was typed as nothing. */
  emptyNamedHint: (list: string) => `give a name or an id; ${list}`,
  matcherTaken: (kind: string, value: string, owner: string) => `the ${kind} "${echo(value)}" already links stories to practice "${owner}"`,
  matcherTakenHint:
    'a tag, or a phrase with the same details, points to one practice only: leave it out, give the phrase its qualifier ("called back the same day"), or rename that practice instead',
  emptyMatcher: (flag: string) => `${flag} is empty`,
  emptyMatcherHint: (flag: string) => `give a value, e.g. ${flag} call-back`,
  missingStoryIds: 'no STORY_ID given',
  missingStoryIdsHint: 'name the stories, e.g. svc practice link "Call back the same day" 12 14',
  notEvidence: (ids: number[], name: string) => `${ids.length === 1 ? 'story' : 'stories'} #${ids.join(', #')} ${ids.length === 1 ? 'is' : 'are'} not evidence of "${echo(name)}"`,
  notEvidenceHint: (name: string) => `see its evidence with: svc practice show "${name}"`,
  personNotFound: (name: string) => `nobody called "${echo(name)}" appears in svc`,
  personNotFoundHint: 'list people with: svc people',
  standardNeedsAdopt: 'a practice becomes standard with a written procedure',
  /** What retiring kept and what it changed, by where the practice stood: only a standard is in the playbook, only adopted and standard ones are trained. */
  retiredHint: (from: 'candidate' | 'adopted' | 'standard' | 'retired') =>
    from === 'standard'
      ? 'hint: its stories, trainings and procedures are kept; it has left the playbook'
      : from === 'adopted'
        ? 'hint: its stories and trainings are kept; nobody is trained on it any more'
        : 'hint: its stories are kept; it was a candidate, never in the playbook',
  standardNeedsAdoptHint: (name: string) => `use: svc practice adopt "${name}" --procedure "…"`,
  reviewNeedsTerminal: '--review asks about each candidate, and there is no terminal to ask in',
  reviewNeedsTerminalHint: 'run svc detect --review in a terminal; scripts can use svc practice add NAME --phrase P --tag T',
  reviewWithJson: '--review and --json cannot be used together',
  reviewWithJsonHint: 'use --json to read the candidates, or --review to walk them in a terminal',
  rejectedNotFound: (what: string) => `no rejected candidate matches "${echo(what)}"`,
  rejectedNotFoundHint: 'list them with: svc detect --show-rejected',
  vaguePraise: (id: number) =>
    `hint: story #${id} does not say what exactly was done; add it (svc story edit ${id}) so others can learn it`,
  // Asked of praise ("the staff were lovely") and of a deed done to nothing in particular ("Ana fixed it") alike.
  vagueExamples: (ids: readonly number[]) =>
    `${ids.length === 1 ? 'story' : 'stories'} #${ids.join(', #')} ${ids.length === 1 ? 'does' : 'do'} not say what exactly was done: suggestions from ${ids.length === 1 ? 'it' : 'them'} rest on little (svc story edit ${ids[0]} to add it)`,
  vaguePraiseQuestion: 'It does not say what exactly was done. What did they do, so others can do it too? (Enter to skip)',

  // detect: discovery shows only what it can defend
  nothingStandsOut: (minStories: number, minStaff: number) =>
    `no shared behaviour stands out yet: none yet with ${minStories}+ stories by ${minStaff}+ people shows one concrete behaviour; ` +
    'name one with svc practice add NAME --from-stories ID,ID, or lower --min-stories / --min-staff',
  basisTag: (tag: string, stories: number, total: number) => `tagged #${tag} in ${stories} of ${total} stories`,
  basisPhrase: (phrase: string, stories: number, total: number) => `"${phrase}" in ${stories} of ${total} stories`,
  basisObject: (phrase: string, detail: string, stories: number, total: number) =>
    `"${phrase}" with the same object (${detail}) in ${stories} of ${total} stories`,
  basisAction: (phrase: string, total: number) => `"${phrase}" in ${total} stories, on something different in most`,
  commonActionsTitle: 'Common actions',
  commonActionsNote: ' (several people, a different object each time: not a practice alone): ',
  candidateOverlap: (practice: string, stories: number, total: number) => `≈ ${practice} (${stories} of ${total} stories already its evidence)`,
  // A bare action shown only for its number of stories (BROAD_EVIDENCE): never "≈ a practice".
  broadCandidate: (stories: number) => `(broad: a common action in ${stories} stories, not one concrete behaviour)`,
  broadOverlap: (practice: string, stories: number, total: number) => `${stories} of ${total} stories are already evidence of ${practice}; the action alone is not that practice`,
  nothingNewStandsOut: (minStories: number, minStaff: number, { practices, names, decided, rejected }: LeftOutSummary) =>
    `nothing new stands out: of the behaviours with ${minStories}+ stories by ${minStaff}+ people, ` +
    andList([
      practices ? `${practices} already ${practices === 1 ? 'belongs to a practice' : 'belong to practices'} (${leftOutNames(names)})` : '',
      decided.length ? `${decided.length} broad ${decided.length === 1 ? "action's stories were" : "actions' stories were"} merged in review (${decidedNames(decided)})` : '',
      rejected ? `${rejected} ${rejected === 1 ? 'was' : 'were'} rejected (svc detect --show-rejected)` : '',
    ]),
  leftOutNote: ({ practices, names, decided, rejected }: LeftOutSummary) =>
    'also left out: ' +
    [
      practices ? `${practices} ${practices === 1 ? 'behaviour' : 'behaviours'} already in practices (${leftOutNames(names)})` : '',
      decided.length ? `${decided.length} broad ${decided.length === 1 ? 'action' : 'actions'} merged in review (${decidedNames(decided)})` : '',
      rejected ? `${rejected} rejected (svc detect --show-rejected)` : '',
    ]
      .filter(Boolean)
      .join(', '),
  mergedStoriesOnly: (verb: 'Merged' | 'Linked', stories: number, practice: string, bare: readonly string[]) =>
    `${verb} its ${stories} ${stories === 1 ? 'story' : 'stories'} ${verb === 'Merged' ? 'into' : 'to'} "${echo(practice)}" as evidence, linked by this review; ` +
    `${bare.map((b) => `"${b}"`).join(', ')} was not added as a matcher: on its own it would link every later story with it.`,
  reviewMergeStoriesOnly: (bare: readonly string[]) =>
    `merge its stories only (${bare.map((b) => `"${b}"`).join(', ')} alone is a common action, not a matcher)`,
  phraseMatchesNothing: (typed: string, key: string) =>
    `warning: --phrase "${typed}" (read as "${key}") matches no story yet; new stories with it will be linked`,
  phraseMatchesNothingHint: 'check the wording against a story that shows it, or link stories by hand: svc practice link NAME STORY_ID',
  // one phrase, two practices: a phrase's details are its qualifier (migrations/0018)
  phraseShared: (label: string, owners: string) => `the phrase "${echo(label)}" also serves ${owners}: a story that matches both is evidence of both`,
  importBadQualifier: (value: string) => `its qualifier "${echo(value)}" is not one a phrase can have (${QUALIFIER_KINDS.join(', ')})`,

  // train, adopt and playbook (add keys below this line)
  emptyProcedure: 'the procedure text is empty: nothing was adopted',
  emptyProcedureHint: 'write the steps, e.g. svc practice adopt NAME --procedure "1. Call back before 5 pm …"',
  procedureTooLong: (length: number, max: number) => `the procedure is ${length} characters long; the limit is ${max}`,
  procedureTooLongHint: 'keep the standard short enough to train from; link longer material from it',
  missingProcedure: 'no procedure text given, and there is no terminal to open an editor',
  missingProcedureHint: 'pass --procedure TEXT or --procedure-file FILE (- reads stdin)',
  bothProcedures: '--procedure and --procedure-file cannot both be given',
  draftUnchanged: (practice: string) =>
    `The procedure of "${practice}" was saved as drafted: its steps are still the stories' own words. Adopt it as it is?`,
  draftNotAdopted: 'Nothing was adopted: run svc practice adopt again to write the steps.',
  draftWithoutSteps: 'the draft was saved as written, with no step under "Steps:": nothing was adopted',
  draftWithoutStepsHint: 'write one step a line under "Steps:", or pass --procedure "1. …"',
  bothProceduresHint: 'pick one source for the procedure text',
  procedureFileUnreadable: (file: string, reason: string) => `cannot read the procedure file ${file}: ${reason}`,
  procedureFileUnreadableHint: 'check the path, or pass the text with --procedure',
  noProcedures: (name: string) => `practice "${echo(name)}" has no procedure yet`,
  noProceduresHint: (name: string) => `write one with: svc practice adopt "${name}" --procedure "…"`,
  missingAttendees: 'no attendees given, and there is no terminal to pick them from a list',
  missingAttendeesHint: 'pass --people, e.g. svc train log NAME --people Ana,Bo',
  noAttendeesPicked: 'nobody was picked: nothing was logged',
  noAttendeesPickedHint: 'pick attendees with Space, then press Enter (or pass --people)',
  trainRetired: (name: string) => `practice "${echo(name)}" is retired: it is not trained any more`,
  trainRetiredHint: (name: string) => `bring it back first: svc practice status "${name}" adopted --force`,

  // report, meetings, status and demo (add keys below this line)
  noMeetingYet: '--since last-meeting was given, but no meeting is recorded yet',
  noMeetingYetHint: 'record one with: svc meeting held --on YYYY-MM-DD (or leave --since out for the last 30 days)',
  periodBackwards: (since: string, until: string) => `the period starts (${since}) after it ends (${until})`,
  periodBackwardsHint: 'give a --since on or before --until (today, unless --until is given)',
  futureUntil: (until: string) => `--until ${until} is in the future`,
  futureUntilHint: 'a report covers what already happened: give today or an earlier date',
  badDriftWeeks: (value: string) => `--drift-weeks "${echo(value)}" is not a whole number of weeks between 1 and 52`,
  badDriftWeeksHint: 'e.g. --drift-weeks 4 (the default)',
  outNeedsFile: 'an HTML report is a file: pass --out FILE (or --out - to print it anyway)',
  outNeedsFileHint: 'e.g. svc report --format html --out meeting.html',
  outDirMissing: (dir: string) => `cannot write the report: the directory ${dir} does not exist`,
  outDirMissingHint: 'create the directory first, or pass another --out path',
  meetingExists: (day: string) => `a meeting on ${day} is already recorded`,
  meetingExistsHint: 'list them with: svc meeting list',
  meetingSaved: (day: string, later: string | null) =>
    later
      ? `Recorded the meeting of ${day}. The next report still starts from the later meeting of ${later}.`
      : `Recorded the meeting of ${day}. The next report starts on that day, so stories told after the meeting are in it.`,
  noMeetings: 'No meetings recorded yet. After the next one: svc meeting held',
  demoTargetExists: (path: string) => `${path} already exists; svc demo builds a new database and will not touch it`,
  demoTargetExistsHint: 'pass a --db path that does not exist yet, or leave --db out for a temporary one',
  demoBuilt: (path: string, stories: number) => `Built a demo database with ${stories} stories at ${path}`,
  demoNext: (path: string) =>
    `This was a fictional team (explore it with: svc --db ${path} stories). To start with your own: svc story add "what happened" --staff NAME`,
  gettingStarted: [
    'svc has no stories yet. To start:',
    '  svc story add "Ana called the customer back the same day" --staff Ana   record a great moment as it happens',
    '  svc demo   see the whole loop on a sample team first (svc --help lists every command)',
  ],

  // customers, interviews and privacy (add keys below this line)
  importNoName: 'the name is empty',
  importTooLong: (field: string, max: number) => `the ${field} is longer than ${max} characters`,
  importBadEmail: (value: string) => `"${echo(value)}" is not an email address`,
  importBadPhone: (value: string) => `"${echo(value)}" is not a phone number (digits, spaces, + - ( ) . only)`,
  importConflictingRow: (line: number) => `the same customer as line ${line}, with other details`,
  importNotArray: 'a JSON customer list must be an array of objects such as {"name": "…", "email": "…"}',
  importNotObject: 'this entry is not an object such as {"name": "…", "email": "…"}',
  importBadRows: (file: string, n: number) => `${file} has ${n} bad ${n === 1 ? 'row' : 'rows'}; nothing was imported`,
  /** --skip-invalid on a file none of whose rows is good (core/bad-rows.ts). */
  importEveryRowBad: (file: string, n: number) =>
    `every row of ${file} is bad (${n === 1 ? 'the one' : `all ${n}`} listed above): nothing to import`,
  /** --skip-invalid only when some row could be imported. */
  importBadRowsHint: (someValid: boolean) =>
    someValid ? 'fix the rows listed above and import again, or pass --skip-invalid to import the good rows' : 'fix the rows listed above and import again',
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
  customerAmbiguous: (name: string, ids: number[]) => `${ids.length} customers are called "${echo(name)}": #${ids.join(', #')}`,
  // One of their own ids, quoted: a bare # starts a comment in the shell. No command is named: any command that takes a customer asks this.
  customerAmbiguousHint: (ids: readonly number[]) => `pass one of their ids instead of the name, e.g. "#${ids[0] ?? ''}"`,
  whichCustomer: (name: string) => `Which "${echo(name)}"? More than one customer has that name`,
  /** A customer an import added under a name svc already had: often one person, typed in a story before the list came. */
  importedNamesake: (name: string, added: number, older: number) =>
    `note: customer #${added} "${echo(name)}" is new, and customer #${older} has the same name; if they are one person: svc customer merge '#${older}' '#${added}'`,
  customerNamesakes: (name: string, linked: number, others: number[], storyId: number) =>
    `note: ${others.length + 1} customers are called "${echo(name)}"; story #${storyId} is linked to customer #${linked}. If it was another: svc story edit ${storyId} --customer '#${others[0]}'`,
  /** One line per detail another customer or a team member holds too. */
  forgetShared: (shared: ReadonlyArray<{ detail: string; customers: number[]; teamMember: boolean }>, onServer = false): string[] =>
    shared.map(({ detail, customers, teamMember }) => {
      const holders = [...(customers.length ? [`${customers.length === 1 ? 'customer' : 'customers'} ${customers.map((c) => `#${c}`).join(', ')}`] : []), ...(teamMember ? ['a team member'] : [])];
      const also = `Their ${detail} is also held by ${holders.join(' and ')}: it stays where it is theirs, and ${onServer ? "the server's rows were" : 'the files were'} not searched for it.`;
      return customers.length ? `${also} If they are one person, forget ${customers.length === 1 ? 'that one' : 'those'} too: svc customer forget #${customers[0]}` : also;
    }),
  forgetNameNotScanned: 'Their name has one or two characters: it was replaced in their stories and answers, but the files cannot be searched for it (it is part of countless words); their other details were.',
  forgetNeedsYes: (id: number) => `forgetting customer #${id} needs confirmation, and there is no terminal to ask`,
  forgetNeedsYesHint: (id: number) => `run again with --yes: svc customer forget ${id} --yes`,
  noneEligible: (total: number, recent: number, planned: number, cooldown: number) =>
    `no customer can be picked: of ${total} with contact details, ${recent} ${recent === 1 ? 'was' : 'were'} contacted in the last ${cooldown} days and ${planned} ${planned === 1 ? 'is' : 'are'} already planned`,
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
  // interview agree, decline, noreply: moving a planned call on
  agreeNeedsDay: 'no day given for the call',
  agreeNeedsDayHint: 'pass the day and time they agreed: svc interview agree 3 --on 2026-06-12 --at 10:30 --phone "+44 20 7946 0000"',
  agreeNeedsTime: 'no time given for the call',
  agreeNeedsTimeHint: 'pass the time they agreed as HH:MM: --at 10:30',
  badAgreedTime: (typed: string) => `"${typed}" is not a time of day`,
  badAgreedTimeHint: 'write the time as HH:MM, 24-hour: --at 14:30',
  agreeNeedsContact: 'no number or contact to call them on',
  agreeNeedsContactHint: 'pass the number they gave with --phone "…", or another way to reach them with --contact "…"',
  agreePhoneOrContact: '--phone and --contact cannot both be given',
  badPhone: (typed: string) => `"${typed}" is not a phone number`,
  agreedInPast: (day: string, time: string) => `the agreed call on ${day} at ${time} is in the past`,
  agreedInPastHint: 'give the day and time still to come; a call that already happened is logged with svc interview log',
  interviewClosed: (id: number, state: string) => `interview #${id} is already ${state}`,
  interviewClosedHint: 'only an invited or agreed call can move on; plan another with svc interview pick',
  // interview link: "confirms" answers linked to the practices they confirm
  confirmsNeedsHeld: (id: number, state: string) => `interview #${id} is ${state}: only a held call's answers can confirm a practice`,
  confirmsNeedsHeldHint: 'log the call first: svc interview log ID --liked "…" (svc interviews --status done)',
  confirmsNeedsLiked: (id: number) => `interview #${id} has no answer to "What do you like most?" to confirm a practice`,
  confirmsNeedsLikedHint: 'only what a customer liked confirms a practice; what they would change can become an action (svc action add)',
  confirmsWithDeclined: '--confirms cannot come with --declined',
  confirmsWithDeclinedHint: 'a customer who declined confirmed nothing: leave out --confirms',
  interviewLinked: (id: number, practices: readonly string[]) => `Linked interview #${id} to ${practices.join(', ')}: its answer confirms ${practices.length === 1 ? 'it' : 'them'}.`,
  interviewUnlinked: (id: number, practice: string) => `Unlinked interview #${id} from ${practice}.`,
  interviewNotLinked: (id: number, practice: string) => `interview #${id} is not linked to ${practice}`,
  interviewNotLinkedHint: 'see its links with: svc interview show ID',
  // customer forget: preview, finishing the files, resuming
  forgetAlreadyDone: (id: number, onServer = false) =>
    `customer #${id} was already forgotten, and ${onServer ? "the server's tables were vacuumed and checked" : 'the files were wiped'}`,
  forgetAlreadyDoneHint: 'svc no longer knows their details, so it cannot look for them again; an import that brings them back erases them again as it arrives',
  forgetPinned: (ids: readonly number[]) =>
    `${forgotten(ids)} erased from every record, but another process is still reading an older snapshot of the database, which holds their data`,
  forgetUnfinished: (ids: readonly number[], reason: string, onServer = false) =>
    `${forgotten(ids)} erased from every record, but ${onServer ? 'finishing on the server' : 'wiping the files'} failed: ${reason}`,
  forgetStillInFiles: (ids: readonly number[], files: readonly string[]) =>
    `${forgotten(ids)} erased from every record, but their data is still in ${files.join(', ')}`,
  // On a server svc writes no file of the database: its disk is the operator's.
  forgetResumeHint: (ids: readonly number[], onServer = false) =>
    `let running exports, backups and reports finish${onServer ? '' : ' (and free disk space if it is full)'}, then finish with: svc customer forget ${ids[0] ?? ''} --yes`,
  forgetDiskFull: 'the disk is full',
  // customer forget and the drafts kept on this machine (stories not saved, refused edits)
  forgetDraftUnreadable: (path: string, reason: string, id: number) =>
    `cannot read the draft ${path} (${reason}), so svc cannot tell whether it holds customer #${id}'s details; nothing was changed`,
  forgetDraftUnreadableHint: (id: number) => `make it readable by you, or delete it if you do not need it, then run again: svc customer forget ${id}`,
  forgetDraftUnwritable: (path: string, reason: string, id: number) =>
    `could not rewrite the draft ${path} (${reason}), so customer #${id} was not forgotten: nothing in the database was changed`,
  forgetDraftUnwritableHint: (id: number, diskFull: boolean) =>
    `${diskFull ? 'free some space' : 'make the drafts folder and that file writable by you, or delete the draft'}, then run again: svc customer forget ${id} --yes`,
  // An import that forgets a customer looks in the drafts after their records are erased: it cannot be run again.
  forgetDraftUnreadableAfter: (path: string, reason: string, id: number) =>
    `cannot read the draft ${path} (${reason}): customer #${id} is erased from every record, but this draft may still hold their details`,
  forgetDraftUnwritableAfter: (path: string, reason: string, id: number) =>
    `could not rewrite the draft ${path} (${reason}): customer #${id} is erased from every record, but this draft still holds their details`,
  forgetDraftUnreadableDryRun: (path: string, reason: string) => `cannot read the draft ${path} (${reason}): importing would leave it as it is, and it may hold their details`,
  forgetDraftAfterHint: 'svc no longer knows their details, so it cannot look for them again: open the draft and take them out, or delete it',
  forgetDraftsChanged: (count: number, paths: readonly string[], dryRun: boolean, lostCustomer: boolean) =>
    `${dryRun ? 'It would replace' : 'Replaced'} their details with "(forgotten)" in ${count === 1 ? 'a draft' : `${count} drafts`} on this machine: ${paths.join(', ')}` +
    (lostCustomer ? `. A draft that named them as its customer ${dryRun ? 'would be' : 'will be'} saved without one.` : '.'),
  forgetDraftsNone: (checked: number, folder: string) =>
    `No draft of this database on this machine holds their details (${checked === 0 ? 'there are none' : `checked ${checked}`} in ${folder}).`,
  forgetDraftsElsewhere:
    "svc cannot reach drafts on other people's machines (stories they could not save to this server, edits it refused): ask the team to delete any that name this customer, as saving one would bring their details back.",
  forgetConfirm: (name: string, id: number, counts: string) =>
    `Forget ${name} (#${id})? ${counts} Their name, email, phone and external id are erased everywhere; stories and answers stay, anonymised. This cannot be undone.`,
  // customer forget on a PostgreSQL server
  forgetServerChecked: 'Checked every text column of every table, the search index too: no row holds their details.',
  forgetServerFinished: (id: number) => `Finished forgetting customer #${id} on the server.`,
  forgetServerVacuumed: (count: number) =>
    `Ran VACUUM on ${count} table${count === 1 ? '' : 's'}: the old row versions and their index entries are gone. The server's freed pages, write-ahead log and archives, replicas and backups are the operator's to clear (README: "Forget on a server").`,
  forgetServerVacuumedNone: (tables: readonly string[]) =>
    `Could not VACUUM svc's ${tables.length} tables: the role svc connects as owns none of them, so the old row versions stay on the server. Ask their owner to run: VACUUM ${tables.map(sqlName).join(', ')};`,
  forgetServerNotVacuumed: (tables: readonly string[]) =>
    `Could not VACUUM ${tables.join(', ')}: the role svc connects as does not own them, so their old row versions stay on the server. Ask their owner to run: VACUUM ${tables.map(sqlName).join(', ')};`,
  forgetServerPending: (ids: readonly number[]) =>
    `${forgotten(ids)} erased from every record, but the forget stays pending: the old row versions that hold their data stay on the server until a role that may VACUUM svc's tables finishes it`,
  forgetServerPendingHint: (ids: readonly number[]) => `the tables' owner (or the database's) finishes it, running that VACUUM itself: svc customer forget ${ids[0] ?? ''} --yes`,

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
    `${path} is ${Math.round(size / 1048576)} MB and not JSONL; svc reads other exports whole, up to ${Math.round(max / 1048576)} MB`,
  importTooBigHint: 'check it is an svc export; export large databases as JSONL (svc export, the default format), which is read a line at a time',
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
    `${name} is damaged: a ${table} row (${where}) refers through ${column} to "${echo(value)}", which is neither in the file nor in this database`,
  importInvalidRow: (name: string, table: string, where: string, reason: string) =>
    `${name} holds a ${table} row (${where}) this database cannot take: ${reason}`,
  importConflict: (table: string, where: string, reason: string) =>
    `a ${table} row (${where}) clashes with one already here: ${reason}; nothing was imported`,
  importConflictHint: (table: string) =>
    ({
      customers: 'if they are one customer, merge them here (svc customer merge ID OTHER_ID; svc customers lists the ids), else remove the extra one (svc customer rm ID); then import again',
      people: 'if they are one person, merge them here (svc people merge NAME OTHER), else rename one (svc people rename OLD NEW); then import again',
      practices: 'rename the practice here (svc practice rename OLD NEW), then import again',
      tags: 'rename or merge the tag here (svc tag rename OLD NEW, svc tag merge FROM INTO), then import again',
    })[table] ?? 'the two databases disagree about this record: correct it in one of them, export again and import the new file',
  importIgnored: (what: string) => `ignored what this svc does not know: ${what}`,
  importIgnoredHint: 'the file came from a newer svc: upgrade to keep those fields too',
  backupExists: (path: string) => `${path} already exists; a backup never overwrites a file`,
  backupExistsHint: 'choose a new name, e.g. svc backup ~/svc-$(date +%F).db',
  backupFailed: (path: string, reason: string) => `the backup at ${path} did not verify (${reason}); it was removed`,
  backupFailedHint: 'check the disk has room, then try again',
  backupRestoreHint: 'to restore, stop svc and copy the file back to "$(svc db path)"; svc db check verifies it',
  backupRestoreHintPostgres: (file: string) =>
    `it is a SQLite copy of every record: svc --db ${file} db check verifies it; to restore, copy it into an empty database with svc --db ${file} db copy --to ADDRESS`,
  // svc db copy
  copySameDatabase: (address: string) => `${address} is the database being copied: a copy needs another one`,
  copySameDatabaseHint: 'give another database with --to (a new FILE.db, or postgres://…); svc db path shows which one this is',
  copyTargetNotEmpty: (address: string, table: string) => `${address} already holds svc data (in ${table}); a copy never replaces it`,
  copyTargetNotEmptyHint: 'add --merge to merge into it (the newer copy of each record wins, nothing there is lost), or copy to an empty database',
  copyTableMissing: (table: string) => `the target has no table ${table}, which the source has; nothing was copied`,
  copyTableMissingHint: 'run the same svc version on both; svc db check shows a database\'s schema version',
  copyCountDiffers: (table: string, source: number, target: number) =>
    `after copying, ${table} held ${target} rows where the source holds ${source}; nothing was copied`,
  copyCountDiffersHint: 'this is a bug: run again with SVC_DEBUG=1 and report it; the target is as it was',
  migrationBackup: (path: string) => `Backed up the database to ${path} before upgrading its schema.`,
  checkMissing: (path: string) => `there is no database at ${path}`,
  checkMissingHint: 'check --db / SVC_DB, or create one with: svc init',
  checkCorrupt: (path: string) => `the database ${path} is damaged`,
  checkCorruptHint: (path: string) =>
    `restore a backup: stop every svc, move "${path}" (and its -wal and -shm files) aside, copy the backup to "${path}", then run svc db check; backups svc made before upgrades are beside it (${path}.backup-*)`,
  // db check on a PostgreSQL server
  checkServerFailed: (address: string) => `the database ${address} is not as svc's schema and data should be`,
  checkServerHint: 'the problems are listed above (all of them with --json); restore the latest dump (pg_restore --clean --dbname ADDRESS FILE) or show them to the database\'s owner',
  checkServerBackup: 'Back it up with: pg_dump --format=custom --file FILE ADDRESS',
  diskWriteFailed: 'svc could not write to the disk (it may be full, or failing): nothing was saved',
  diskWriteFailedHint: 'free some space or check the disk, then try again; svc db check tells whether the database is whole',
  dbCorrupt: (path: string) => `the database ${path} is damaged`,
  dbCorruptHint: 'run svc db check for details and for how to restore a backup',
  // files svc writes (--out, export, backup)
  fileDiskFull: (path: string) => `the disk is full: ${path} was not written (a file already there is unchanged)`,
  fileDiskFullHint: 'free some space, or write the file somewhere else, then try again',
  deviceFull: (path: string) => `no space left on ${path}: what svc wrote there is incomplete`,
  fileWriteFailed: (path: string) => `svc could not write ${path} (the disk may be failing); a file already there is unchanged`,
  fileNotWritable: (path: string, dir: string) => `cannot write ${path}: the folder ${dir} is not writable`,
  fileNotWritableHint: 'choose a folder you can write, or - for stdout',
  outIsDirectory: (path: string) => `${path} is a folder; svc writes a file`,
  /** example: a file in that folder, named for what the command writes (training-plan.html). */
  outIsDirectoryHint: (example?: string) => (example ? `give a file name inside it, e.g. --out ${example}` : 'give a file name inside it'),
  outIsLink: (path: string) => `${path} is a symbolic link; svc does not write through links unless asked`,
  outIsLinkHint: 'choose another name, or pass --force to replace the file the link points to',
  outLinkDangling: (path: string) => `${path} is a symbolic link to nothing`,
  outLinkDanglingHint: 'remove the link or choose another name',
  outIsDevice: (path: string, kind: string) => `${path} is ${kind}, not a file; svc does not write to it unless asked`,
  outIsDeviceHint: 'choose a file name, - for stdout, or pass --force to write through it (it is never replaced)',

  // corrections: merge, rename, deactivate and remove people, customers, tags and matchers (add keys below this line)
  controlInName: (what: string, code: string) => `the ${what} holds a control character (${code}), which could change what a terminal shows`,
  controlInNameHint: 'type it again without control characters (escape sequences, bidirectional marks)',
  emptyName: (what: string) => `the new ${what} is empty`,
  emptyNameHint: (example: string) => `give one, e.g. ${example}`,
  needsYes: (what: string, command: string) => `${what} needs confirmation, and there is no terminal to ask`,
  needsYesHint: (command: string) => `run again with --yes: ${command} --yes`,
  mergeSame: (what: string) => `both names are the same ${what}: there is nothing to merge`,
  mergeSameHint: (list: string) => `pick two different ones (${list} lists them)`,
  personExists: (name: string) => `someone called "${name}" is already in svc`,
  personExistsHint: (from: string, name: string) => `if they are one person, merge them: svc people merge "${from}" "${name}"`,
  personHasEvidence: (name: string, stories: number) =>
    `${name} is credited on ${stories} ${stories === 1 ? 'story' : 'stories'}; removing them would lose that evidence`,
  personHasEvidenceHint: (name: string) =>
    `if they left, keep their stories: svc people deactivate "${name}"; if the name is a typo of someone, merge it: svc people merge "${name}" NAME`,
  personFacilitated: (name: string, trainings: number) =>
    `${name} facilitated ${trainings} ${trainings === 1 ? 'training' : 'trainings'}; removing them would lose who ran ${trainings === 1 ? 'it' : 'them'}`,
  personAlready: (name: string, active: boolean) => `${name} is already ${active ? 'active' : 'deactivated'}`,
  personAlreadyHint: 'list people with: svc people',
  customerInUse: (id: number, uses: string) => `customer #${id} is still referred to by ${uses}`,
  mergeForgotten: (from: number, into: number) =>
    `customer #${from} was forgotten, so svc cannot tell whether it is the same customer as #${into}; merging would carry the forget to #${into}`,
  mergeForgottenHint: (from: number) => `nothing is lost by keeping #${from}: it holds no personal details, only the record that it was forgotten`,
  customerForgottenStays: (id: number) =>
    `customer #${id} was forgotten: its record stays, holding no name or contact details, so that other databases forget them too when they import your export`,
  customerForgottenStaysHint: 'there is nothing personal left to remove; svc customers lists it last, as (forgotten)',
  customerInUseHint: (id: number) => `if it is the same customer as another, merge it: svc customer merge ${id} OTHER_ID; to erase their details: svc customer forget ${id}`,
  tagNotFound: (name: string) => `there is no tag "${name}"`,
  tagNotFoundHint: 'list tags with: svc tags',
  tagExists: (name: string) => `the tag "${name}" already exists`,
  tagExistsHint: (from: string, name: string) => `to join the two, merge them: svc tag merge ${from} ${name}`,
  tagNameUnchanged: (name: string) => `the tag is already called ${name} (tags are normalised: lower-case, spaces to hyphens); nothing changed`,
  builtinTag: (name: string, done: 'renamed' | 'merged away') => `${name} is a built-in tag: it cannot be ${done}`,
  builtinTagHint: (name: string) =>
    `built-in tags name the attributes the report counts (svc report --json .qualities); to fold another tag into it: svc tag merge TAG ${name}`,
  matcherNotFound: (name: string, phrase: string) => `practice "${echo(name)}" has no phrase matcher "${echo(phrase)}"`,
  matcherNotFoundHint: (name: string) => `see its matchers with: svc practice show "${name}"`,

  // the team's rhythm: config file, calendar, digest, stories from forms (add keys below this line)
  configNotText: (key: string) => `${key} must be text in quotes`,
  configControlChars: (key: string) => `${key} holds a control character (a newline or tab)`,
  configNotCount: (key: string, min: number, max: number) => `${key} must be a whole number from ${min} to ${max}`,
  configNotWeekday: (key: string) => `${key} must be a weekday: monday, tuesday … sunday`,
  configNotTime: (key: string) => `${key} must be a time of day as HH:MM, e.g. "09:30"`,
  configNotSwitch: (key: string) => `${key} must be true or false`,
  configEmptyText: (key: string) => `${key} must not be empty: give a value, or leave the key out to keep it unset`,
  configUnknownPlaceholder: (key: string, name: string, known: readonly string[]) =>
    `${key} holds {${name}}, which svc cannot fill in: use ${known.map((k) => `{${k}}`).join(' or ')}`,
  configUnknownKey: (key: string) => `"${key}" is not a setting svc knows`,
  configBad: (where: string, what: string) => `${where}: ${what}`,
  configBadHint: 'svc config list shows every key with its value; fix or remove that line',
  configBadEnvHint: (variable: string) => `fix or unset ${variable}; svc config list shows every key`,
  configNotToml: (where: string, what: string) => `${where}: not valid TOML: ${what}`,
  configUnknownKeyHint: (suggestion: string | undefined) =>
    suggestion ? `did you mean ${suggestion}? svc config list shows every key` : 'svc config list shows every key',
  configSetBadValue: (key: string, value: string, what: string) => `cannot set ${key} to ${JSON.stringify(value)}: ${what}`,
  configSetBadValueHint: (key: string, example: string) => `e.g. svc config set ${key} ${example}`,
  configSaved: (key: string, path: string) => `Set ${key} in ${path}`,
  configNoHome: 'neither XDG_CONFIG_HOME nor HOME is set, so svc cannot tell where its config file is',
  configNoHomeHint: 'set XDG_CONFIG_HOME to a directory of yours, e.g. export XDG_CONFIG_HOME=~/.config',
  configUnreadable: (path: string, why: string) => `cannot read the config file ${path}: ${why}`,
  configUnreadableHint: 'fix its permissions, or move it aside',
  digestNeedsAddress: (flag: string, key: string) => `an email digest needs ${flag}, and neither ${flag} nor ${key} in the config gives it`,
  digestNeedsAddressHint: (flag: string, key: string) => `pass ${flag} ADDRESS, or keep it in the config: svc config set ${key} ADDRESS`,
  badAddress: (flag: string, value: string) => `${flag} "${echo(value)}" is not an email address svc can write into a header`,
  badAddressHint: (flag: string) => `give plain addresses, comma-separated: ${flag} "Team Lead <lead@example.com>, ana@example.com"`,
  addressOnlyForEml: '--to and --from are for --format eml',
  addressOnlyForEmlHint: 'add --format eml to write an email, or leave out --to and --from',
  digestAgainToday: (day: string) =>
    `the last digest made with --since last-digest was made today (${day}); a digest never covers an empty period, so this one covers today again`,
  noDigestYet: 'no digest was made with --since last-digest yet, so the digest covers the last seven days',
  formBadMap: (part: string) => `--map "${part}" is not FIELD=COLUMN for a field svc imports`,
  formBadMapHint: 'fields: text, staff, when, customer, channel, tags, title, impact; e.g. --map text="What happened?",staff="Who helped?"',
  formMappedMissing: (file: string, field: string, column: string, source: string, found: readonly string[]) =>
    `${file} has no column "${column}" (${source} maps ${field} to it); its columns are: ${found.map((h) => `"${h}"`).join(', ')}`,
  formNoTextColumn: (file: string, found: readonly string[]) =>
    `cannot tell which column of ${file} holds the story; its columns are: ${found.map((h) => `"${h}"`).join(', ')}`,
  formNoTextColumnHint: 'name the columns with --map, e.g. --map text="What happened?",staff="Who helped?",when=Timestamp (or keep them in the config: svc config set import.map.text "What happened?")',
  formBadDateFormat: (text: string) => `--date-format "${text}" is not an order of day, month and year`,
  formBadDateFormatHint: 'use D/M/YYYY, M/D/YYYY or YYYY-MM-DD',
  formAmbiguousDate: (text: string, dayFirst: string, monthFirst: string) =>
    `the date "${text}" could be ${dayFirst} or ${monthFirst}: pass --date-format D/M/YYYY or M/D/YYYY`,
  formBadDate: (text: string) => `"${text}" is not a date svc can read`,
  formBadChannel: (text: string) => `the channel "${text}" is not one of phone, email, in-person, chat, social, other`,
  formTooManyStaff: (count: number, max: number) => `the staff column names ${count} people; a story credits at most ${max}`,
  formTooOld: (text: string, earliest: string) => `the date "${text}" is before ${earliest}`,
  formFutureDate: (text: string, today: string) => `the date "${text}" is in the future (today is ${today})`,
  formFileMissing: (file: string) => `${file} does not exist`,
  formFileMissingHint: 'check the path of the form export (.csv or .json)',
  formFileEmpty: (file: string) => `${file} is empty: no header row and no answers`,
  formFileEmptyHint: 'export the form responses again (CSV with a header row, or JSON)',
  formFileNoRows: (file: string) => `${file} has a header row but no answers`,
  formNotCsvOrJson: (file: string, why: string) => `${file} is neither CSV nor JSON svc can read: ${why}`,
  formNotCsvOrJsonHint: 'export the responses as CSV (Google Forms, Microsoft Forms, Typeform and spreadsheets all can) or as a JSON array of objects, or JSON Lines (one object per line)',
  formFileTooBig: (file: string, max: number) => `${file} is larger than ${Math.round(max / 1048576)} MB, which is more than a form export holds`,
  formRowProblem: (file: string, line: number, reason: string) => `${file}:${line}: ${reason}`,
  formRowsInvalid: (file: string, bad: number, total: number) =>
    `${bad} of ${total} ${total === 1 ? 'row' : 'rows'} of ${file} cannot be imported (listed above); nothing was stored`,
  /** --date-format when dates read both ways; --skip-invalid only when some row could be imported. */
  formRowsInvalidHint: (ambiguousDates: boolean, someValid: boolean) =>
    [
      ambiguousDates ? 'pass --date-format D/M/YYYY or M/D/YYYY (or set import.date_format) for the dates that read both ways' : '',
      someValid ? 'fix those rows, or pass --skip-invalid to import the others' : ambiguousDates ? '' : 'fix those rows and import again',
    ]
      .filter((part) => part !== '')
      .join('; '),
  formImported: (added: number, known: number, skipped: number) =>
    `Imported ${added} ${added === 1 ? 'story' : 'stories'}${known ? `; ${known} already imported` : ''}${skipped ? `; ${skipped} invalid ${skipped === 1 ? 'row' : 'rows'} skipped` : ''}`,
  formDryRun: (added: number, known: number, skipped: number) =>
    `Dry run: would import ${added} ${added === 1 ? 'story' : 'stories'}${known ? `; ${known} already imported` : ''}${skipped ? `; ${skipped} invalid ${skipped === 1 ? 'row' : 'rows'} skipped` : ''}; nothing was stored`,
  formVague: (file: string, line: number, id: number | null) =>
    `${file}:${line}: ${id === null ? 'this story' : `story #${id}`} does not say what exactly was done; ${id === null ? 'ask the writer' : `add it (svc story edit ${id})`} so others can learn it`,
  sessionBadDay: (flag: string, value: string) => `${flag} "${value}" is not a day svc can plan on`,
  sessionBadDayHint: (flag: string) => `use YYYY-MM-DD, today, tomorrow, a weekday or "next friday", e.g. ${flag} 2026-04-02`,
  sessionInPast: (flag: string, day: string) => `${flag} ${day} is in the past`,
  sessionInPastHint: 'record a session that was held with: svc train log PRACTICE --on DATE --people NAMES',
  sessionBadTime: (flag: string, value: string) => `${flag} "${value}" is not a time of day`,
  sessionBadTimeHint: (flag: string) => `use HH:MM, e.g. ${flag} 14:30`,
  sessionPlanned: (practice: string, day: string, time: string | null) => `Planned a training session on "${practice}" for ${day}${time ? ` at ${time}` : ''}`,

  // input limits: caps, numbers, streams and encodings (add keys below this line)
  fieldTooLong: (flag: string, length: number, max: number) => `${flag} is ${length} characters long; the limit is ${max}`,
  fieldTooLongHint: 'shorten it: the story text is the place for detail',
  tooMany: (flag: string, count: number, max: number) => `${count} values for ${flag}; the limit is ${max}`,
  numberOutOfRange: (flag: string, value: string, min: number, max: number) =>
    `${flag} "${echo(value)}" is not a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`,
  numberOutOfRangeHint: (flag: string, example: number) => `e.g. ${flag} ${example}`,
  inputTooBig: (what: string, max: number) => `${what} is larger than ${formatBytes(max)}; svc stopped reading it`,
  inputTooBigHint: 'that is more than svc keeps from one input: check what was given, or pass less',
  inputNotUtf8: (what: string, offset: number) => `${what} is not valid UTF-8 text (byte ${offset.toLocaleString('en-US')})`,
  inputUtf16: (what: string) => `${what} is UTF-16 text, not UTF-8`,
  inputNotUtf8Hint: 'save or convert it as UTF-8 (e.g. iconv -t UTF-8) and try again; nothing was saved',
  dateTooEarly: (flag: string, day: string, earliest: string) => `${flag} ${day} is before ${earliest}`,
  badIsoDate: (label: string, value: string) => `${label} "${value}" is not a date written as YYYY-MM-DD`,
  importFieldType: (column: string, expected: string, value: string) => `${column} must be ${expected}, not ${value}`,
  importNameKey: (column: string, name: string, key: string) => `its ${column} "${key}" does not belong to the name "${name}"`,
  importTagName: (name: string) => `the tag "${name}" is not written as svc writes tags (lower-case, hyphens, no #)`,
  dbFolderReadOnly: (dir: string) => `the folder ${dir} is read-only, and svc keeps its journal files (-wal, -shm) beside the database`,
  dbFolderReadOnlyHint: 'make the folder writable, or move the database to a folder you can write and pass --db',
  queryTooLong: (length: number, max: number) => `the search query is ${length.toLocaleString('en-US')} characters long; the limit is ${max.toLocaleString('en-US')}`,
  queryTooManyTerms: (count: number, max: number) => `the search query has ${count} different words; the limit is ${max}`,
  queryTooManyPrefixes: (count: number, max: number) => `the search query has ${count} prefix words (ending in *); the limit is ${max}`,
  queryTooBigHint: 'search for the few words that matter most, e.g. svc search "called back" refund',
  importLineTooLong: (line: number, max: number) => `line ${line} is longer than ${formatBytes(max)}, more than any svc record`,
  importStoppedPartWay: (reason: string, records: number) =>
    `${reason.replace(/; nothing was imported$/u, '')}; the first ${records.toLocaleString('en-US')} records of the file were imported before it`,
  importStoppedPartWayHint: 'fix what is named above, then import the same file again: records already here are matched by uuid, never doubled',
  draftKept: (path: string) => `the database stayed busy, so the story was not saved; what you typed is kept in ${path}`,
  draftKeptHint: 'save it once the database is free: svc story add --resume',
  draftKeptAfter: (reason: string, path: string) => `the story was not saved: ${reason.replace(/\.$/u, '')}; what you typed is kept in ${path}`,
  draftKeptAfterHint: 'save it once the database can be reached again: svc story add --resume',
  noDraft: 'there is no unsaved story to resume for this database',
  noDraftHint: 'record a new one: svc story add "what happened" --staff NAME',
  draftOffer: (savedAt: string, text: string) => `A story typed on ${savedAt} was not saved ("${text}"). Save it now?`,
  resumeWithText: '--resume saves the story kept from an earlier try; it takes no TEXT',
  resumeWithTextHint: 'run svc story add --resume alone (flags such as --tag still apply)',

  // evidence suggestions: capture, "more like this"
  embeddingProgress: 'Embedding stories',
  embeddedSummary: (count: number, seconds: number) => `Embedded ${count.toLocaleString('en-US')} ${count === 1 ? 'story' : 'stories'} in ${seconds.toFixed(1)} s.`,
  fromStoriesCount: (count: number) => `--from-stories takes one or two story ids, not ${count}`,
  fromStoriesCountHint: 'name the practice from its clearest one or two stories, e.g. --from-stories 12,15; link more later with svc practice suggest NAME --review',
  suggestTarget: 'practice suggest needs either a practice NAME or --story ID (one of the two)',
  suggestTargetHint: 'svc practice suggest "Call back the same day" ranks stories for a practice; svc practice suggest --story 12 ranks practices for a story',
  suggestReviewNeedsTerminal: '--review asks about each story, so it needs a terminal',
  suggestReviewNeedsTerminalHint: 'run it in a terminal, or link stories with: svc practice link NAME STORY_ID',
  reviewNeedsPractice: '--review walks the suggestions for one practice: give its NAME',
  reviewNeedsPracticeHint: 'e.g. svc practice suggest "Call back the same day" --review',
  noStorySuggestions: (name: string) => `No story waits to be confirmed for "${name}": every story with a vector is its evidence or was rejected.`,
  noPracticeSuggestions: 'No practice to suggest yet: name one with svc practice add NAME --from-stories ID,ID',
  capturePracticeQuestion: 'Which practice does it show? (the likeliest first)',
  captureNone: 'none of these',
  reviewQuestion: (id: number) => `Does story #${id} show it?`,
  /** After the green "Linked". */
  storiesLinked: (ids: readonly number[], practice: string) => `${ids.map((id) => `#${id}`).join(', ')} to "${practice}" by hand`,
  storiesAlreadyLinked: (ids: readonly number[], practice: string, how: 'manual' | 'matched') =>
    `${ids.map((id) => `#${id}`).join(', ')} ${ids.length === 1 ? 'was' : 'were'} already evidence of "${practice}" ` +
    (how === 'manual' ? '(linked by hand): nothing changed' : '(matched by its tags or phrases): now linked by hand too, so it stays evidence if they stop matching'),
  storyLinkedTo: (names: string[]) => `Linked it to ${names.map((name) => `"${name}"`).join(', ')} by hand.`,
  reviewSummary: (confirmed: number, rejected: number) => `Confirmed ${confirmed}, rejected ${rejected}; rejected stories are not suggested for it again.`,
  captureBusyPartial: 'Suggested from the stories embedded so far: another svc is writing to the database, so the newest could not be embedded yet.',
  captureBusyNone: 'No practice suggestions this time: another svc is writing to the database, so the stories could not be embedded yet. Later: svc practice suggest --story ID',
  pressOneOf: (keys: readonly string[]) => `press ${keys.join(', ')}`,
  captureFailed: (reason: string) => `No practice suggestions this time (${reason}). Later: svc practice suggest --story ID`,
  encoderUnavailable: (reason: string) => `the sentence encoder could not load (${reason})`,
  encoderUnavailableHint:
    'reinstall svc with npm, which brings ONNX Runtime (onnxruntime-node) with its native library for Linux, macOS and Windows on x64 and arm64; until then link stories by hand: svc practice link NAME STORY_ID',

  /** People a command created on first mention: a typo makes a new person, so say so. */
  newPeople: (names: readonly string[]) => `new ${names.length === 1 ? 'person' : 'people'}: ${names.map((name) => echo(name)).join(', ')} (check the spelling: svc people)`,
  newPersonNear: (name: string, near: string) =>
    `new person: ${echo(name)}; did you mean "${echo(near)}"? If so: svc people merge "${echo(name)}" "${echo(near)}"`,
  /** A person a command created: with the close name they may have meant, when there is one. */
  newPerson: (person: { name: string; near: string | null }) =>
    person.near ? messages.newPersonNear(person.name, person.near) : messages.newPeople([person.name]),

  // names typed loosely (any case, without accents, a unique prefix, or the id)
  didYouMean: (names: readonly string[], listHint: string) =>
    `did you mean ${names.map((name) => `"${echo(name)}"`).join(' or ')}? (${listHint})`,
  ambiguousName: (typed: string, plural: string, candidates: ReadonlyArray<{ id: number; name: string }>) =>
    `"${echo(typed)}" fits ${candidates.length} ${plural}: ${candidates
      .slice(0, 5)
      .map((item) => `#${item.id} ${echo(item.name)}`)
      .join(', ')}${candidates.length > 5 ? ', …' : ''}`,
  nameOrId: (typed: string, kind: string, named: { id: number; name: string }, byId: { id: number; name: string }) =>
    `"${echo(typed.trim())}" is the name of ${kind} #${named.id} and the id of ${kind} #${byId.id} (${echo(byId.name)})`,
  nameOrIdHint: (byId: number, named: number) => `say which with a #: #${byId} for the id, #${named} for the other`,
  ambiguousNameHint: (id: number) => `type more of the name, or give the id (e.g. ${id} or #${id})`,

  // shell completion
  completionShellHint: 'e.g. eval "$(svc completion bash)" in ~/.bashrc; svc completion --help shows zsh and fish',

  // self-assessment: questions, answers, anonymity (add keys below this line)
  assessBadKey: (typed: string) => `"${echo(typed)}" is not a question key (lower-case words joined by hyphens, at most 40 characters)`,
  assessBadKeyHint: 'e.g. svc assess question add follow-up "We follow up every promise we make"',
  assessBadAttribute: (typed: string) => `"${echo(typed)}" is not one of the quality attributes`,
  assessBadAttributeHint: (names: readonly string[]) => `use one of: ${names.map((n) => n.replace(/ /g, '-')).join(', ')}`,
  assessEmptyQuestion: 'the question has no text',
  assessQuestionTooLong: (length: number, max: number) => `the question is ${length} characters long; the limit is ${max}`,
  assessEmptyQuestionHint: 'write one short statement the team rates from 1 to 5, e.g. "We follow up every promise we make"',
  assessBadScore: (key: string, typed: string) => `the score for ${key} is "${echo(typed)}"; scores are whole numbers from 1 to 5`,
  assessBadScoreHint: '1 means hardly ever, 5 always, e.g. --answer returns-calls=4',
  assessBadPair: (flag: string, typed: string) => `${flag} "${echo(typed)}" is not written as KEY=VALUE`,
  assessBadPairHint: (flag: string) => `e.g. ${flag === '--note' ? '--note "returns-calls=slow on Fridays"' : '--answer returns-calls=4'}; svc assess question list shows the keys`,
  assessRepeatedKey: (flag: string, key: string) => `${flag} names ${echo(key)} twice`,
  assessRetiredQuestion: (key: string) => `the question ${echo(key)} was retired; it takes no new answers`,
  assessUnknownQuestion: (key: string) => `there is no question ${echo(key)}`,
  assessQuestionsHint: 'list the questions asked now with: svc assess question list',
  assessNoteWithoutScore: (key: string) => `the note on ${echo(key)} has no score beside it`,
  assessNoteWithoutScoreHint: (key: string) => `give both, e.g. --answer ${key}=4 --note "${key}=…"`,
  assessNoteTooLong: (key: string, length: number, max: number) => `the note on ${echo(key)} is ${length} characters long; the limit is ${max}`,
  assessNoteTooLongHint: 'keep a note to a sentence or two',
  assessNoAnswers: 'no answers given, and there is no terminal to ask them',
  assessNoAnswersHint: 'answer with flags, e.g. svc assess --as Ana --answer returns-calls=4 --answer listening=5; or answer in a terminal: svc assess --as Ana',
  assessNeedsPerson: 'svc assess needs to know who is answering (to count each person once), and there is no terminal to ask',
  assessNeedsPersonHint: 'pass --as NAME; the answers themselves are kept without the name',
  assessAlreadyAnswered: (name: string, openedOn: string) => `${echo(name)} has already answered the round that opened on ${openedOn}`,
  assessAlreadyAnsweredHint: 'answers cannot be changed once given (they are kept without names); the next round opens when this one closes',
  assessImportEmpty: 'the form export is empty',
  assessImportNoName: 'the form export has no "name" column saying who answered',
  assessImportNoPerson: (line: number) => `line ${line} has no name`,
  assessImportHint: 'the first row names the columns: name, then a question key per column (returns-calls, listening …), optionally "KEY note" columns',
  assessImportTwice: (name: string, line: number) => `line ${line}: ${echo(name)} answers twice in the file`,
  assessQuestionExists: (key: string) => `the question ${echo(key)} is already asked`,
  assessQuestionExistsHint: (key: string) => `retire it first to ask a new version: svc assess question retire ${key}`,
  assessQuestionNotOpen: (key: string) => `there is no open question ${echo(key)} to retire`,
  assessAnonymousIntro: (minimum: number) =>
    `Your answers are anonymous: the team sees only its own figures, and only once ${minimum} or more people have answered. Nobody, the lead included, can see yours.`,
  assessAttributedIntro: 'This team keeps answers under each person\'s name (assess.attributed = true): the team can see yours.',
  assessSaved: (count: number, openedOn: string) => `Saved ${count} answer${count === 1 ? '' : 's'} to the round that opened on ${openedOn}.`,
  assessImported: (people: number, openedOn: string) => `Imported the answers of ${people} ${people === 1 ? 'person' : 'people'} into the round that opened on ${openedOn}.`,
  assessQuestionAdded: (key: string, version: number) => `Added question ${key}${version > 1 ? ` (version ${version})` : ''}.`,
  assessQuestionRetired: (key: string) => `Retired question ${key}; its past answers stay in the figures of their rounds.`,
  assessNoRounds: 'No self-assessment yet. Each person answers once per round: svc assess --as NAME',
  actionNoText: 'the action says nothing to do',
  actionNoTextHint: 'write what will change, e.g. svc action add "Open the phone line on Saturdays" --owner Ana --due 2026-04-30 --from-interview 3',
  actionTextTooLong: (length: number, max: number) => `the action is ${length} characters long; the limit is ${max}`,
  actionDueInPast: (day: string) => `--due ${day} is in the past`,
  actionDueInPastHint: 'give the day it should be done by, today or later, e.g. --due "next friday" or --due 2026-04-30',
  actionNotFound: (id: number) => `action #${id} does not exist`,
  actionNotFoundHint: 'list actions with: svc actions --all',
  actionAlreadyDone: (id: number, day: string) => `action #${id} was already done on ${day}`,
  actionAlreadyDoneHint: 'list the open ones with: svc actions',
  actionNeedsOwner: 'an action needs an owner: who will see it through',
  actionNeedsOwnerHint: 'add --owner NAME (someone svc knows: svc people)',
  actionNeedsDue: 'an action needs a due day',
  actionNeedsDueHint: 'add --due DATE, e.g. --due "next friday" or --due 2026-04-30',
  actionAdded: (id: number, owner: string, due: string) => `Added action #${id} for ${owner}, due ${due}.`,
  actionDone: (id: number, day: string) => `Marked action #${id} done on ${day}.`,
  noActions: 'No open actions. Turn what a customer would change into one: svc action add --from-interview ID --owner NAME --due DATE',
  assessNoOpenRound: 'no self-assessment round is open',
  assessNoOpenRoundHint: 'a round opens with the first answer: svc assess --as NAME',
  assessClosed: (openedOn: string, took: number) => `Closed the round that opened on ${openedOn}; ${took} ${took === 1 ? 'person' : 'people'} answered.`,
  // outcome signals: figures about practices and stories, imported from CSV
  signalFileHint: 'columns: date (YYYY-MM-DD), practice (name or id) or story (id), measure, value; see svc signal import --help',
  signalMissingColumn: (column: string) => `the file has no ${column} column`,
  signalNoRows: 'the file has a header but no signals',
  signalRowProblem: (line: number, problem: string) => `line ${line}: ${problem}`,
  signalNoMeasure: 'the measure is empty',
  signalMeasureTooLong: (length: number, max: number) => `the measure's name is ${length} characters long; the limit is ${max}`,
  signalBadValue: (typed: string) => `the value "${typed}" is not a number`,
  signalSubject: 'a signal names a practice or a story: one of the two, not both and not neither',
  signalBadStory: (typed: string) => `the story "${typed}" is not a story id`,
  signalImported: (added: number, updated: number, unchanged: number) =>
    `Imported ${added} new signal${added === 1 ? '' : 's'}${updated ? `, updated ${updated}` : ''}${unchanged ? `, ${unchanged} already known` : ''}.`,
  noSignals: 'No signals yet. Import figures such as response times or satisfaction scores: svc signal import FILE.csv',

  // teams and training as a programme (add keys below this line)
  nothingToEditPerson: 'nothing to change: give --role, --team, --no-team, --leader or --no-leader',
  nothingToEditPersonHint: 'e.g. svc people edit Ana --team Support --leader',
  nothingToEditTeam: 'nothing to change: give --parent NAME or --no-parent',
  nothingToEditTeamHint: 'e.g. svc team edit "Support desk" --parent Support',
  teamNotFound: (name: string) => `no team called "${echo(name)}" exists in svc`,
  teamNotFoundHint: 'list teams with: svc teams; a team starts when someone joins it: svc people edit NAME --team TEAM',
  teamCycle: (team: string, parent: string) => `"${echo(parent)}" is inside "${echo(team)}" already: a team cannot belong to itself, even through other teams`,
  teamCycleHint: 'svc teams lists each team\'s parent; choose a parent above it, or --no-parent',
  assignRetired: (name: string) => `practice "${echo(name)}" is retired: nobody is trained on it any more`,
  assignRetiredHint: (name: string) => `bring it back first: svc practice status "${name}" adopted --force`,
  dueBadDay: (value: string) => `--due "${echo(value)}" is not a day svc understands`,
  dueBadDayHint: 'use YYYY-MM-DD, today, tomorrow, "in 2 weeks" or "next friday"',
  dueInPast: (day: string) => `--due ${day} is in the past: an assignment is due today or later`,
  dueInPastHint: 'give a day to come, e.g. --due "in 2 weeks"',
  assignNobody: 'nobody to assign: give --people NAMES or --team TEAM',
  assignNobodyHint: 'e.g. svc train assign "Call back the same day" --people Ana,Bo --due "in 2 weeks"',
  emptyTeam: (team: string) => `team "${echo(team)}" has no active people to assign`,
  emptyTeamHint: 'add people to it with: svc people edit NAME --team TEAM',
  ackNoProcedure: (name: string) => `practice "${echo(name)}" has no written procedure to acknowledge`,
  ackNoProcedureHint: (name: string) => `write one when it becomes the standard: svc practice adopt "${name}"`,
  reviewIntervalChanged: (name: string, version: number, days: number) =>
    `The procedure of "${name}" is unchanged at version ${version}; it is now reviewed every ${days} days.`,
  confirmReviewHint: (name: string) => `hint: if this was its review, confirm it: svc practice review "${name}" --confirm`,
  servedIsStoryteller: (name: string) => `--served ${echo(name)} is who delivered the story: a colleague served is someone else`,
  servedIsStorytellerHint: 'name the colleague who was helped, e.g. svc story add "…" --staff Bo --served Ana',
  servedUnknownHint: (name: string) =>
    `--served names someone already in svc (svc people); for a colleague svc does not know, record it with --internal --customer "${echo(name)}" (svc chain link ties them to a person later)`,
  servedWithCustomer: '--served names the colleague served: it replaces --customer and --external',
  servedWithCustomerHint: 'give one: --served NAME for a colleague, --customer NAME for a client',
  customerNotInternal: (name: string) => `no colleague served called "${echo(name)}" is waiting to be linked`,
  customerNotInternalHint: 'list them with: svc chain unresolved',
  pairNeedsLearner: '--pair PRACTICE needs --learner NAME: who learns it',
  pairNeedsLearnerHint: 'e.g. svc people succession Ana --pair "Call back the same day" --learner Bo',
  pairSelf: (name: string) => `${echo(name)} cannot pair with themselves`,
  pairSelfHint: 'choose a colleague who does not show it yet (svc people succession NAME suggests some)',
  pairRetired: (name: string) => `practice "${echo(name)}" is retired: there is nothing to hand on`,
  pairRetiredHint: (name: string) => `bring it back first: svc practice status "${name}" adopted --force`,
  reviewNoProcedure: (name: string) => `practice "${echo(name)}" has no written procedure to review`,
  reviewNoProcedureHint: (name: string) => `make it the standard first: svc practice adopt "${name}"`,

  // generic
  unexpected: (message: string) => `unexpected error: ${message}`,
  /** Where a message says there is no terminal, but there is one and prompts were turned off. */
  promptsTurnedOff: (why: 'CI' | '--no-input') =>
    why === 'CI' ? 'and prompts are off because CI is set (unset CI to be asked)' : 'and prompts are off (--no-input)',
  unexpectedHint: 'this is a bug; run again with SVC_DEBUG=1 to see where it happened, and report it',
  cancelled: 'cancelled, nothing was saved',
  cancelledReview: (saved: readonly string[]) =>
    saved.length === 0
      ? 'cancelled, nothing was saved'
      : `cancelled: ${saved.length} ${saved.length === 1 ? 'decision' : 'decisions'} saved (${saved.join(', ')}); the rest left for next time`,
  reviewDecided: (action: 'accept' | 'merge' | 'reject', name: string, into?: string) =>
    action === 'accept' ? `accepted "${echo(name)}"` : action === 'merge' ? `merged "${echo(name)}" into "${echo(into ?? '')}"` : `rejected "${echo(name)}"`,
  cancelledSuggestReview: (confirmed: number, rejected: number) =>
    confirmed + rejected === 0
      ? 'cancelled, nothing was saved'
      : `cancelled: ${confirmed + rejected} ${confirmed + rejected === 1 ? 'answer' : 'answers'} saved (${confirmed} confirmed, ${rejected} rejected); the rest left for next time`,
  storySavedUnlinked: (id: number) => `Story #${id} is saved, linked to no practice (later: svc practice suggest --story ${id})`,
} as const;

/** A table's name as SQL takes it: quoted only where a bare name would not do. */
function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/u.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** What detect left out, as its messages count it (ui/render/detect.ts builds it). */
export interface LeftOutSummary {
  /** Behaviours that are practices' matchers, and a few of those practices' names. */
  practices: number;
  names: readonly string[];
  /** Broad actions whose stories a review took into a practice. */
  decided: ReadonlyArray<{ action: string; practice: string }>;
  rejected: number;
}

/** "a, b and c": the parts that are not empty. */
function andList(parts: readonly string[]): string {
  const kept = parts.filter(Boolean);
  return kept.length < 2 ? kept.join('') : `${kept.slice(0, -1).join(', ')} and ${kept.at(-1)}`;
}

/** '"check" ≈ Call back next day, …': a few broad actions with the practice each went into. */
function decidedNames(decided: LeftOutSummary['decided']): string {
  const shown = decided.slice(0, 3).map((d) => `"${echo(d.action)}" ≈ ${echo(d.practice)}`);
  return shown.join(', ') + (decided.length > shown.length ? ', …' : '');
}

/** "Call back, Explain plainly, …": a few of the (distinct) practices whose matchers were left out. */
function leftOutNames(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => echo(n));
  return shown.join(', ') + (names.length > shown.length ? ', …' : '');
}

/** "customer #3 was" or "customers #3, #4 were": the subject of forget's messages. */
function forgotten(ids: readonly number[]): string {
  return ids.length === 1 ? `customer #${ids[0]} was` : `customers #${ids.join(', #')} were`;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

function formatBytes(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.round(bytes / 1024)} KB`;
}
