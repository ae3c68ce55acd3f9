import { randomUUID } from 'node:crypto';
import { numberedName, redactorFor, tooShortToScan, tracesOf, unsharedDetails, type ContactDetails, type DraftsForget, type ForgetChange, type ForgetReport, type Redactor, type SharedDetail } from '../core/forget.ts';
import { normalizePhone } from '../core/customer.ts';
import { errorCode } from '../core/errors.ts';
import { cleanName, nameKey, normalizePhrase } from '../core/text.ts';
import { isPostgres, sql, type Db, type Connection } from './db.ts';
import { FORGOTTEN_CUSTOMER } from '../core/customer.ts';
import { ensureTag } from './tags.ts';

/*
 * Which text is "linked" to the customer, so that a single part of their name is
 * replaced in it: their stories and interviews, and what hangs off them. Everything
 * else loses only the full name, email, phone and external id.
 */
const LINKED_SQL: Readonly<Record<string, string>> = {
  stories: 'customer_id = @id',
  interviews: 'customer_id = @id',
  practices: 'id IN (SELECT practice_id FROM linked_practices)',
  practice_status_changes: 'practice_id IN (SELECT practice_id FROM linked_practices)',
  trainings: 'practice_id IN (SELECT practice_id FROM linked_practices)',
  procedures: 'practice_id IN (SELECT practice_id FROM linked_practices)',
};

/**
 * Tables not rewritten as plain text: the customer row (erased field by field), staff
 * and schema bookkeeping, forget's own, and those with a unique name handled below.
 */
const NOT_SCANNED = new Set([
  'customers',
  'people',
  'schema_migrations',
  'customer_forgets',
  'forget_pending',
  'written_files',
  'tags',
  'practices',
  'practice_matchers',
  'story_phrases',
  'story_phrase_index',
]);

/** Tables whose rows are dropped when redaction gives them the unique key another row has: that row says the same. */
const DROP_ON_COLLISION = new Set(['rejected_candidates', 'decided_candidates']);

/** A table or column name as SQL text. */
export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

interface TextTable {
  name: string;
  columns: string[];
  key: string[];
  stamped: boolean;
}

/** Whether a column holds text forget rewrites: not a uuid, not a timestamp. */
function rewritable(column: string): boolean {
  return column !== 'uuid' && !/_(at|on)$/.test(column);
}

/** Every scanned table's text columns and how to address one of its rows. Full-text shadow tables follow their content table. */
function textTables(db: Db): TextTable[] {
  if (isPostgres(db)) return serverTextTables(db);
  const list = db.pragma('table_list') as Array<{ schema: string; name: string; type: string; wr: number }>;
  const virtual = list.filter((t) => t.schema === 'main' && t.type === 'virtual').map((t) => t.name);
  const tables = list.filter(
    (t) =>
      t.schema === 'main' &&
      t.type === 'table' &&
      !t.name.startsWith('sqlite_') &&
      !NOT_SCANNED.has(t.name) &&
      !virtual.some((v) => t.name.startsWith(`${v}_`)),
  );
  const out: TextTable[] = [];
  for (const table of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    const info = db.pragma(`table_info(${quote(table.name)})`) as Array<{ name: string; type: string; pk: number }>;
    const columns = info.filter((c) => /TEXT|CHAR|CLOB/i.test(c.type) && rewritable(c.name)).map((c) => c.name);
    if (columns.length === 0) continue;
    const key = table.wr ? info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name) : ['rowid'];
    out.push({ name: table.name, columns, key, stamped: info.some((c) => c.name === 'updated_at') });
  }
  return out;
}

/**
 * The same on PostgreSQL, from information_schema: its full-text table holds a tsvector,
 * not text, and follows the stories by trigger. A row is addressed by its primary key.
 */
