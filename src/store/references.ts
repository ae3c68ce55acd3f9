import { sql, type Db } from './db.ts';

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
    sql(db, `UPDATE OR IGNORE ${quote(r.table)} SET ${quote(r.column)} = ? WHERE ${quote(r.column)} = ?`).run(intoId, fromId);
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
