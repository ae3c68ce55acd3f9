import type { Store } from './store.ts';
import { customerReferences, ensureCustomer, getCustomer, importCustomers, listCustomers, mergeCustomers, removeCustomer } from './customers.ts';
import { openStore, useSmallPageCache, type Connection, type OpenOptions } from './db.ts';
import { exampleRows, qualityRows, rawCandidates, rejectCandidate, storyFacts, topEvidencePractice, unreject } from './detect.ts';
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
import { loadAssessmentInput } from './assessments.ts';
import { practiceQualities } from './qualities.ts';
import { listSignals, practiceSignals, practicesWithSignals, saveSignals } from './signals.ts';
import { hasPhraseMatchers, linkMatchesForPractice, linkMatchesForStories, linkMatchesForStory } from './matching.ts';
import { countToIndex, savePhrases, storiesToIndex } from './phrases.ts';
import { addMeeting } from './meetings.ts';
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
} from './practices.ts';
import { currentProcedure, insertProcedureVersion, procedureStates, procedureVersions } from './procedures.ts';
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
import { lastDigestOn, loadRhythmInput, recordDigest } from './rhythm.ts';
import { deleteStory, getStory, insertStory, searchStories, storiesByIds, storyPages, updateStory } from './stories.ts';
import { importedKeys, recordImportKey } from './story-imports.ts';
import { findTag, listTags, mergeTags, renameTag, tagNames } from './tags.ts';
import { namedItems } from './names.ts';
import { insertTraining, listTrainings, trainedPeople } from './trainings.ts';
import { saveStoryVectors } from './vectors.ts';
import { assignmentsClosedBy } from './programme.ts';
import { insertPlannedSession, plannedSessions } from './training-sessions.ts';

/**
 * The Store over one SQLite connection. Still a Connection too, so that code not yet
 * moved to src/app can reach `db` meanwhile; app code sees only the Store.
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
      update: (id, draft, now) => updateStory(db, id, draft, now),
      get: (id) => getStory(db, id),
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
      list: () => listCustomers(db),
      import: (drafts, now) => importCustomers(db, drafts, now),
      merge: (fromId, intoId, now) => mergeCustomers(db, fromId, intoId, now),
      references: (id) => customerReferences(db, id),
      remove: (id, now) => removeCustomer(db, id, now),
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
    assessments: { input: () => loadAssessmentInput(db) },
    signals: {
      save: (drafts, now) => saveSignals(db, drafts, now),
      list: (filter) => listSignals(db, filter),
      forPractice: (practiceId) => practiceSignals(db, practiceId),
      practices: () => practicesWithSignals(db),
    },
    meetings: { add: (heldOn, notes, now) => addMeeting(db, heldOn, notes, now) },
    procedures: {
      insertVersion: (practiceId, body, reviewEveryDays, sources, now) => insertProcedureVersion(db, practiceId, body, reviewEveryDays, sources, now),
      current: (practiceId) => currentProcedure(db, practiceId),
      versions: (practiceId) => procedureVersions(db, practiceId),
      states: () => procedureStates(db),
    },
    trainings: {
      insert: (training, now) => insertTraining(db, training, now),
      list: (practiceId) => listTrainings(db, practiceId),
      trained: (practiceId) => trainedPeople(db, practiceId),
      closedAssignments: (trainingId) => assignmentsClosedBy(db, trainingId),
      plan: (session, now) => insertPlannedSession(db, session, now),
      planned: (from) => plannedSessions(db, from),
    },
    vectors: { saveStoryVectors: (vectors) => saveStoryVectors(db, vectors) },
    detection: {
      preferSmallCache: () => useSmallPageCache(db),
      storyFacts: (since) => storyFacts(db, since),
      rawCandidates: (query, facts) => rawCandidates(db, query, facts),
      exampleRows: (storyIds, phraseKeys) => exampleRows(db, storyIds, phraseKeys),
      topEvidencePractice: (storyIds) => topEvidencePractice(db, storyIds),
      qualityRows: (since) => qualityRows(db, since),
      rejectCandidate: (keys, label, now) => rejectCandidate(db, keys, label, now),
      unreject: (what) => unreject(db, what),
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
    rhythm: { input: (today) => loadRhythmInput(db, today), lastDigestOn: () => lastDigestOn(db), recordDigest: (on) => recordDigest(db, on) },
    phrases: {
      countToIndex: (all) => countToIndex(db, all),
      storiesToIndex: (afterId, limit, all) => storiesToIndex(db, afterId, limit, all),
      save: (batch, all) => savePhrases(db, batch, all),
    },
    names: {
      items: (kind) => namedItems(db, kind),
    },
  };
}

/** Opens (creating and migrating if needed) the SQLite database at path, as a Store. */
export function openSqliteStore(path: string, options: OpenOptions = {}): SqliteStore {
  return sqliteStore(openStore(path, options));
}