function serverTextTables(db: Db): TextTable[] {
  const columns = sql(
    db,
    `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  ).all() as Array<{ table: string; column: string; type: string }>;
  const keys = sql(
    db,
    `SELECT k.table_name AS "table", k.column_name AS "column"
       FROM information_schema.table_constraints t
       JOIN information_schema.key_column_usage k ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name
      WHERE t.table_schema = current_schema() AND t.constraint_type = 'PRIMARY KEY'
      ORDER BY k.table_name, k.ordinal_position`,
  ).all() as Array<{ table: string; column: string }>;
  const out: TextTable[] = [];
  for (const name of [...new Set(columns.map((c) => c.table))].sort((a, b) => a.localeCompare(b))) {
    if (NOT_SCANNED.has(name)) continue;
    const own = columns.filter((c) => c.table === name);
    const text = own.filter((c) => /^(text|character varying|character)$/u.test(c.type) && rewritable(c.column)).map((c) => c.column);
    const key = keys.filter((k) => k.table === name).map((k) => k.column);
    if (text.length === 0) continue;
    // Every svc table has a primary key; ctid addresses a row within this transaction otherwise.
    out.push({ name, columns: text, key: key.length > 0 ? key : ['ctid'], stamped: own.some((c) => c.column === 'updated_at') });
  }
  return out;
}

interface CustomerDetailsRow {
  name: string | null;
  email: string | null;
  phone: string | null;
  external_id: string | null;
}

/** The names svc must never take for the customer's: the team's and every other customer's. */
function otherNames(db: Db, id: number): string[] {
  const rows = sql(
    db,
    `SELECT name FROM people UNION SELECT name FROM customers WHERE id <> ? AND forgotten_at IS NULL AND name IS NOT NULL`,
  ).all(id) as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

/**
 * Which of the customer's details another customer (not forgotten) or a team member has
 * too, exactly: the name, email, phone or external id. Two customers called Ana Lima are
 * two people; forgetting one leaves the other's name where it is theirs. (A name inside a
 * longer one, "Ana Lima" in "Ana Lima Souza", is told apart by the file check itself.)
 */
function sharedDetails(db: Db, id: number, contact: ContactDetails): SharedDetail[] {
  const ids = (rows: unknown[]) => (rows as Array<{ id: number }>).map((row) => row.id);
  const live = 'id <> @id AND forgotten_at IS NULL';
  const out: SharedDetail[] = [];
  const add = (detail: SharedDetail['detail'], customers: number[], teamMember = false) => {
    if (customers.length > 0 || teamMember) out.push({ detail, customers, teamMember });
  };
  const name = contact.name ? cleanName(contact.name) : '';
  if (name) {
    const key = nameKey(name);
    add(
      'name',
      ids(sql(db, `SELECT id FROM customers WHERE ${live} AND name_key = @key ORDER BY id`).all({ id, key })),
      sql(db, 'SELECT 1 AS one FROM people WHERE name_key = ?').get(key) !== undefined,
    );
  }
  if (contact.email) {
    add('email', ids(sql(db, `SELECT id FROM customers WHERE ${live} AND lower(email) = @email ORDER BY id`).all({ id, email: contact.email.trim().toLowerCase() })));
  }
  if (contact.phone) {
    const digits = normalizePhone(contact.phone);
    const rows = sql(db, `SELECT id, phone FROM customers WHERE ${live} AND phone IS NOT NULL ORDER BY id`).all({ id }) as Array<{ id: number; phone: string }>;
    add('phone', rows.filter((row) => normalizePhone(row.phone) === digits).map((row) => row.id));
  }
  if (contact.externalId) {
    add('external id', ids(sql(db, `SELECT id FROM customers WHERE ${live} AND external_id = @externalId ORDER BY id`).all({ id, externalId: contact.externalId })));
  }
  return out;
}

/** Collects changes and the rows they touched, per table. */
class Changes {
  readonly list: ForgetChange[] = [];
  readonly rows = new Map<string, Set<string>>();
  add(table: string, row: number | string, column: string, before: string | null, after: string | null, counted: string = table, countedRow: number | string = row): void {
    this.list.push({ table, row, column, before, after });
    let set = this.rows.get(counted);
    if (!set) this.rows.set(counted, (set = new Set()));
    set.add(String(countedRow));
  }
}

/**
 * Erases a customer's name, email, phone and external id: the customer row keeps only
 * its id, kind and segment, and every copy of the details in stored text becomes
 * "(forgotten)" (a name part only in text linked to them, see LINKED_SQL). Tags and
 * names that become equal are merged; a practice keeps its own name with a number.
 * The forget is recorded to travel in exports, and as pending until its files are
 * verified. Call inside store.write().
 */
export function forgetCustomer(db: Db, id: number, now: string, returned?: ContactDetails): ForgetReport {
  const details = sql(db, 'SELECT name, email, phone, external_id FROM customers WHERE id = ?').get(id) as CustomerDetailsRow | undefined;
  if (!details) throw new Error(`customer #${id} vanished while forgetting it`);
  // Forgotten before, the row holds nothing: the details to look for are those that came back.
  const contact: ContactDetails = returned ?? { name: details.name, email: details.email, phone: details.phone, externalId: details.external_id };
  const redactor = redactorFor(contact, otherNames(db, id), FORGOTTEN_CUSTOMER);
  const shared = sharedDetails(db, id, contact);
  const unshared = unsharedDetails(contact, shared);
  const traces = tracesOf(unshared);
  const nameNotScanned = unshared.name !== null && tooShortToScan(unshared.name);
  const storyIds = (sql(db, 'SELECT id FROM stories WHERE customer_id = ? ORDER BY id').all(id) as Array<{ id: number }>).map((row) => Number(row.id));
  const drafts: DraftsForget = {
    customerId: id,
    name: contact.name ? cleanName(contact.name) : null,
    nameShared: shared.some((s) => s.detail === 'name' && s.customers.length > 0),
    storyIds,
    redactor,
  };
  const changes = new Changes();

  db.exec('CREATE TEMP TABLE IF NOT EXISTS linked_practices (practice_id INTEGER PRIMARY KEY)');
  sql(db, 'DELETE FROM linked_practices').run();
  sql(
    db,
    `INSERT INTO linked_practices SELECT DISTINCT e.practice_id FROM evidence e JOIN stories s ON s.id = e.story_id WHERE s.customer_id = ?`,
  ).run(id);

  redactTags(db, id, redactor, now, changes);
  redactPractices(db, redactor, now, changes);
  redactMatchers(db, redactor, changes);
  eraseAgreedContacts(db, id, now, changes);
  redactText(db, id, redactor, now, changes);
  dropStalePhrases(db, id, redactor);

  for (const [column, value] of Object.entries(details)) if (value !== null) changes.add('customers', id, column, value, null);
  // Erasing again what came back: the forget is recorded already, and its files wait for a wipe only if something changed.
  if (returned && changes.list.length === 0) {
    return { customerId: id, erased: [], storiesChanged: 0, interviewsChanged: 0, elsewhere: {}, changes: [], shared, nameNotScanned, traces, drafts };
  }
  sql(
    db,
    `UPDATE customers SET name = NULL, name_key = NULL, email = NULL, phone = NULL, external_id = NULL, person_id = NULL,
            forgotten_at = coalesce(forgotten_at, @now), updated_at = max(updated_at, @now) WHERE id = @id`,
  ).run({ now, id });
  sql(db, 'INSERT INTO customer_forgets (uuid, customer_id, forgotten_at) VALUES (?, ?, ?) ON CONFLICT (customer_id) DO NOTHING').run(randomUUID(), id, now);
  sql(db, 'INSERT INTO forget_pending (customer_id, since) VALUES (?, ?) ON CONFLICT (customer_id) DO NOTHING').run(id, now);

  const counts = Object.fromEntries([...changes.rows].map(([table, rows]) => [table, rows.size]));
  // The customer's own row is what `erased` reports.
  const { stories = 0, interviews = 0, customers: _ownRow, ...elsewhere } = counts;
  return {
    customerId: id,
    erased: [...(['name', 'email', 'phone'] as const).filter((key) => details[key]), ...(details.external_id ? ['external id'] : [])],
    storiesChanged: stories,
    interviewsChanged: interviews,
    elsewhere,
    changes: changes.list,
    shared,
    nameNotScanned,
    traces,
    drafts,
  };
}

/** The number or contact a customer gave for an agreed call is theirs, whatever it looks like: erased whole. */
function eraseAgreedContacts(db: Db, id: number, now: string, changes: Changes): void {
  const rows = sql(db, 'SELECT id, contact FROM interviews WHERE customer_id = ? AND contact IS NOT NULL').all(id) as Array<{ id: number; contact: string }>;
  for (const row of rows) {
    sql(db, 'UPDATE interviews SET contact = NULL, updated_at = max(updated_at, ?) WHERE id = ?').run(now, row.id);
    changes.add('interviews', row.id, 'contact', row.contact, null);
  }
}

/**
 * Tags: one holding the full details is renamed, merged into the tag of that name if
 * there is one; on the customer's own stories a tag holding a name part is swapped for
 * its redacted form, and dropped once no story carries it.
 */
function redactTags(db: Db, id: number, redactor: Redactor, now: string, changes: Changes): void {
  const tags = sql(db, 'SELECT id, name, created_at FROM tags WHERE builtin = 0 ORDER BY id').all() as Array<{ id: number; name: string; created_at: string }>;
  for (const tag of tags) {
    const renamed = redactor.redactTag(tag.name, false);
    if (renamed === null || renamed === tag.name) continue;
    const existing = sql(db, 'SELECT id FROM tags WHERE name = ?').get(renamed) as { id: number } | undefined;
    if (!existing) {
      sql(db, 'UPDATE tags SET name = ? WHERE id = ?').run(renamed, tag.id);
      changes.add('tags', tag.name, 'name', tag.name, renamed);
      continue;
    }
    sql(db, 'INSERT OR IGNORE INTO story_tags (story_id, tag_id) SELECT story_id, ? FROM story_tags WHERE tag_id = ?').run(existing.id, tag.id);
    sql(db, 'DELETE FROM story_tags WHERE tag_id = ?').run(tag.id);
    sql(db, 'DELETE FROM tags WHERE id = ?').run(tag.id);
    changes.add('tags', tag.name, 'name', tag.name, renamed);
  }
  const linked = sql(
    db,
    `SELECT st.story_id, t.id, t.name, t.created_at FROM story_tags st JOIN tags t ON t.id = st.tag_id JOIN stories s ON s.id = st.story_id
      WHERE s.customer_id = ? AND t.builtin = 0 ORDER BY st.story_id, t.name`,
  ).all(id) as Array<{ story_id: number; id: number; name: string; created_at: string }>;
  const emptied = new Set<number>();
  for (const link of linked) {
    const renamed = redactor.redactTag(link.name, true);
    if (renamed === null || renamed === link.name) continue;
    sql(db, 'DELETE FROM story_tags WHERE story_id = ? AND tag_id = ?').run(link.story_id, link.id);
    sql(db, 'INSERT OR IGNORE INTO story_tags (story_id, tag_id) VALUES (?, ?)').run(link.story_id, ensureTag(db, renamed, link.created_at));
    sql(db, 'UPDATE stories SET updated_at = max(updated_at, ?) WHERE id = ?').run(now, link.story_id);
    changes.add('story_tags', link.story_id, 'tag', link.name, renamed, 'stories');
    emptied.add(link.id);
  }
  for (const tag of emptied) {
    const row = sql(db, 'SELECT name FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM story_tags WHERE tag_id = ?)').get(tag, tag) as { name: string } | undefined;
    if (!row) continue;
    sql(db, 'DELETE FROM tags WHERE id = ?').run(tag);
    changes.add('tags', row.name, 'name', row.name, null);
  }
}

/** Practice names and descriptions; a name that becomes another practice's gets a number, so both keep their history. */
function redactPractices(db: Db, redactor: Redactor, now: string, changes: Changes): void {
  const practices = sql(
    db,
    `SELECT id, name, description, CASE WHEN id IN (SELECT practice_id FROM linked_practices) THEN 1 ELSE 0 END AS linked FROM practices ORDER BY id`,
  ).all() as Array<{ id: number; name: string; description: string | null; linked: number }>;
  for (const practice of practices) {
    const linked = practice.linked === 1;
    const redacted = redactor.redact(practice.name, linked);
    const description = practice.description === null ? null : redactor.redact(practice.description, linked);
    if (redacted === null && description === null) continue;
    let name = redacted ?? practice.name;
    if (redacted !== null) {
      const taken = (candidate: string) => sql(db, 'SELECT 1 FROM practices WHERE name_key = ? AND id <> ?').get(nameKey(candidate), practice.id) !== undefined;
      for (let n = 2; taken(name); n++) name = numberedName(redacted, n);
      changes.add('practices', practice.id, 'name', practice.name, name);
    }
    if (description !== null) changes.add('practices', practice.id, 'description', practice.description, description);
    sql(db, 'UPDATE practices SET name = ?, name_key = ?, description = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(
      name,
      nameKey(name),
      description ?? practice.description,
      now,
      practice.id,
    );
  }
}

/** Matchers follow their tag or phrase; one that becomes a matcher already held is dropped (it says the same). */
function redactMatchers(db: Db, redactor: Redactor, changes: Changes): void {
  const matchers = sql(
    db,
    `SELECT id, kind, value, qualifier, CASE WHEN practice_id IN (SELECT practice_id FROM linked_practices) THEN 1 ELSE 0 END AS linked
       FROM practice_matchers ORDER BY id`,
  ).all() as Array<{ id: number; kind: 'tag' | 'phrase'; value: string; qualifier: string; linked: number }>;
  for (const matcher of matchers) {
    const linked = matcher.linked === 1;
    const raw = matcher.kind === 'tag' ? redactor.redactTag(matcher.value, linked) : redactor.redact(matcher.value, linked);
    if (raw === null) continue;
    let value = matcher.kind === 'tag' ? raw : normalizePhrase(raw);
    // Normalising can join what redaction passed over ("ana #whitfield" becomes "ana whitfield"): redact again until it holds no copy.
    for (let again = redactor.redact(value, linked); matcher.kind === 'phrase' && again !== null && normalizePhrase(again) !== value; again = redactor.redact(value, linked)) {
      value = normalizePhrase(again);
    }
    if (value === matcher.value) continue;
    const held = sql(db, 'SELECT 1 FROM practice_matchers WHERE kind = ? AND value = ? AND qualifier = ?').get(matcher.kind, value, matcher.qualifier) !== undefined;
    if (held) sql(db, 'DELETE FROM practice_matchers WHERE id = ?').run(matcher.id);
    else sql(db, 'UPDATE practice_matchers SET value = ? WHERE id = ?').run(value, matcher.id);
    changes.add('practice_matchers', matcher.id, 'value', matcher.value, held ? null : value);
  }
}

/** A row of a text table as read for redaction: its key as key_0 …, its text columns, and their redacted forms as new_<column>. */
type TextRow = Record<string, string | number | null>;

/** Every other table's text, row by row; only changed rows are written, their updated_at moved so the change travels. */
function redactText(db: Db, id: number, redactor: Redactor, now: string, changes: Changes): void {
  const onServer = isPostgres(db);
  if (!onServer) {
    db.function('svc_redact', { deterministic: true, varargs: false }, (value: unknown, linked: unknown) =>
      typeof value === 'string' ? redactor.redact(value, linked === 1) : null,
    );
  }
  for (const table of textTables(db)) {
    const t = quote(table.name);
    const linked = LINKED_SQL[table.name] ?? '0';
    const params = LINKED_SQL[table.name]?.includes('@id') ? { id } : {};
    // Keys are read under their own names: "rowid" comes back named as its alias (id).
    const keyList = table.key.map((k, i) => `${quote(k)} AS ${quote(`key_${i}`)}`).join(', ');
    const keyValues = (row: TextRow) => table.key.map((_k, i) => row[`key_${i}`]);
    const order = table.key.map(quote).join(', ');
    let rows: TextRow[];
    if (onServer) {
      // PostgreSQL cannot call back into svc: every row's text comes here and is redacted as SQLite's function does.
      const select = `SELECT ${keyList}, ${table.columns.map(quote).join(', ')}, CASE WHEN ${linked === '0' ? 'false' : linked} THEN 1 ELSE 0 END AS svc_linked FROM ${t}`;
      rows = [];
      for (const batch of serverBatches(db, select, table.key, params)) {
        for (const row of batch) {
          const redacted = table.columns.map((c) => [`new_${c}`, typeof row[c] === 'string' ? redactor.redact(row[c], row.svc_linked === 1) : null] as const);
          if (redacted.some(([, value]) => value !== null)) rows.push({ ...row, ...Object.fromEntries(redacted) });
        }
      }
    } else {
      const redacted = table.columns.map((c) => `svc_redact(${quote(c)}, (${linked})) AS ${quote(`new_${c}`)}`).join(', ');
      const anyChange = table.columns.map((c) => `svc_redact(${quote(c)}, (${linked})) IS NOT NULL`).join(' OR ');
      rows = db.prepare(`SELECT ${keyList}, ${table.columns.map(quote).join(', ')}, ${redacted} FROM ${t} WHERE ${anyChange} ORDER BY ${order}`).all(params) as TextRow[];
    }
    for (const row of rows) {
      const set = table.columns.filter((c) => row[`new_${c}`] !== null);
      const where = table.key.map((k) => `${quote(k)} = ?`).join(' AND ');
      const assignments = [...set.map((c) => `${quote(c)} = ?`), ...(table.stamped ? ['updated_at = max(updated_at, ?)'] : [])].join(', ');
      const key = keyValues(row);
      const label = key.length === 1 ? Number(key[0]) : key.join('/');
      const update = () => sql(db, `UPDATE ${t} SET ${assignments} WHERE ${where}`).run(...set.map((c) => row[`new_${c}`]), ...(table.stamped ? [now] : []), ...key);
      try {
        // On PostgreSQL a failed statement ends the transaction: where a collision may come, the update runs in a savepoint.
        if (onServer && DROP_ON_COLLISION.has(table.name)) db.transaction(update)();
        else update();
      } catch (error) {
        if (!isUniqueViolation(error) || !DROP_ON_COLLISION.has(table.name)) throw error;
        sql(db, `DELETE FROM ${t} WHERE ${where}`).run(...key);
        for (const c of set) changes.add(table.name, label, c, row[c] as string, null);
        continue;
      }
      for (const c of set) changes.add(table.name, label, c, row[c] as string, row[`new_${c}`] as string);
    }
  }
}

/** Rows read at once from a server: a story table's text in one answer would cost hundreds of megabytes at 100,000 stories. */
const SERVER_BATCH = 2000;

/**
 * The rows of `select` (which has no WHERE), in key order, a batch at a time: after the
 * last key read where the key is one column, all at once otherwise (the join tables).
 */
function* serverBatches(db: Db, select: string, key: string[], params: Record<string, unknown>): Generator<TextRow[]> {
  const [only] = key;
  if (key.length !== 1 || only === undefined || only === 'ctid') {
    yield db.prepare(`${select} ORDER BY ${key.map(quote).join(', ')}`).all(params) as TextRow[];
    return;
  }
  const next = db.prepare(`${select} WHERE ${quote(only)} > @svc_after ORDER BY ${quote(only)} LIMIT ${SERVER_BATCH}`);
  for (let after: unknown = null; ; ) {
    const batch = (after === null ? db.prepare(`${select} ORDER BY ${quote(only)} LIMIT ${SERVER_BATCH}`).all(params) : next.all({ ...params, svc_after: after })) as TextRow[];
    if (batch.length > 0) yield batch;
    if (batch.length < SERVER_BATCH) return;
    after = batch.at(-1)?.key_0 ?? null;
  }
}

/** A write refused because another row holds the same unique key, on either engine. */
function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === '23505';
}

