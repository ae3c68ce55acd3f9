import type { Store } from './store.ts';
import { customerIdsByName, customerReferences, ensureCustomer, getCustomer, importCustomers, listCustomers, mergeCustomers, pickCandidates, removeCustomer } from './customers.ts';
import { isPostgres, openStore, useSmallPageCache, type Connection, type OpenOptions } from './db.ts';
import { decideCandidate, exampleRows, leftOut, listRejected, qualityRows, rawCandidates, rejectCandidate, storyFacts, topEvidencePractice, unreject } from './detect.ts';
import {
  agreeInterview,
  getInterview,
  linkInterviewPractices,
  linkStoryToInterview,
  listInterviews,
  logInterview,
  markNoReply,
  planInterviews,
  practiceConfirmations,
  relinkInterviewAnswer,
  unlinkInterviewPractice,
} from './interviews.ts';
import { practiceQualities } from './qualities.ts';
import { listSignals, practiceSignals, practicesWithSignals, saveSignals } from './signals.ts';
import { hasPhraseMatchers, linkMatchesForPractice, linkMatchesForStories, linkMatchesForStory } from './matching.ts';
import { countPhraseStories, countToIndex, savePhrases, storiesToIndex } from './phrases.ts';
import { addMeeting, listMeetings } from './meetings.ts';
import {
  ensurePerson,
  findPerson,
  listPeople,
  mergePeople,
  personEvidence,
  personFacilitated,
  personNames,
  personPlace,
  removePerson,
  renamePerson,
  setPersonActive,
  setPersonPlace,
  setPersonRole,
} from './people.ts';
import {
  addMatchers,
  createPractice,
  findPractice,
  latestEvidenceIds,
  linkedEvidence,
  linkEvidence,
  listPracticeRecords,
  practiceEvidence,
  practiceMatchers,
  practiceStatusHistory,
  practiceStoryIds,
  renamePractice,
  practiceCounts,
  setPracticeStatus,
  matcherOwner,
  phraseHolders,
  removeMatcher,
  evidenceLinks,
  unlinkEvidence,
} from './practices.ts';
import { confirmProcedureReview, currentProcedure, insertProcedureVersion, procedureStates, procedureVersions, setReviewInterval } from './procedures.ts';
import { activePeopleCount, personPractices, personTags } from './skills.ts';
import {
  hasStories,
  lastMeetingOn,
  latestEvidence,
  loadReportInput,
  peopleRecords,
  practiceRecords,
  proceduresDue,
  storiesPerPerson,
  storyCount,
} from './report.ts';
import { lastDigestOn, loadRhythmInput, recordDigest, teamIdentity } from './rhythm.ts';
import { countStories, deleteStory, getStory, insertStory, lockStory, searchStories, storiesByIds, storyPages, updateStory } from './stories.ts';
import { forgetCustomer, isForgetPending, previewForget } from './forget.ts';
import { checkServerDatabase } from './check.ts';
import { finishForgets, recordingWrittenFile, writtenFiles } from './forget-files.ts';
import { exportedTables, exportHeader, exportRows, importExport, readSnapshot } from './transfer.ts';
import { backupTo, copyToNewFile } from './backup.ts';
import { databaseIdentity, dumpDatabase, firstTableWithData, loadDump, refreshStatistics } from './copy.ts';
import { importedKeys, recordImportKey } from './story-imports.ts';
import { findTag, listTags, mergeTags, renameTag, tagNames } from './tags.ts';
import { namedItems, recentStoryIds } from './names.ts';
import { insertTraining, listTrainings, trainedPeople } from './trainings.ts';
import {
  candidateStoryPages,
  countUnembedded,
  forgetRejection,
  latestStoriesWithVectors,
  practiceVector,
  rejectedStoryIds,
  rejectSuggestion,
  savePracticeVector,
  saveStoryVectors,
  storiesToEmbed,
  storiesWithVectors,
  suggestablePracticeIds,
  withBusyTimeout,
} from './vectors.ts';
import { insertPair, pairsOfPractice, pairsOfStar } from './succession.ts';
import { getAction, insertAction, interviewSources, listActions, markActionDone } from './actions.ts';
import { closeRound, hasTaken, insertQuestion, insertRound, listQuestions, listRounds, loadAssessmentInput, recordResponse, retireQuestion } from './assessments.ts';
import { ensureTeam, findTeam, listTeams, setTeamParent, teamParents, teamPeople, withinPeople } from './teams.ts';
import {
  acknowledgeProcedure,
  assignmentsByIds,
  assignmentsClosedBy,
  assignPractice,
  listAssignments,
  personAcknowledgements,
  personTrainings,
  unreadProcedures,
} from './programme.ts';
import { chainEdges, chainPeople, chainStoryCounts, findInternalCustomer, linkCustomerToPerson, unlinkedInternalCustomers } from './chain.ts';
import { insertPlannedSession, plannedSessions } from './training-sessions.ts';

