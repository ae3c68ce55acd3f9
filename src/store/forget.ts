import { redactorFor, type ContactDetails } from '../core/forget.ts';
import { sql, type Db } from './db.ts';
import { FORGOTTEN_CUSTOMER } from './stories.ts';

/** What erasing one customer changed. */
export interface ForgetReport {
  customerId: number;
  /** Which of name, email, phone and external id the customer row held. */
  erased: string[];
  storiesChanged: number;
  interviewsChanged: number;
  /** Other tables where a copy was replaced: rows changed per table. */
  elsewhere: Record<string, number>;
}

// The customer row is erased field by field below; staff names and schema bookkeeping
// are not about customers.
const NOT_SCANNED = new Set(['customers', 'people', 'schema_migrations']);

/**
 * Every ordinary table's text columns. Shadow tables of full-text indexes are left to
 * the index itself, which follows its content table through triggers.
 */
function textColumns(db: Db): Map<string, string[]> {
  const tables = (db.pragma('table_list') as Array<{ schema: string; name: string; type: string }>).filter(
    (t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_') && !NOT_SCANNED.has(t.name),
  );
  const columns = new Map<string, string[]>();
  for (const table of tables) {
    const text = (db.pragma(`table_info(${quote(table.name)})`) as Array<{ name: string; type: string }>)
      .filter((c) => /TEXT|CHAR|CLOB/i.test(c.type) && c.name !== 'uuid')
      .map((c) => c.name);
    if (text.length > 0) columns.set(table.name, text);
  }
  return columns;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * Erases a customer's name, email, phone and external id: the customer row keeps only
 * its id, kind and segment, and every copy of the details in stored text (stories,
 * interview answers, anything else) becomes "(forgotten)". Call inside store.write().
 */
export function forgetCustomer(db: Db, id: number, now: string): ForgetReport {
  const details = sql(db, 'SELECT name, email, phone, external_id FROM customers WHERE id = ?').get(id) as
    | (ContactDetails & { external_id: string | null })
    | undefined;
  if (!details) throw new Error(`customer #${id} vanished while forgetting it`);
  const redactor = redactorFor(details, FORGOTTEN_CUSTOMER);
  db.function('svc_redact', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? redactor.redact(value) : null,
  );

  const changed: Record<string, number> = {};
  for (const [table, columns] of textColumns(db)) {
    // Identifiers come from the schema itself, quoted; the values never leave SQLite.
    const t = quote(table);
    const matches = columns.map((column) => `svc_redact(${quote(column)}) IS NOT NULL`).join(' OR ');
    const rows = (sql(db, `SELECT count(*) AS n FROM ${t} WHERE ${matches}`).get() as { n: number }).n;
    if (rows === 0) continue;
    for (const column of columns.map(quote)) {
      sql(db, `UPDATE ${t} SET ${column} = svc_redact(${column}) WHERE svc_redact(${column}) IS NOT NULL`).run();
    }
    changed[table] = rows;
  }
  sql(
    db,
    `UPDATE customers SET name = NULL, name_key = NULL, email = NULL, phone = NULL, external_id = NULL,
            forgotten_at = ?, updated_at = ? WHERE id = ?`,
  ).run(now, now, id);

  const { stories = 0, interviews = 0, ...elsewhere } = changed;
  return {
    customerId: id,
    erased: [
      ...(['name', 'email', 'phone'] as const).filter((key) => details[key]),
      ...(details.external_id ? ['external id'] : []),
    ],
    storiesChanged: stories,
    interviewsChanged: interviews,
    elsewhere,
  };
}

/**
 * Rewrites the database file without free pages and empties the write-ahead log, so
 * no erased byte survives in either file. Call outside a transaction.
 */
export function compactDatabase(db: Db): void {
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
