import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';

/** What `svc db check` found, as far as its text shows it. */
export interface CheckFindings {
  path: string;
  problems: readonly string[];
  brokenReferences: readonly unknown[];
  schema: { version: number; newest: number; pending: readonly string[] };
  /** Why svc would refuse the database, when it would. */
  refused?: { reason: 'newer' | 'foreign' | 'no-schema' | 'not-allowed' };
  counts: Record<string, number>;
  sizeBytes: number;
}

/** The schema line of a database svc refuses (a newer one has its own). */
const REFUSED: Record<'newer' | 'foreign' | 'no-schema' | 'not-allowed', (version: number, newest: number) => string> = {
  newer: (version, newest) => `${version}, newer than this svc knows (${newest})`,
  foreign: () => 'none: the tables there are another program\'s, not svc\'s',
  'no-schema': () => 'none: svc\'s tables are not there',
  'not-allowed': (version, newest) =>
    version === 0 ? 'none; svc would create its tables, but this role may not' : `version ${version}; svc would upgrade it to ${newest}, but this role may not`,
};

/** `svc db check`: size, integrity, references and schema, then the rows per table. */
export function checkText(report: CheckFindings, look: Look): string {
  const c = look.color;
  const { schema } = report;
  const line = (label: string, value: string) => `${c.dim(label.padEnd(11))} ${value}\n`;
  let out = line('database', report.path);
  out += line('size', `${Math.ceil(report.sizeBytes / 1024)} KB`);
  out += line('integrity', report.problems.length === 0 ? c.green('ok') : c.red(report.problems.slice(0, 5).join('; ')));
  out += line('references', report.brokenReferences.length === 0 ? c.green('ok') : c.red(`${report.brokenReferences.length} rows point at nothing`));
  out += line(
    'schema',
    schema.version > schema.newest
      ? c.yellow(`${schema.version}, newer than this svc knows (${schema.newest})`)
      : report.refused
        ? c.red(REFUSED[report.refused.reason](schema.version, schema.newest))
        : schema.pending.length
        ? `version ${schema.version}; svc will upgrade it to ${schema.newest} on next use (${schema.pending.join(', ')})`
        : `version ${schema.version} (up to date)`,
  );
  const rows = Object.entries(report.counts).map(([table, n]) => [table.replaceAll('_', ' '), n]);
  out += `\n${renderTable(['records', 'rows'], rows, { tty: look.tty, head: (t) => c.bold(t) })}`;
  return out.trimEnd();
}
