/**
 * The store's SQL is written for SQLite. This turns a statement into PostgreSQL's dialect,
 * so that one statement serves both engines where the difference is only spelling:
 *
 * - parameters `?`, `@name`, `:name` become `$1`, `$2` … (a name used twice is one number);
 * - `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`;
 * - `x IS ?` / `x IS NOT ?` (null-safe equality) become `IS [NOT] DISTINCT FROM`;
 * - `? IS NULL` gets a type (`$1::text IS NULL`), which PostgreSQL cannot guess;
 * - an alias in mixed case (`AS storyId`) is quoted, so PostgreSQL keeps its case;
 * - `x [NOT] IN (SELECT value FROM json_each(?))` becomes `x = ANY($1)` / `x <> ALL($1)`,
 *   the JSON array bound as an array, so the elements take x's type (ids or text);
 * - scalar `max(a, b)` / `min(a, b)` become `greatest` / `least`;
 * - `json_group_array(x)` becomes the same compact JSON text, `'[]'` when there are no rows;
 * - `json_array(a, b)` becomes the same compact text SQLite writes (`["a",1]`);
 * - `group_concat(x[, sep])` becomes `string_agg`, `char(n)` `chr(n)`, `instr` `strpos`;
 * - `EXISTS (…) AS name` in a select list becomes 0 or 1, as SQLite gives it;
 * - `date(x)` of an ISO timestamp becomes its first ten characters, and
 *   `date(x, '+' || n || ' days')` a day n days later;
 * - `a = b COLLATE NOCASE` becomes `lower(a) = lower(b)` (ASCII folding, as SQLite's), and
 *   `LIKE` `ILIKE … ESCAPE ''` (ASCII case ignored, no escape character, as SQLite's);
 * - `CROSS JOIN t ON …` (SQLite's join-order hint) becomes `JOIN t ON …`;
 * - a subquery in FROM or JOIN without a name gets one (`AS subquery_1`), which PostgreSQL
 *   before 16 requires;
 * - each ORDER BY term sorts NULL first (last when descending), as SQLite does.
 *
 * Text inside string literals, quoted identifiers and comments is never touched. What
 * is not translated (json_each in FROM, FTS5, PRAGMA, rowid) is listed by `untranslated`,
 * so a caller can refuse such a statement rather than send it to the server.
 */

export interface PostgresStatement {
  /** The statement in PostgreSQL's dialect. */
  text: string;
  /** The values for $1, $2 … from what the SQLite statement was given (positional values, or one object of named ones). */
  bind(params: readonly unknown[]): unknown[];
}

const SENTINEL = '\u0001';

/** Cuts the statement into code and the parts that are not code (literals, quoted names, comments), kept aside. */
function protect(sql: string): { code: string; restore: (code: string) => string; literal: (marker: string) => string | undefined } {
  const kept: string[] = [];
  let code = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    let end = -1;
    if (c === "'" || c === '"' || c === '`') {
      end = i + 1;
      for (;;) {
        end = sql.indexOf(c, end);
        if (end === -1) {
          end = sql.length;
          break;
        }
        if (sql[end + 1] === c) end += 2;
        else {
          end += 1;
          break;
        }
      }
    } else if (c === '-' && next === '-') {
      end = sql.indexOf('\n', i);
      if (end === -1) end = sql.length;
    } else if (c === '/' && next === '*') {
      end = sql.indexOf('*/', i + 2);
      end = end === -1 ? sql.length : end + 2;
    }
    if (end === -1) {
      code += c;
      i += 1;
    } else {
      code += `${SENTINEL}${kept.length}${SENTINEL}`;
      kept.push(sql.slice(i, end));
      i = end;
    }
  }
  const pattern = new RegExp(`${SENTINEL}(\\d+)${SENTINEL}`, 'g');
  return {
    code,
    restore: (text) => text.replace(pattern, (_, n: string) => kept[Number(n)] ?? ''),
    literal: (marker) => kept[Number(new RegExp(`^${SENTINEL}(\\d+)${SENTINEL}$`).exec(marker.trim())?.[1] ?? -1)],
  };
}

/** The operands of a top-level `a || b || c`. */
function splitConcatenation(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] === '(') depth++;
    else if (expression[i] === ')') depth--;
    else if (depth === 0 && expression.startsWith('||', i)) {
      parts.push(expression.slice(start, i).trim());
      start = i + 2;
      i++;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts;
}

const ORDER_BY = /\bORDER\s+BY\b/gi;
const ORDER_BY_END = /^(?:LIMIT|OFFSET|FETCH|FOR|UNION|INTERSECT|EXCEPT|RETURNING|ON|WINDOW)\b/i;