/**
 * The Store over one SQLite connection. Still a Connection too: the CLI reads what
 * opening it migrated, and store tests reach `db` for their own SQL. Every use case in
 * src/app and every handler sees only the Store (test/unit/architecture.test.ts).
 */
export type SqliteStore = Store & Connection;

/** The Store seam over an open connection: each method is one call into the noun's SQL module. */
export function sqliteStore(connection: Connection): SqliteStore {
  const { db } = connection;
  return {
    ...connection,
    close: () => connection.close(),
    transaction: (fn) => connection.write(fn),
    read: (fn) => db.transaction(fn)(),
    stories: {
      insert: (draft, now) => insertStory(db, draft, now),
      update: (id, changes, now) => updateStory(db, id, changes, now),
      get: (id) => getStory(db, id),
      lock: (id) => lockStory(db, id),
      byIds: (ids) => storiesByIds(db, ids),
      pages: (filter) => storyPages(db, filter),
      remove: (id, now) => deleteStory(db, id, now),
      search: (query, limit) => searchStories(db, query, limit),
    },
    storyImports: {
      knownKeys: (keys) => importedKeys(db, keys),
      record: (key, storyId, now) => recordImportKey(db, key, storyId, now),
    },
    practices: {
      create: (practice, now) => createPractice(db, practice, now),
      find: (nameOrId) => findPractice(db, nameOrId),
      link: (practiceId, storyId, how, now) => linkEvidence(db, practiceId, storyId, how, now),
      relinkStory: (storyId, now) => linkMatchesForStory(db, storyId, now),
      relinkStories: (storyIds, now) => linkMatchesForStories(db, storyIds, now),
      relinkPractice: (practiceId, now) => linkMatchesForPractice(db, practiceId, now),
      hasPhraseMatchers: () => hasPhraseMatchers(db),
      evidence: (practiceId, since, until) => practiceEvidence(db, practiceId, since, until),
      linked: (practiceId) => linkedEvidence(db, practiceId),
      storyIds: (practiceId, limit) => practiceStoryIds(db, practiceId, limit),
      latestEvidenceIds: (practiceId, limit) => latestEvidenceIds(db, practiceId, limit),
      list: (statuses) => listPracticeRecords(db, statuses),
      matchers: (practiceId) => practiceMatchers(db, practiceId),
      addMatchers: (practiceId, matchers, now) => addMatchers(db, practiceId, matchers, now),
      statusHistory: (practiceId) => practiceStatusHistory(db, practiceId),
      rename: (practiceId, name, now) => renamePractice(db, practiceId, name, now),
      qualities: (practiceId) => practiceQualities(db, practiceId),
      summaries: (statuses) => practiceCounts(db, statuses),
      setStatus: (practice, to, now, note) => setPracticeStatus(db, practice, to, now, note),
      matcherOwner: (matcher) => matcherOwner(db, matcher),
      phraseHolders: (key, exceptPracticeId) => phraseHolders(db, key, exceptPracticeId),
      removeMatcher: (practiceId, matcher, now) => removeMatcher(db, practiceId, matcher, now),
      evidenceLinks: (practiceId) => evidenceLinks(db, practiceId),
      unlink: (practiceId, storyIds, now) => unlinkEvidence(db, practiceId, storyIds, now),
    },
    people: {
      ensure: (name, now) => ensurePerson(db, name, now),
      setRole: (personId, role) => setPersonRole(db, personId, role),
      names: () => personNames(db),
      activeCount: () => activePeopleCount(db),
      find: (name) => findPerson(db, name),
      list: () => listPeople(db),
      rename: (personId, name, now) => renamePerson(db, personId, name, now),
      merge: (fromId, intoId, now) => mergePeople(db, fromId, intoId, now),
      remove: (personId, now) => removePerson(db, personId, now),
      setActive: (personId, active, now) => setPersonActive(db, personId, active, now),
      evidenceCount: (personId) => personEvidence(db, personId),
      facilitatedCount: (personId) => personFacilitated(db, personId),
      place: (personId) => personPlace(db, personId),
      setPlace: (personId, place, now) => setPersonPlace(db, personId, place, now),
      practices: (personId) => personPractices(db, personId),
      tags: (personId) => personTags(db, personId),
    },
    tags: {
      names: () => tagNames(db),
      find: (name) => findTag(db, name),
      list: () => listTags(db),
      rename: (tagId, name, now) => renameTag(db, tagId, name, now),
      merge: (fromId, intoId, now) => mergeTags(db, fromId, intoId, now),
    },
    customers: {
      ensure: (name, kind, now) => ensureCustomer(db, name, kind, now),
      get: (id) => getCustomer(db, id),
      idsByName: (name, kind) => customerIdsByName(db, name, kind),
      list: () => listCustomers(db),
      import: (drafts, now) => importCustomers(db, drafts, now),
      merge: (fromId, intoId, now) => mergeCustomers(db, fromId, intoId, now),
      references: (id) => customerReferences(db, id),
      remove: (id, now) => removeCustomer(db, id, now),
      pickCandidates: (filter) => pickCandidates(db, filter),
    },
    interviews: {
      plan: (customerIds, interviewerId, plannedOn, now) => planInterviews(db, customerIds, interviewerId, plannedOn, now),
      get: (id) => getInterview(db, id),
      log: (id, log, now) => logInterview(db, id, log, now),
      linkStory: (storyId, interview) => linkStoryToInterview(db, storyId, interview),
      agree: (id, agreement, now) => agreeInterview(db, id, agreement, now),
      noReply: (id, day, now) => markNoReply(db, id, day, now),
      list: (filter) => listInterviews(db, filter),
      linkPractices: (interviewId, practiceIds, how, now) => linkInterviewPractices(db, interviewId, practiceIds, how, now),
      unlinkPractice: (interviewId, practiceId, now) => unlinkInterviewPractice(db, interviewId, practiceId, now),
      relinkAnswer: (interviewId, keys, now) => relinkInterviewAnswer(db, interviewId, keys, now),
      confirming: (practiceId) => practiceConfirmations(db, practiceId),
    },
    signals: {
      save: (drafts, now) => saveSignals(db, drafts, now),
      list: (filter) => listSignals(db, filter),
      forPractice: (practiceId) => practiceSignals(db, practiceId),
      practices: () => practicesWithSignals(db),
    },
    meetings: { add: (heldOn, notes, now) => addMeeting(db, heldOn, notes, now), list: () => listMeetings(db) },
    procedures: {
      insertVersion: (practiceId, body, reviewEveryDays, sources, now) => insertProcedureVersion(db, practiceId, body, reviewEveryDays, sources, now),
      current: (practiceId) => currentProcedure(db, practiceId),
      versions: (practiceId) => procedureVersions(db, practiceId),
      states: () => procedureStates(db),
      confirmReview: (procedureId, now) => confirmProcedureReview(db, procedureId, now),
      setReviewInterval: (procedureId, days, now) => setReviewInterval(db, procedureId, days, now),
    },
    trainings: {
      insert: (training, now) => insertTraining(db, training, now),
      list: (practiceId) => listTrainings(db, practiceId),
      trained: (practiceId) => trainedPeople(db, practiceId),
      closedAssignments: (trainingId) => assignmentsClosedBy(db, trainingId),
      plan: (session, now) => insertPlannedSession(db, session, now),
      planned: (from) => plannedSessions(db, from),
    },
    withBusyTimeout: (ms, fn) => withBusyTimeout(db, ms, fn),
    vectors: {
      countUnembedded: () => countUnembedded(db),
      storiesToEmbed: (afterId, limit) => storiesToEmbed(db, afterId, limit),
      saveStoryVectors: (vectors) => saveStoryVectors(db, vectors),
      storiesWithVectors: (ids) => storiesWithVectors(db, ids),
      latestStoriesWithVectors: (limit) => latestStoriesWithVectors(db, limit),
      candidatePages: (practiceId) => candidateStoryPages(db, practiceId),
      practiceVector: (practiceId) => practiceVector(db, practiceId),
      savePracticeVector: (practiceId, text, vector) => savePracticeVector(db, practiceId, text, vector),
      rejectSuggestion: (practiceId, storyId, now) => rejectSuggestion(db, practiceId, storyId, now),
      forgetRejection: (practiceId, storyId) => forgetRejection(db, practiceId, storyId),
      rejectedStoryIds: (practiceId) => rejectedStoryIds(db, practiceId),
      suggestablePracticeIds: () => suggestablePracticeIds(db),
    },
    detection: {
      preferSmallCache: () => useSmallPageCache(db),
      storyFacts: (since) => storyFacts(db, since),
      rawCandidates: (query, facts) => rawCandidates(db, query, facts),
      exampleRows: (storyIds, phraseKeys) => exampleRows(db, storyIds, phraseKeys),
      leftOut: (query) => leftOut(db, query),
      topEvidencePractice: (storyIds) => topEvidencePractice(db, storyIds),
      qualityRows: (since) => qualityRows(db, since),
      rejectCandidate: (keys, label, now) => rejectCandidate(db, keys, label, now),
      decideCandidate: (keys, practiceId, now) => decideCandidate(db, keys, practiceId, now),
      unreject: (what) => unreject(db, what),
      rejected: () => listRejected(db),
    },
    report: {
      lastMeetingOn: (until) => lastMeetingOn(db, until),
      hasStories: () => hasStories(db),
      input: (period) => loadReportInput(db, period),
      storyCount: (window) => storyCount(db, window),
      storiesPerPerson: (window) => storiesPerPerson(db, window),
      people: () => peopleRecords(db),
      practices: (until) => practiceRecords(db, until),
      latestEvidence: (window) => latestEvidence(db, window),
      proceduresDue: (until) => proceduresDue(db, until),
    },
    rhythm: {
      input: (today) => loadRhythmInput(db, today),
      lastDigestOn: () => lastDigestOn(db),
      recordDigest: (on) => recordDigest(db, on),
      teamIdentity: (today) => teamIdentity(db, today),
    },
    phrases: {
      countToIndex: (all) => countToIndex(db, all),
      storiesToIndex: (afterId, limit, all) => storiesToIndex(db, afterId, limit, all),
      save: (batch, all) => savePhrases(db, batch, all),
      storiesWith: (key, qualifier) => countPhraseStories(db, key, qualifier),
    },
    names: {
      items: (kind) => namedItems(db, kind),
      recentStories: (limit) => recentStoryIds(db, limit),
    },
    chain: {
      edges: (window) => chainEdges(db, window),
      storyCounts: (window) => chainStoryCounts(db, window),
      people: () => chainPeople(db),
      unlinkedCustomers: () => unlinkedInternalCustomers(db),
      findInternalCustomer: (nameOrId) => findInternalCustomer(db, nameOrId),
      linkCustomer: (customerId, personId, now) => linkCustomerToPerson(db, customerId, personId, now),
    },
    programme: {
      assign: (practiceId, personIds, dueOn, now) => assignPractice(db, practiceId, personIds, dueOn, now),
      assignmentsByIds: (ids) => assignmentsByIds(db, ids),
      assignments: (filter) => listAssignments(db, filter),
      acknowledge: (procedureId, personId, now) => acknowledgeProcedure(db, procedureId, personId, now),
      unread: (personIds) => unreadProcedures(db, personIds),
      personAcknowledgements: (personId) => personAcknowledgements(db, personId),
      personTrainings: (personId) => personTrainings(db, personId),
    },
    actions: {
      interviewSources: (ids) => interviewSources(db, ids),
      insert: (action, now) => insertAction(db, action, now),
      get: (id) => getAction(db, id),
      list: (filter) => listActions(db, filter),
      markDone: (id, on, now) => markActionDone(db, id, on, now),
    },
    assessments: {
      questions: () => listQuestions(db),
      insertQuestion: (question, now) => insertQuestion(db, question, now),
      retireQuestion: (key, now) => retireQuestion(db, key, now),
      rounds: () => listRounds(db),
      insertRound: (round, now) => insertRound(db, round, now),
      hasTaken: (roundId, personId) => hasTaken(db, roundId, personId),
      recordResponse: (roundId, personId, response, attributed) => recordResponse(db, roundId, personId, response, attributed),
      input: () => loadAssessmentInput(db),
      closeRound: (roundId, on) => closeRound(db, roundId, on),
    },
    succession: {
      pair: (practiceId, starId, learnerId, pairedOn, now) => insertPair(db, practiceId, starId, learnerId, pairedOn, now),
      pairsOfStar: (starId) => pairsOfStar(db, starId),
      pairsOfPractice: (practiceId) => pairsOfPractice(db, practiceId),
    },
    forgets: {
      preview: (customerId, now) => previewForget(connection, customerId, now),
      forget: (customerId, now) => forgetCustomer(db, customerId, now),
      isPending: (customerId) => isForgetPending(db, customerId),
      finish: (customerIds, traces, waitMs, onProgress) => finishForgets(connection, customerIds, traces, waitMs, onProgress),
      writtenFiles: (until) => writtenFiles(db, until, isPostgres(db) ? null : connection.path),
      recordingWrittenFile: (kind, path, contacts, now, write) => recordingWrittenFile(db, kind, path, contacts, now, write),
    },
    transfer: {
      tables: () => exportedTables(db),
      header: (tables, contacts, now) => exportHeader(db, tables, contacts, now),
      rows: (table, tables, contacts) => exportRows(db, table, tables, contacts),
      snapshot: (fn) => readSnapshot(db, fn),
      storyCount: () => countStories(db),
      import: (data, fileName, options) => importExport(connection, data, fileName, options),
      backup: (target) => backupTo(connection, target),
      checkServer: () => checkServerDatabase(db, connection.path),
      dump: () => dumpDatabase(db),
      load: (dump, onProgress) => loadDump(db, dump, onProgress),
      copyToNewFile: (target, onProgress) => copyToNewFile(connection, target, onProgress),
      firstTableWithData: () => firstTableWithData(db),
      identity: () => databaseIdentity(connection),
      refreshStatistics: () => refreshStatistics(db),
    },
    teams: {
      find: (name) => findTeam(db, name),
      ensure: (name, now) => ensureTeam(db, name, now),
      parents: () => teamParents(db),
      setParent: (teamId, parentId, now) => setTeamParent(db, teamId, parentId, now),
      list: () => listTeams(db),
      people: (teamId) => teamPeople(db, teamId),
      within: (personIds, read) => withinPeople(db, personIds, read),
    },
  };
}

/** Opens (creating and migrating if needed) the SQLite database at path, as a Store. */
export function openSqliteStore(path: string, options: OpenOptions = {}): SqliteStore {
  return sqliteStore(openStore(path, options));
}
