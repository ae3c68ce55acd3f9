import { isPostgres, sql, type Db } from './db.ts';

/** A column that refers to rows of another table. */
export interface Referrer {
  table: string;
  column: string;
  notNull: boolean;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Every column of the schema that refers to `table`, read from the foreign keys: a table a
 * later migration adds is followed by merges and removals without changes here.
 */
export function referrersOf(db: Db, table: string): Referrer[] {
  if (isPostgres(db)) {
    // PostgreSQL's catalogue: every single-column foreign key of this schema onto table.
    return (
      sql(
        db,
        `SELECT child.relname AS "table", a.attname AS "column", a.attnotnull AS "notNull"
           FROM pg_constraint c
           JOIN pg_class child ON child.oid = c.conrelid
           JOIN pg_class parent ON parent.oid = c.confrelid
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND parent.relname = ? AND child.relnamespace = CAST(current_schema() AS regnamespace)
          ORDER BY child.relname, a.attname`,
      ).all(table) as Array<{ table: string; column: string; notNull: boolean }>
    ).map((r) => ({ table: r.table, column: r.column, notNull: r.notNull === true }));
  }
  const tables = (sql(db, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((t) => t.name);
  const found: Referrer[] = [];
  for (const name of tables) {
    const keys = db.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as Array<{ table: string; from: string }>;
    for (const fk of keys.filter((k) => k.table === table)) {
      const info = db.prepare(`PRAGMA table_info(${quote(name)})`).all() as Array<{ name: string; notnull: number }>;
      found.push({ table: name, column: fk.from, notNull: info.find((c) => c.name === fk.from)?.notnull === 1 });
    }
  }
  return found;
}

/**
 * On PostgreSQL, which has no UPDATE OR IGNORE: a condition true of the rows that moving
 * would make equal to a row already there in one of the unique keys holding `column`.
 */
function wouldCollide(db: Db, r: Referrer): string {
  const keys = sql(
    db,
    `SELECT array_to_json(ARRAY(SELECT a.attname FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k)) AS columns
       FROM pg_index i WHERE i.indisunique AND i.indrelid = CAST(CAST(? AS text) AS regclass)`,
  ).all(quote(r.table)) as Array<{ columns: string[] | string }>;
  const conditions = keys
    .map((k) => (typeof k.columns === 'string' ? (JSON.parse(k.columns) as string[]) : k.columns))
    .filter((columns) => columns.includes(r.column))
    .map((columns) => {
      const same = columns.filter((c) => c !== r.column).map((c) => `other.${quote(c)} = moved.${quote(c)}`);
      return `EXISTS (SELECT 1 FROM ${quote(r.table)} other WHERE other.${quote(r.column)} = @into${same.map((s) => ` AND ${s}`).join('')})`;
    });
  return conditions.length === 0 ? 'false' : conditions.join(' OR ');
}

/** How many rows of each referring table.column point at one row. */
export function countReferences(db: Db, table: string, id: number, only?: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of referrersOf(db, table)) {
    if (only && !only.includes(`${r.table}.${r.column}`)) continue;
    const n = (sql(db, `SELECT count(*) AS n FROM ${quote(r.table)} WHERE ${quote(r.column)} = ?`).get(id) as { n: number }).n;
    if (n > 0) counts[`${r.table}.${r.column}`] = n;
  }
  return counts;
}

/**
 * Points every reference to row `fromId` of `table` at `intoId` instead. A link that
 * would then appear twice (a story crediting both people) is kept once.
 */
export function moveReferences(db: Db, table: string, fromId: number, intoId: number): void {
  for (const r of referrersOf(db, table)) {
    if (isPostgres(db)) {
      sql(db, `UPDATE ${quote(r.table)} moved SET ${quote(r.column)} = @into WHERE moved.${quote(r.column)} = @from AND NOT (${wouldCollide(db, r)})`).run({ into: intoId, from: fromId });
    } else {
      sql(db, `UPDATE OR IGNORE ${quote(r.table)} SET ${quote(r.column)} = ? WHERE ${quote(r.column)} = ?`).run(intoId, fromId);
    }
    sql(db, `DELETE FROM ${quote(r.table)} WHERE ${quote(r.column)} = ?`).run(fromId);
  }
}

/** Removes every reference to a row: emptied where the column may be empty, else the referring row goes. */
export function dropReferences(db: Db, table: string, id: number): void {
  for (const r of referrersOf(db, table)) {
    const statement = r.notNull
      ? `DELETE FROM ${quote(r.table)} WHERE ${quote(r.column)} = ?`
      : `UPDATE ${quote(r.table)} SET ${quote(r.column)} = NULL WHERE ${quote(r.column)} = ?`;
    sql(db, statement).run(id);
  }
}
