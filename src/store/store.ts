import type { Day } from '../core/dates.ts';
import type { RawCandidate, StoryFacts } from '../core/detect.ts';
import type { EvidenceItem } from '../core/figures.ts';
import type { Interview, InterviewAgreement, InterviewLog, InterviewStatus, PracticeConfirmation } from '../core/interview.ts';
import type { AnswerMatchKeys } from '../core/answers.ts';
import type { Signal } from '../core/signal.ts';
import type { SignalDraft } from './signals.ts';
export type { SignalDraft } from './signals.ts';
import type { EvidenceHow, Matcher, Practice, PracticeCounts, PracticeStatus } from '../core/practice.ts';
import type { Period, PersonRecord, PracticeRecord, ReportInput, Window } from '../core/report.ts';
import type { PlannedSession, RhythmInput } from '../core/rhythm.ts';
import type { CustomerKind, Story, StoryChanges, StoryDraft } from '../core/story.ts';
import type { DetectQuery, ExampleRow, LeftOutRow, QualityRows, RejectedCandidate } from './detect.ts';
export type { RejectedCandidate } from './detect.ts';
import type { Phrase } from '../core/phrases.ts';
import type { StoryToIndex } from './phrases.ts';
import type { IndexedPhrase, QualifierKind } from '../core/qualifiers.ts';
import type { Meeting } from './meetings.ts';
export type { Meeting } from './meetings.ts';
import type { NewPractice, StatusChange } from './practices.ts';
import type { Procedure, ProcedureState } from './procedures.ts';
export type { Procedure } from './procedures.ts';
import type { SearchHit, StoryFilter } from './stories.ts';
export type { StoryFilter } from './stories.ts';
export type { SearchHit } from './stories.ts';
import type { Named, NamedKind } from '../core/resolve.ts';
import type { NewTraining, Training } from './trainings.ts';
export type { Training } from './trainings.ts';
import type { TrainedPerson } from '../core/figures.ts';
import type { PersonPlace, PersonRow, PersonSummary } from './people.ts';
import type { PersonPractice } from './skills.ts';
import type { TeamRow, TeamSummary } from './teams.ts';
import type { ForgetReport, WrittenFile } from '../core/forget.ts';
import type { ExportHeader, ExportRow, ExportStream } from '../core/transfer.ts';
import type { CheckReport } from './check.ts';
import type { FinishReport } from './forget-files.ts';
import type { ImportResult as TransferResult, TableShape } from './transfer.ts';
import type { BackupResult, FileCopyResult } from './backup.ts';
import type { DatabaseDump } from './copy.ts';
export type { CheckReport } from './check.ts';
export type { DatabaseDump } from './copy.ts';
export type { FinishReport } from './forget-files.ts';
export type { ImportedForget } from './forget.ts';
export type { ImportResult as TransferResult } from './transfer.ts';
import type { StoryForVector, StoryWithVector } from './vectors.ts';
export type { StoryWithVector } from './vectors.ts';
import type { Action, ActionSource } from '../core/action.ts';
import type { AssessmentQuestion, AssessmentResponse, AssessmentRound } from '../core/assess.ts';
import type { QualityAttribute } from '../core/phrases.ts';
import type { AssessmentInput } from './assessments.ts';
import type { ChainEdge, ChainPerson } from '../core/chain.ts';
import type { AssignmentRecord, PersonProgramme, UnreadProcedure } from '../core/programme.ts';
import type { UnlinkedCustomer } from './chain.ts';
export type { UnlinkedCustomer } from './chain.ts';
export type { TeamRow, TeamSummary } from './teams.ts';

export type { PersonPlace, PersonRow, PersonSummary } from './people.ts';
export type { PersonPractice } from './skills.ts';
export type { TagSummary } from './tags.ts';
import type { TagSummary } from './tags.ts';
import type { Customer, ImportDraft } from '../core/customer.ts';
import type { ImportCounts, PickCandidate } from './customers.ts';
export type { ImportCounts } from './customers.ts';