/**
 * Cached phrases come from story text: a story whose text changed lost them through its
 * trigger; one whose phrases still hold a copy is indexed again by the next command.
 */
/** Stories whose cached phrases are read from a server at once (some twenty phrases each). */
const STORIES_PER_PHRASE_BATCH = 500;

function dropStalePhrases(db: Db, id: number, redactor: Redactor): void {
  let stale: number[];
  if (isPostgres(db)) {
    // No SQL function to call back into svc: the phrases are redacted here, as redactText does, a range of stories at a time.
    const holds = (text: string | null, linked: number) => text !== null && redactor.redact(text, linked === 1) !== null;
    const found = new Set<number>();
    const last = Number((sql(db, 'SELECT coalesce(max(story_id), 0) AS last FROM story_phrases').get() as { last: number }).last);
    const range = sql(
      db,
      `SELECT p.story_id, p.key, p.detail, CASE WHEN s.customer_id = @id THEN 1 ELSE 0 END AS linked
         FROM story_phrases p JOIN stories s ON s.id = p.story_id WHERE p.story_id > @from AND p.story_id <= @to`,
    );
    for (let from = 0; from < last; from += STORIES_PER_PHRASE_BATCH) {
      const phrases = range.all({ id, from, to: from + STORIES_PER_PHRASE_BATCH }) as Array<{ story_id: number; key: string; detail: string | null; linked: number }>;
      for (const p of phrases) if (holds(p.key, p.linked) || holds(p.detail, p.linked)) found.add(p.story_id);
    }
    stale = [...found];
  } else {
    const rows = db
      .prepare(
        `SELECT DISTINCT p.story_id FROM story_phrases p JOIN stories s ON s.id = p.story_id
          WHERE svc_redact(p.key, s.customer_id IS @id) IS NOT NULL OR svc_redact(p.detail, s.customer_id IS @id) IS NOT NULL`,
      )
      .all({ id }) as Array<{ story_id: number }>;
    stale = rows.map((row) => row.story_id);
  }
  for (const storyId of stale) {
    sql(db, 'DELETE FROM story_phrases WHERE story_id = ?').run(storyId);
    sql(db, 'DELETE FROM story_phrase_index WHERE story_id = ?').run(storyId);
  }
}