/**
 * SQLite sorts NULL before every value, PostgreSQL after: each ORDER BY term gets the
 * NULLS FIRST (ascending) or NULLS LAST (descending) that gives SQLite's order.
 */
function nullsAsSqlite(code: string): string {
  let out = '';
  let last = 0;
  for (let m = ORDER_BY.exec(code); m; m = ORDER_BY.exec(code)) {
    let depth = 0;
    let end = m.index + m[0].length;
    for (; end < code.length; end++) {
      const c = code[end];
      if (c === '(') depth++;
      else if (c === ')' && --depth < 0) break;
      else if (c === ';' && depth === 0) break;
      else if (depth === 0 && /\s/.test(c ?? '') && ORDER_BY_END.test(code.slice(end + 1))) break;
    }
    const terms = splitArguments(code.slice(m.index + m[0].length, end)).map((term) => {
      if (/\bNULLS\s+(?:FIRST|LAST)$/i.test(term)) return term;
      return `${term} ${/\bDESC$/i.test(term) ? 'NULLS LAST' : 'NULLS FIRST'}`;
    });
    out += `${code.slice(last, m.index)}${m[0]} ${terms.join(', ')}`;
    last = end;
    ORDER_BY.lastIndex = end;
  }
  return out + code.slice(last);
}