/**
 * What use cases (src/app) talk to: svc's data grouped by noun, with no SQL and no
 * database handle in sight, so that a second engine is an addition beside the SQLite
 * one (src/store/sqlite-store.ts).
 *
 * Synchronous on purpose. better-sqlite3 answers in microseconds and an async seam
 * would put a promise on every call of every command. A PostgreSQL implementation
 * reaches its server from a worker thread and waits on it with Atomics.wait (the
 * pattern `synckit` uses), so this interface stays as it is.
 *
 * Times are ISO strings (`now`), days are `YYYY-MM-DD`; writes that belong together go
 * inside one `transaction()`.
 */
export interface Store {
  /** Where the data lives (a file path, or a connection name), for messages. */
  readonly path: string;
  /** Runs fn as one transaction that reads before it writes; a throw undoes it all. */
  transaction<T>(fn: () => T): T;
  /** Runs fn over one consistent snapshot, for several reads that must agree; writes nothing. */
  read<T>(fn: () => T): T;
  /**
   * Runs fn waiting at most ms for data another process is writing (then failing busy),
   * for background work that must not hold up a person typing.
   */
  withBusyTimeout<T>(ms: number, fn: () => Promise<T>): Promise<T>;
  readonly stories: StoryStore;
  readonly storyImports: StoryImportStore;
  readonly practices: PracticeStore;
  readonly people: PeopleStore;
  readonly tags: TagStore;
  readonly customers: CustomerStore;
  readonly interviews: InterviewStore;
  readonly signals: SignalStore;
  readonly meetings: MeetingStore;
  readonly procedures: ProcedureStore;
  readonly trainings: TrainingStore;
  readonly vectors: VectorStore;
  readonly detection: DetectionStore;
  readonly report: ReportStore;
  readonly rhythm: RhythmStore;
  readonly phrases: PhraseStore;
  readonly names: NameStore;
  readonly teams: TeamStore;
  readonly chain: ChainStore;
  readonly programme: ProgrammeStore;
  readonly actions: ActionStore;
  readonly assessments: AssessmentStore;
  readonly succession: SuccessionStore;
  readonly forgets: ForgetStore;
  readonly transfer: TransferStore;
}

/** Forgetting a customer: in the records, then in the files that may still hold the old values. */
export interface ForgetStore {
  /** What forgetting the customer would change, found by doing it and rolling it back. */
  preview(customerId: number, now: string): ForgetReport;
  /** Erases the customer's personal data from every record, keeping the anonymised stories; inside a transaction. */
  forget(customerId: number, now: string): ForgetReport;
  /** Whether a forget is erased from the records but its files are not verified clean yet. */
  isPending(customerId: number): boolean;
  /** Deletes svc's own copies, compacts the files and checks no byte holds the old values (traces; null when resuming). */
  finish(customerIds: readonly number[], traces: readonly string[] | null, waitMs: number, onProgress?: (done: number, total: number) => void): FinishReport;
  /** The exports and backups svc wrote up to a time that still exist (and those sent to standard output). */
  writtenFiles(until: string): WrittenFile[];
  /** Runs write with the file it writes recorded first (a forget meanwhile names it); a failed write takes the record back. */
  recordingWrittenFile<T>(kind: WrittenFile['kind'], path: string | null, contacts: boolean, now: string, write: () => T): T;
}

/** Export, import and backup of the whole database. */
export interface TransferStore {
  /** The tables an export holds, in the order they import. */
  tables(): TableShape[];
  header(tables: TableShape[], contacts: boolean, now: string): ExportHeader;
  rows(table: TableShape, tables: TableShape[], contacts: boolean): Iterable<ExportRow>;
  /** Runs fn over one consistent snapshot (an export that others write meanwhile). */
  snapshot<T>(fn: () => T): T;
  storyCount(): number;
  /** Imports an export (or rolls it back for a dry run): all of a small file or nothing; a large one in batches unless `whole`. */
  import(data: ExportStream, fileName: string, options: { dryRun: boolean; now: string; reread?: () => ExportStream; whole?: boolean }): TransferResult;
  /** Copies the database to a new file, consistent while others write, verified. */
  backup(target: string): Promise<BackupResult>;
  /** Checks a database on a server without changing it: its schema, search index and references (SQLite's check reads the file instead). */
  checkServer(): CheckReport;
  /** Every row of every table, ids kept, as a copy reads it: call inside read(), and read its rows there. */
  dump(): DatabaseDump;
  /** Makes this empty database a copy of the dump, counts checked per table; call inside transaction(). Returns the counts. */
  load(dump: DatabaseDump, onProgress?: (done: number, total: number) => void): Record<string, number>;
  /** Copies every row into a new SQLite file (refused if it exists), verified, from one snapshot. */
  copyToNewFile(target: string, onProgress?: (done: number, total: number) => void): Promise<FileCopyResult>;
  /** The first table holding data a new database does not start with; undefined when it is empty. */
  firstTableWithData(): string | undefined;
  /** What tells this database from any other, whatever address opened it. */
  identity(): string;
  /** After a bulk load: gathers the planner's statistics of the tables filled (a server's; SQLite needs none). */
  refreshStatistics(): void;
}