class Rollback extends Error {
  constructor(readonly report: ForgetReport) {
    super('dry run');
  }
}

/** What forgetting the customer would change, found by doing it and rolling it back. */
export function previewForget(store: Connection, id: number, now: string): ForgetReport {
  try {
    store.write(() => {
      throw new Rollback(forgetCustomer(store.db, id, now));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.report;
    throw error;
  }
  throw new Error('unreachable: the preview always rolls back');
}

/** Whether this customer's forget is erased from the records but its files are not verified clean yet. */
export function isForgetPending(db: Db, id: number): boolean {
  return sql(db, 'SELECT 1 FROM forget_pending WHERE customer_id = ?').get(id) !== undefined;
}

/** The customers forgotten here whose files are not verified clean yet. */
export function pendingForgets(db: Db): number[] {
  return (sql(db, 'SELECT customer_id FROM forget_pending ORDER BY customer_id').all() as Array<{ customer_id: number }>).map((r) => r.customer_id);
}

/** Marks forgets as finished: their files were verified clean. */
export function clearPendingForgets(db: Db, ids: readonly number[]): void {
  for (const id of ids) sql(db, 'DELETE FROM forget_pending WHERE customer_id = ?').run(id);
}

/** A forget an import applied: which customer, and what to look for in the files afterwards. */
export interface ImportedForget {
  customerId: number;
  traces: string[];
  /** What to look for in the drafts on this machine afterwards (personal data: kept in memory only). */
  drafts: DraftsForget;
  /** Forgotten here before: the file brought their details back, and they were erased again. */
  again?: boolean;
}

/**
 * Erases again a customer forgotten here whose details an import brought back (a copy
 * that had not heard of the forget sends their row, and text naming them): every copy of
 * those details is redacted as the forget did. Returns what it did, if anything changed.
 */
export function eraseReturnedDetails(db: Db, id: number, returned: ContactDetails, now: string): ImportedForget | undefined {
  if (!Object.values(returned).some((value) => value !== null && value !== '')) return undefined;
  const report = forgetCustomer(db, id, now, returned);
  return report.changes.length === 0 ? undefined : { customerId: id, traces: report.traces, drafts: report.drafts, again: true };
}

/**
 * Applies a forget that an import brings, from the details stored here (an export may
 * leave contacts out): a customer row forgotten in the file, before it replaces ours,
 * or a forget event for a customer we still know. Returns what it forgot, if anything.
 */
export function applyImportedForget(
  db: Db,
  table: string,
  incoming: Record<string, string | number | null>,
  local: Record<string, unknown> | undefined,
): ImportedForget | undefined {
  let id: number | undefined;
  let at: string | undefined;
  if (table === 'customers' && local && incoming.forgotten_at != null && local.forgotten_at == null) {
    id = Number(local.id);
    at = String(incoming.forgotten_at);
  } else if (table === 'customer_forgets' && typeof incoming.customer_id === 'number') {
    const customer = sql(db, 'SELECT id FROM customers WHERE id = ? AND forgotten_at IS NULL').get(incoming.customer_id) as { id: number } | undefined;
    id = customer?.id;
    at = String(incoming.forgotten_at);
  }
  if (id === undefined || at === undefined) return undefined;
  const report = forgetCustomer(db, id, at);
  return { customerId: id, traces: report.traces, drafts: report.drafts };
}