/** Where the parenthesis opened at `open` closes. */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses in SQL: ${code.slice(open, open + 60)}`);
}

/** Splits a call's argument list at its top-level commas. */
function splitArguments(list: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth--;
    else if (list[i] === ',' && depth === 0) {
      args.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(list.slice(start).trim());
  return args;
}

/**
 * Rewrites each call of the function `name` (innermost first); `rewrite` is given the
 * arguments and the text after the call, and returns null to keep a call as it is.
 */
function rewriteCalls(code: string, name: string, rewrite: (args: string[], after: string) => string | null): string {
  const call = new RegExp(`\\b${name}\\s*\\(`, 'gi');
  let out = '';
  let last = 0;
  for (let m = call.exec(code); m; m = call.exec(code)) {
    if (m.index < last) continue;
    const open = m.index + m[0].length - 1;
    const close = closing(code, open);
    const args = splitArguments(rewriteCalls(code.slice(open + 1, close), name, rewrite));
    const replaced = rewrite(args, code.slice(close + 1));
    out += code.slice(last, m.index) + (replaced ?? `${m[0]}${args.join(', ')})`);
    last = close + 1;
    call.lastIndex = last;
  }
  return out + code.slice(last);
}

const SUBQUERY = /\b(?:FROM|JOIN)\s*\(\s*(?=SELECT\b|WITH\b|VALUES\b)/gi;
const NOT_AN_ALIAS = /^(?:WHERE|GROUP|ORDER|LIMIT|OFFSET|UNION|INTERSECT|EXCEPT|JOIN|LEFT|RIGHT|INNER|OUTER|FULL|CROSS|NATURAL|ON|USING|HAVING|WINDOW|RETURNING|FOR)$/i;

/** Names each subquery in FROM or JOIN that has no name: SQLite allows that, PostgreSQL before 16 does not. */
function nameSubqueries(code: string): string {
  let text = code;
  let count = 0;
  SUBQUERY.lastIndex = 0;
  for (let m = SUBQUERY.exec(text); m; m = SUBQUERY.exec(text)) {
    const close = closing(text, text.indexOf('(', m.index));
    const alias = /^\s*(?:AS\s+)?([A-Za-z_]\w*)/i.exec(text.slice(close + 1))?.[1];
    if (alias === undefined || NOT_AN_ALIAS.test(alias)) text = `${text.slice(0, close + 1)} AS subquery_${++count}${text.slice(close + 1)}`;
    // Subqueries inside this one are looked at next: the name went in after them.
    SUBQUERY.lastIndex = m.index + 1;
  }
  return text;
}

const PARAM = /\?|(?<![:\w])[:@]([A-Za-z_]\w*)/g;

/** Numbers the parameters: each `?` is the next value; a name keeps its first number. */
function numberParameters(code: string): { code: string; slots: Array<number | string> } {
  const slots: Array<number | string> = [];
  const named = new Map<string, number>();
  let positional = 0;
  const text = code.replace(PARAM, (match, name: string | undefined) => {
    if (name === undefined) {
      slots.push(positional++);
      return `$${slots.length}`;
    }
    const known = named.get(name);
    if (known !== undefined) return `$${known}`;
    slots.push(name);
    named.set(name, slots.length);
    return `$${slots.length}`;
  });
  return { code: text, slots };
}

const JSON_EACH_IN = /(\bNOT\s+)?\bIN\s*\(\s*SELECT\s+value\s+FROM\s+json_each\s*\(\s*\$(\d+)\s*\)\s*\)/gi;
const OPERAND = String.raw`(?:[\w.]+|\$\d+)`;

function translateCode(code: string, literal: (marker: string) => string | undefined): { code: string; slots: Array<number | string>; arrays: Set<number> } {
  const numbered = numberParameters(code);
  let text = numbered.code;
  const arrays = new Set<number>();

  text = text.replace(JSON_EACH_IN, (_, not: string | undefined, n: string) => {
    arrays.add(Number(n));
    return not ? `<> ALL($${n})` : `= ANY($${n})`;
  });
  // PostgreSQL must know a parameter's type, and a NULL test says nothing of it; it does not
  // wait for a later use either (`$1 IS NULL OR id = $1` is refused). So a parameter used
  // elsewhere too is tested through a copy of its value of its own, as text.
  const slots = numbered.slots;
  const uses = (n: string) => text.match(new RegExp(`\\$${n}(?!\\d)`, 'g'))?.length ?? 0;
  text = text.replace(/\$(\d+)(\s+IS\s+(?:NOT\s+)?NULL\b)/gi, (_, n: string, rest: string) => {
    if (uses(n) === 1 && !arrays.has(Number(n))) return `$${n}::text${rest}`;
    slots.push(slots[Number(n) - 1] ?? 0);
    return `$${slots.length}::text${rest}`;
  });
  text = text.replace(/\bIS\s+NOT\s+(\$\d+)/gi, 'IS DISTINCT FROM $1').replace(/\bIS\s+(\$\d+)/gi, 'IS NOT DISTINCT FROM $1');
  text = text.replace(new RegExp(`(${OPERAND})\\s*=\\s*(${OPERAND})\\s+COLLATE\\s+NOCASE\\b`, 'gi'), 'lower($1) = lower($2)');
  // SQLite's LIKE ignores ASCII case and knows no escape character unless told one;
  // PostgreSQL's ILIKE with no escape is the same (the columns' "C" collation folds ASCII only).
  text = text.replace(new RegExp(`\\bLIKE\\s+(${SENTINEL}\\d+${SENTINEL}|\\$\\d+)(?!\\s+ESCAPE\\b)`, 'gi'), "ILIKE $1 ESCAPE ''");

  // CROSS JOIN … ON is SQLite's way to fix the join order; PostgreSQL plans an inner join itself.
  text = text.replace(/\bCROSS\s+JOIN\s+(\w+(?:\s+(?!ON\b)\w+)?)\s+ON\b/gi, 'JOIN $1 ON');
  text = nameSubqueries(text);
  if (/\bINSERT\s+OR\s+IGNORE\s+INTO\b/i.test(text)) {
    text = text.replace(/\bINSERT\s+OR\s+IGNORE\s+INTO\b/i, 'INSERT INTO');
    const returning = /\bRETURNING\b/i.exec(text);
    const trailing = /\s*;?\s*$/.exec(text);
    const at = returning?.index ?? trailing?.index ?? text.length;
    text = `${text.slice(0, at).trimEnd()} ON CONFLICT DO NOTHING${returning ? ' ' : ''}${text.slice(at)}`;
  }

  text = rewriteCalls(text, 'max', (args) => (args.length > 1 ? `greatest(${args.join(', ')})` : null));
  text = rewriteCalls(text, 'min', (args) => (args.length > 1 ? `least(${args.join(', ')})` : null));
  // array_to_json writes SQLite's compact text ([1,2], not json_agg's [1, 2]).
  text = rewriteCalls(text, 'json_group_array', ([arg]) => `coalesce(array_to_json(array_agg(${arg}))::text, '[]')`);
  text = rewriteCalls(text, 'json_array', (args) => `('[' || concat_ws(',', ${args.map((a) => `coalesce(to_json(${a})::text, 'null')`).join(', ')}) || ']')`);
  text = rewriteCalls(text, 'group_concat', ([arg = '', separator]) => {
    const distinct = /^DISTINCT\s+/i.exec(arg);
    return `string_agg(${distinct ? 'DISTINCT ' : ''}(${arg.slice(distinct?.[0].length ?? 0)})::text, ${separator ?? "','"})`;
  });
  text = rewriteCalls(text, 'char', (args) => (args.length === 1 ? `chr(${args[0]})` : null));
  // instr(haystack, needle) and strpos(string, substring) both count from 1, 0 when absent.
  text = rewriteCalls(text, 'instr', (args) => (args.length === 2 ? `strpos(${args.join(', ')})` : null));
  text = rewriteCalls(text, 'date', (args) => {
    if (args.length === 1) return `substr(${args[0]}, 1, 10)`;
    // date(x, '+' || n || ' days'): the day n days after x's.
    const parts = splitConcatenation(args[1] ?? '');
    if (args.length === 2 && parts.length === 3 && literal(parts[0] ?? '') === "'+'" && literal(parts[2] ?? '') === "' days'") {
      return `to_char(CAST(substr(${args[0]}, 1, 10) AS date) + CAST(${parts[1]} AS integer), 'YYYY-MM-DD')`;
    }
    return null;
  });
  // A test in the select list is 0 or 1 on SQLite, as the store reads it; PostgreSQL gives a boolean.
  text = rewriteCalls(text, 'EXISTS', (args, after) => (/^\s+AS\s+\w+/i.test(after) ? `CAST(EXISTS (${args.join(', ')}) AS integer)` : null));
  text = nullsAsSqlite(text);
  // An alias in mixed case is quoted, or PostgreSQL folds it to lower case (storyId → storyid).
  text = text.replace(/\bAS\s+([A-Za-z_]\w*)\b/g, (whole, alias: string) => (/[A-Z]/.test(alias) && /[a-z]/.test(alias) ? `AS "${alias}"` : whole));
  return { code: text, slots, arrays };
}

/** SQLite constructs this translator leaves as they are; a statement holding one needs its own PostgreSQL text. */
export function untranslated(postgresSql: string): string[] {
  const { code } = protect(postgresSql);
  const found: string[] = [];
  const checks: Array<[RegExp, string]> = [
    [/\bjson_each\s*\(/i, 'json_each'],
    [/\bjson_extract\s*\(/i, 'json_extract'],
    [/\bMATCH\b|\bsnippet\s*\(|\bhighlight\s*\(|\bbm25\s*\(/i, 'FTS5'],
    [/\bPRAGMA\b|\bpragma_\w+/i, 'PRAGMA'],
    [/\browid\b/i, 'rowid'],
    [/\bsqlite_\w+/i, 'sqlite_ tables'],
    [/\bdate\s*\(/i, 'date with modifiers'],
    [/\b(?:strftime|julianday|datetime|unixepoch)\s*\(/i, 'SQLite date functions'],
    [/\bCOLLATE\s+NOCASE\b/i, 'COLLATE NOCASE'],
    [/\bINSERT\s+OR\s+(?:REPLACE|ABORT|FAIL|ROLLBACK)\b/i, 'INSERT OR …'],
    [/\bWITHOUT\s+ROWID\b/i, 'WITHOUT ROWID'],
  ];
  for (const [pattern, name] of checks) if (pattern.test(code)) found.push(name);
  return found;
}

const cache = new Map<string, PostgresStatement>();

/** The statement in PostgreSQL's dialect, translated once per text. */
export function toPostgres(sqliteSql: string): PostgresStatement {
  const cached = cache.get(sqliteSql);
  if (cached) return cached;
  const { code, restore, literal } = protect(sqliteSql);
  const translated = translateCode(code, literal);
  const statement: PostgresStatement = {
    text: restore(translated.code),
    bind(params) {
      const named = params.length === 1 && isNamed(params[0]) ? (params[0] as Record<string, unknown>) : undefined;
      return translated.slots.map((slot, i) => {
        const value = typeof slot === 'number' ? params[slot] : named?.[slot];
        // A JSON array given for json_each goes as an array; PostgreSQL types its elements from the comparison.
        return translated.arrays.has(i + 1) && typeof value === 'string' ? (JSON.parse(value) as unknown[]) : (value ?? null);
      });
    },
  };
  cache.set(sqliteSql, statement);
  return statement;
}

function isNamed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * An FTS5 query as `toFtsQuery` writes it (`"word" "pre"*`) as a tsquery: every word, in
 * any order, a prefix keeping its meaning (`'word' & 'pre':*`), for
 * `to_tsquery('svc_search', $1)`.
 */
export function toTsQuery(ftsQuery: string): string {
  const terms = [...ftsQuery.matchAll(/"((?:[^"]|"")*)"(\*)?/g)].map((m) => `'${(m[1] ?? '').replaceAll('""', '"').replaceAll("'", "''")}'${m[2] ? ':*' : ''}`);
  return terms.join(' & ');
}