/** Colleagues pairing with a practice's star to learn it. */
export interface SuccessionStore {
  /** Records a pairing from a day; false when it was recorded already. */
  pair(practiceId: number, starId: number, learnerId: number, pairedOn: Day, now: string): boolean;
  /** The pairings a star has, by practice. */
  pairsOfStar(starId: number): Array<{ practice: string; learner: string; pairedOn: Day }>;
  /** The pairings on a practice: who learns it from whom, since when. */
  pairsOfPractice(practiceId: number): Array<{ star: string; learner: string; pairedOn: Day }>;
}

/** What the team decided to change after listening, who sees it through, by when. */
export interface ActionStore {
  /** The interviews an action may come from, as sources; ids that do not exist are left out. */
  interviewSources(ids: readonly number[]): ActionSource[];
  insert(action: { text: string; ownerId: number; dueOn: Day; interviewIds: readonly number[] }, now: string): number;
  get(id: number): Action | undefined;
  list(filter: { openOnly: boolean }): Action[];
  markDone(id: number, on: Day, now: string): void;
}

/** The team's self-assessment: questions, rounds and answers. */
export interface AssessmentStore {
  questions(): AssessmentQuestion[];
  insertQuestion(question: { key: string; text: string; attribute: QualityAttribute | null }, now: string): number;
  /** Retires an open question; false when there was none with the key. */
  retireQuestion(key: string, now: string): boolean;
  /** Every round, with how many took it. */
  rounds(): Array<AssessmentRound & { took: number }>;
  insertRound(round: { openedOn: Day; closesOn: Day }, now: string): AssessmentRound;
  hasTaken(roundId: number, personId: number): boolean;
  recordResponse(roundId: number, personId: number, response: AssessmentResponse, attributed: boolean): void;
  /** What the team view is built from: counts, notes, and answers by name (kept only by attributed teams). */
  input(): AssessmentInput;
  closeRound(roundId: number, on: Day): void;
}

/** The customer service chain: who serves whom among colleagues (seed 003). */
export interface ChainStore {
  /** Server → served pairs of a window's internal stories. */
  edges(window: Window): ChainEdge[];
  /** A window's internal stories: linked to a colleague, or not yet resolved to one. */
  storyCounts(window: Window): { linked: number; unresolved: number };
  /** Everyone active with their team and whether they lead. */
  people(): ChainPerson[];
  /** Internal customers not yet linked to the person they are. */
  unlinkedCustomers(): UnlinkedCustomer[];
  /** An internal customer by name or #id. */
  findInternalCustomer(nameOrId: string): { id: number; name: string; personId: number | null } | undefined;
  linkCustomer(customerId: number, personId: number, now: string): void;
}

/** Training assignments and procedure acknowledgements. */
export interface ProgrammeStore {
  /** Assigns a practice to people by a day (an open assignment gets the new day); returns the ids. */
  assign(practiceId: number, personIds: readonly number[], dueOn: Day, now: string): number[];
  assignmentsByIds(ids: readonly number[]): AssignmentRecord[];
  assignments(filter?: { personId?: number; personIds?: readonly number[] | undefined }): AssignmentRecord[];
  /** Records that a person read a procedure version; false when they had already. */
  acknowledge(procedureId: number, personId: number, now: string): boolean;
  /** Current procedures people have not acknowledged yet, optionally of some people. */
  unread(personIds?: readonly number[]): UnreadProcedure[];
  personAcknowledgements(personId: number): PersonProgramme['acknowledgements'];
  personTrainings(personId: number): PersonProgramme['trainings'];
}

