import type { Store } from './store.ts';
import { ensureCustomer } from './customers.ts';
import { openStore, type Connection, type OpenOptions } from './db.ts';
import { getInterview, linkStoryToInterview, logInterview, planInterviews } from './interviews.ts';
import { linkMatchesForPractice, linkMatchesForStory } from './matching.ts';
import { addMeeting } from './meetings.ts';
import { ensurePerson, personNames, setPersonRole } from './people.ts';
import { createPractice, findPractice, linkEvidence, practiceEvidence } from './practices.ts';
import { insertProcedureVersion } from './procedures.ts';
import { deleteStory, getStory, insertStory, updateStory } from './stories.ts';
import { importedKeys, recordImportKey } from './story-imports.ts';
import { tagNames } from './tags.ts';
import { insertTraining } from './trainings.ts';
import { saveStoryVectors } from './vectors.ts';

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
    stories: {
      insert: (draft, now) => insertStory(db, draft, now),
      update: (id, draft, now) => updateStory(db, id, draft, now),
      get: (id) => getStory(db, id),
      remove: (id, now) => deleteStory(db, id, now),
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
      relinkPractice: (practiceId, now) => linkMatchesForPractice(db, practiceId, now),
      evidence: (practiceId, since, until) => practiceEvidence(db, practiceId, since, until),
    },
    people: {
      ensure: (name, now) => ensurePerson(db, name, now),
      setRole: (personId, role) => setPersonRole(db, personId, role),
      names: () => personNames(db),
    },
    tags: { names: () => tagNames(db) },
    customers: { ensure: (name, kind, now) => ensureCustomer(db, name, kind, now) },
    interviews: {
      plan: (customerIds, interviewerId, plannedOn, now) => planInterviews(db, customerIds, interviewerId, plannedOn, now),
      get: (id) => getInterview(db, id),
      log: (id, log, now) => logInterview(db, id, log, now),
      linkStory: (storyId, interview) => linkStoryToInterview(db, storyId, interview),
    },
    meetings: { add: (heldOn, notes, now) => addMeeting(db, heldOn, notes, now) },
    procedures: {
      insertVersion: (practiceId, body, reviewEveryDays, sources, now) => insertProcedureVersion(db, practiceId, body, reviewEveryDays, sources, now),
    },
    trainings: { insert: (training, now) => insertTraining(db, training, now) },
    vectors: { saveStoryVectors: (vectors) => saveStoryVectors(db, vectors) },
  };
}

/** Opens (creating and migrating if needed) the SQLite database at path, as a Store. */
export function openSqliteStore(path: string, options: OpenOptions = {}): SqliteStore {
  return sqliteStore(openStore(path, options));
}