/** Teams, one inside another, and the people in them. */
export interface TeamStore {
  /** A team by name (case-insensitive), or undefined. */
  find(name: string): TeamRow | undefined;
  /** The team with this name, created on first mention. */
  ensure(name: string, now: string): TeamRow;
  /** Each team's parent (what the cycle rule and the sub-team walk read). */
  parents(): Map<number, number | null>;
  setParent(teamId: number, parentId: number | null, now: string): void;
  /** Every team with its parent, its active people and its leaders, by name. */
  list(): TeamSummary[];
  /** The people of a team and of the teams inside it, by name. */
  people(teamId: number): Array<{ id: number; name: string; active: boolean }>;
  /** Runs read with stories and people narrowed to these people (reads only). */
  within<T>(personIds: readonly number[], read: () => T): T;
}

/** Ids and names of what people type on the command line, for resolving and completing them. */
export interface NameStore {
  /** Every practice, person, tag or customer, as id and name (a forgotten customer's is empty). */
  items(kind: NamedKind): Named[];
  /** The newest stories' ids, with the start of their text as the name. */
  recentStories(limit: number): Named[];
}

export interface StoryStore {
  /** Stores a new story and returns its id. */
  insert(draft: StoryDraft, now: string): number;
  /** Writes the fields given over the story as it is now, and no other; inside a transaction. */
  update(id: number, changes: StoryChanges, now: string): void;
  get(id: number): Story | undefined;
  /** The story as it is now, kept from other writers until the transaction ends; inside a transaction that writes it. */
  lock(id: number): Story | undefined;
  /** These stories, newest first. */
  byIds(ids: readonly number[]): Story[];
  /** The stories the filter keeps, newest first, a page at a time. */
  pages(filter: StoryFilter): Iterable<Story[]>;
  /** Deletes a story (its links go with it); false when there was none. */
  remove(id: number, now: string): boolean;
  /** Full-text search, best match first, with the matched words marked in a snippet. */
  search(query: string, limit: number): SearchHit[];
}

export interface StoryImportStore {
  /** Of these content keys, the ones already imported. */
  knownKeys(keys: readonly string[]): Set<string>;
  record(key: string, storyId: number, now: string): void;
}

export interface PracticeStore {
  create(practice: NewPractice, now: string): number;
  /** By id ("12", "#12") or by name, case-insensitively. */
  find(nameOrId: string): Practice | undefined;
  /** Links a story to a practice as evidence (a person's link outranks a matcher's). */
  link(practiceId: number, storyId: number, how: EvidenceHow, now: string): void;
  /** Links a story to every practice whose matchers it meets, and unlinks those it no longer meets. */
  relinkStory(storyId: number, now: string): void;
  /** The same for many stories at once (indexing), in two statements. */
  relinkStories(storyIds: readonly number[], now: string): void;
  /** Whether any practice matches by phrase (indexing relinks only then). */
  hasPhraseMatchers(): boolean;
  /** Links every story a practice's matchers meet; returns how many were newly linked. */
  relinkPractice(practiceId: number, now: string): number;
  evidence(practiceId: number, since?: string, until?: string): EvidenceItem[];
  /** All its evidence, oldest first, with how each story was linked. */
  linked(practiceId: number): Array<EvidenceItem & { how: EvidenceHow }>;
  /** The ids of its evidence stories a training plan draws from (at most limit, newest first). */
  storyIds(practiceId: number, limit?: number): number[];
  /** The ids of its newest evidence stories, newest first. */
  latestEvidenceIds(practiceId: number, limit: number): number[];
  list(statuses?: readonly PracticeStatus[]): Practice[];
  matchers(practiceId: number): Matcher[];
  addMatchers(practiceId: number, matchers: Matcher[], now: string): void;
  statusHistory(practiceId: number): StatusChange[];
  rename(practiceId: number, name: string, now: string): void;
  /** The practice's evidence stories that show each quality attribute (as the report counts them). */
  qualities(practiceId: number): Array<{ attribute: string; stories: number }>;
  /** Every practice's evidence counts (stories, spread, last evidence), optionally of some statuses, by name. */
  summaries(statuses?: readonly PracticeStatus[]): PracticeCounts[];
  /** Moves a practice along its lifecycle and records the step (nothing when it is there already). */
  setStatus(practice: Practice, to: PracticeStatus, now: string, note?: string): void;
  /** The name of the practice a matcher links stories to, if any. */
  matcherOwner(matcher: Matcher): string | undefined;
  /** The other practices holding the phrase, with whatever details. */
  phraseHolders(key: string, exceptPracticeId: number): Array<{ practice: string; matcher: Matcher }>;
  /** Removes a matcher; returns how many stories it alone linked (now unlinked), undefined when it had none such. */
  removeMatcher(practiceId: number, matcher: Matcher, now: string): number | undefined;
  /** Each evidence story of a practice with how it was linked. */
  evidenceLinks(practiceId: number): Map<number, EvidenceHow>;
  /** Takes stories out of a practice's evidence; returns how many were. */
  unlink(practiceId: number, storyIds: readonly number[], now: string): number;
}

export interface PeopleStore {
  /** The person's id, created on first mention. */
  ensure(name: string, now: string): number;
  setRole(personId: number, role: string): void;
  names(): string[];
  /** How many people are active on the team. */
  activeCount(): number;
  /** A person by name (case-insensitive), or undefined. */
  find(name: string): PersonRow | undefined;
  /** Everyone, with how many stories credit them and the date of the latest, by name. */
  list(): PersonSummary[];
  rename(personId: number, name: string, now: string): void;
  /** Moves the first person's stories, evidence and trainings to the second and deletes the first. */
  merge(fromId: number, intoId: number, now: string): void;
  /** Deletes a person no story credits (their attendances go with them). */
  remove(personId: number, now: string): void;
  setActive(personId: number, active: boolean, now: string): void;
  /** How many stories credit the person or were reported by them. */
  evidenceCount(personId: number): number;
  /** How many trainings the person facilitated. */
  facilitatedCount(personId: number): number;
  place(personId: number): PersonPlace;
  /** Sets a person's role, team and leader flag. */
  setPlace(personId: number, place: PersonPlace, now: string): void;
  /** The practices the person shows in their stories, most evidenced first. */
  practices(personId: number): PersonPractice[];
  /** The tags on the person's stories, most used first. */
  tags(personId: number): Array<{ tag: string; stories: number }>;
}

export interface TagStore {
  names(): string[];
  /** A tag by its normalised name, or undefined; built-in tags are the default taxonomy's. */
  find(name: string): Tag | undefined;
  /** Every tag with how many stories carry it and when it was last used. */
  list(): TagSummary[];
  /** Renames a tag; its stories and practice matchers follow. */
  rename(tagId: number, name: string, now: string): void;
  /** Gives the first tag's stories the second and deletes the first. */
  merge(fromId: number, intoId: number, now: string): void;
}

export interface Tag {
  id: number;
  name: string;
  builtin: boolean;
}

export interface CustomerStore {
  /** The customer's id, created on first mention. */
  ensure(name: string, kind: CustomerKind, now: string): number;
  get(id: number): Customer | undefined;
  /** The ids of the customers (not forgotten) of this name and kind, case-insensitive, oldest first: `ensure` gives the first. */
  idsByName(name: string, kind: CustomerKind): number[];
  /** Every customer, by name; forgotten ones last. */
  list(): Customer[];
  /** Adds the new customers and updates the known ones (an empty field keeps its stored value). */
  import(drafts: ImportDraft[], now: string): ImportCounts;
  /** Moves the first customer's stories and interviews to the second and deletes the first. */
  merge(fromId: number, intoId: number, now: string): void;
  /** How many rows refer to the customer, per table.column. */
  references(id: number): Record<string, number>;
  remove(id: number, now: string): void;
  /** Customers with an email or phone (in the segment, if given), each marked planned or contacted on or after `since`. */
  pickCandidates(filter: { segment?: string | undefined; since: Day }): PickCandidate[];
}

export interface InterviewStore {
  plan(customerIds: number[], interviewerId: number | null, plannedOn: Day, now: string): number[];
  get(id: number): Interview | undefined;
  log(id: number, log: InterviewLog, now: string): void;
  /** Credits the story to the interview it came from. */
  linkStory(storyId: number, interview: Pick<Interview, 'id' | 'customerId'>): void;
  /** The day, time and contact the customer agreed to. */
  agree(id: number, agreement: InterviewAgreement, now: string): void;
  /** Interviews, planned ones first (see listInterviews). */
  list(filter?: { status?: InterviewStatus | undefined }): Interview[];
  /** The customer never answered the invitation. */
  noReply(id: number, day: Day, now: string): void;
  /** Links a held interview to practices its answer confirms; a link by hand is never made 'matched' again. */
  linkPractices(interviewId: number, practiceIds: readonly number[], how: EvidenceHow, now: string): void;
  /** Removes one link; whether there was one. */
  unlinkPractice(interviewId: number, practiceId: number, now: string): boolean;
  /** Re-links the interview to the practices whose matchers its "confirms" answer satisfies (links by hand stay). */
  relinkAnswer(interviewId: number, keys: AnswerMatchKeys, now: string): void;
  /** The held interviews whose answers confirm a practice, latest first. */
  confirming(practiceId: number): PracticeConfirmation[];
}

export interface SignalStore {
  /** Adds new signals and updates the value of known ones (same day, measure and subject). */
  save(drafts: readonly SignalDraft[], now: string): { added: number; updated: number; unchanged: number };
  /** Signals, latest first. */
  list(filter?: { measure?: string | undefined }): Signal[];
  /** The readings about a practice: its own, and those of its evidence stories. */
  forPractice(practiceId: number): Array<{ on: Day; measure: string; value: number }>;
  /** Practices (not retired) with any signal. */
  practices(): number[];
}

export interface MeetingStore {
  add(heldOn: Day, notes: string | null, now: string): Meeting;
  /** Every meeting, newest first. */
  list(): Meeting[];
}

export interface ProcedureStore {
  /** Stores the next version of a practice's procedure; returns its version number. */
  insertVersion(practiceId: number, body: string, reviewEveryDays: number, sourceStoryIds: readonly number[], now: string): number;
  current(practiceId: number): Procedure | undefined;
  /** Every version of a practice's procedure, oldest first. */
  versions(practiceId: number): Procedure[];
  /** Every standard's procedure state (version, review due), for the playbook. */
  states(): ProcedureState[];
  /** Records that the current version was reviewed and kept: the next review is one interval on. */
  confirmReview(procedureId: number, now: string): void;
  /** Changes how often a procedure version is reviewed, without a new version. */
  setReviewInterval(procedureId: number, reviewEveryDays: number, now: string): void;
}

export interface TrainingStore {
  insert(training: NewTraining, now: string): number;
  list(practiceId?: number): Training[];
  /** Who was trained on a practice, and when last. */
  trained(practiceId: number): TrainedPerson[];
  /** How many training assignments a logged session closed. */
  closedAssignments(trainingId: number): number;
  /** Plans a session ahead (the facilitator is created on first mention); returns its uuid. */
  plan(session: NewSession, now: string): string;
  /** Sessions planned on or after a day, soonest first, of practices not retired. */
  planned(from: Day): PlannedSession[];
}

export interface NewSession {
  practiceId: number;
  plannedOn: Day;
  /** HH:MM, or null for a day without a time. */
  startsAt: string | null;
  minutes: number | null;
  facilitator: string | null;
}

/** Sentence vectors of stories and practices, and the stories people said do not show a practice. */
export interface VectorStore {
  /** How many stories have no vector from the current encoder input. */
  countUnembedded(): number;
  /** Stories without a current vector after an id, by id. */
  storiesToEmbed(afterId: number, limit: number): StoryForVector[];
  saveStoryVectors(vectors: ReadonlyArray<{ storyId: number; vector: Uint8Array }>): void;
  /** These stories with their vectors (those without one are left out). */
  storiesWithVectors(ids: readonly number[]): StoryWithVector[];
  /** The newest stories with vectors: the background sample. */
  latestStoriesWithVectors(limit: number): StoryWithVector[];
  /** Stories not yet evidence of a practice nor rejected for it, with vectors, a page at a time. */
  candidatePages(practiceId: number): Iterable<StoryWithVector[]>;
  practiceVector(practiceId: number): { text: string; vector: Uint8Array } | undefined;
  savePracticeVector(practiceId: number, text: string, vector: Uint8Array): void;
  /** Remembers that a story does not show a practice, so it is not suggested again. */
  rejectSuggestion(practiceId: number, storyId: number, now: string): void;
  forgetRejection(practiceId: number, storyId: number): void;
  /** The stories rejected for a practice, newest first. */
  rejectedStoryIds(practiceId: number): number[];
  /** Practices that are not retired: those a story may show. */
  suggestablePracticeIds(): number[];
}

/** The aggregates detection ranks (src/core/detect.ts does the ranking). */
export interface DetectionStore {
  /** Makes the next queries go through much data once without filling memory with pages never read again. */
  preferSmallCache(): void;
  storyFacts(since: Day | undefined): StoryFacts;
  rawCandidates(query: DetectQuery, facts: StoryFacts): RawCandidate[];
  exampleRows(storyIds: number[], phraseKeys: string[]): ExampleRow[];
  /** The phrase keys and tags over the thresholds left out because they are practices' matchers, were decided in review or rejected. */
  leftOut(query: Omit<DetectQuery, 'pool'>): LeftOutRow[];
  /** The practice most of these stories are already evidence of, with how many. */
  topEvidencePractice(storyIds: Int32Array): { practice: string; stories: number } | undefined;
  qualityRows(since: Day | undefined): QualityRows;
  /** Remembers a rejected candidate under each of its keys, so detection stops proposing it. */
  rejectCandidate(keys: string[], label: string, now: string): void;
  /** Remembers that a review took a broad candidate's stories into a practice, so detection stops proposing those stories. */
  decideCandidate(keys: string[], practiceId: number, now: string): void;
  /** Forgets the rejections matching a label or key, so detection may propose them again; returns those forgotten. */
  unreject(what: string): RejectedCandidate[];
  /** Every rejected candidate, newest first. */
  rejected(): RejectedCandidate[];
}

/** What `svc report` and `svc status` read, windowed to a period. */
export interface ReportStore {
  lastMeetingOn(until: Day): Day | null;
  hasStories(): boolean;
  input(period: Period): ReportInput;
  storyCount(window: Window): number;
  storiesPerPerson(window: Window): Map<number, number>;
  people(): PersonRecord[];
  practices(until: Day): PracticeRecord[];
  latestEvidence(window: Window): Map<number, Day>;
  proceduresDue(until: Day): string[];
}

export interface RhythmStore {
  /** What the team's rhythm is built from, as of today (settings come from the config). */
  input(today: Day): Omit<RhythmInput, 'settings'>;
  lastDigestOn(): Day | null;
  /** Remembers the day of a digest, where the next `--since last-digest` starts. */
  recordDigest(on: Day): void;
  /** The team's own id and the day its calendar began, made on first use and kept (calendar UIDs come from them). */
  teamIdentity(today: Day): { uuid: string; since: Day };
}

/** The index of behaviour phrases found in each story's text (core/nlp.ts finds them). */
export interface PhraseStore {
  /** Stories not yet indexed by the current extractor, or every story with `all`. */
  countToIndex(all: boolean): number;
  storiesToIndex(afterId: number, limit: number, all: boolean): StoryToIndex[];
  /** Stores a batch's phrases, skipping stories changed since they were read; returns the ids stored. */
  save(batch: ReadonlyArray<StoryToIndex & { phrases: readonly IndexedPhrase[] }>, all: boolean): number[];
  /** How many stories show the phrase, with the qualifier when one is given. */
  storiesWith(key: string, qualifier?: QualifierKind | ''): number;
}
