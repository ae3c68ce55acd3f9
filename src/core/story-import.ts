/**
 * Stories from form and spreadsheet exports (Google Forms, Microsoft Forms, Typeform, a
 * shared sheet): which column holds which field, the forms' own date formats, and a
 * content key that makes a re-import of the same rows add nothing. Each row then goes
 * through the same validation as `svc story add` (draftStory).
 */
import { createHash } from 'node:crypto';
import { toDay, type Day } from './dates.ts';
import { isSvcError, UsageError, ValidationError } from './errors.ts';
import { messages } from './messages.ts';
import { draftStory, type StoryDraft, type StoryInput } from './story.ts';
import { CHANNELS, type Channel } from './story-fields.ts';
import { nameKey } from './text.ts';

export const IMPORT_FIELDS = ['text', 'staff', 'when', 'customer', 'channel', 'tags', 'title', 'impact'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ColumnMap = Partial<Record<ImportField, string>>;

/** Headers the common form tools write, after normalising (lower case, letters and digits only). */
const KNOWN_HEADERS: Record<ImportField, readonly string[]> = {
  text: ['text', 'story', 'what happened', 'tell us what happened', 'what did they do', 'what did they do exactly', 'description', 'the story', 'your story'],
  staff: ['staff', 'who helped', 'who helped you', 'who', 'employee', 'employees', 'team member', 'team members', 'colleague', 'staff member', 'staff name', 'people'],
  when: ['when', 'date', 'timestamp', 'time stamp', 'submitted at', 'submit date', 'submit date utc', 'completion time', 'start time', 'created', 'created at', 'occurred on', 'date of the visit'],
  customer: ['customer', 'client', 'customer name', 'client name', 'for whom'],
  channel: ['channel', 'how', 'how did it happen', 'contact channel'],
  tags: ['tags', 'tag', 'labels', 'categories'],
  title: ['title', 'headline', 'summary'],
  impact: ['impact', 'result', 'what resulted', 'outcome', 'what did it mean for the customer'],
};

/** A header as compared: lower case, punctuation and repeated spaces gone ("What happened?" → "what happened"). */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2') // camelCase keys of JSON exports: occurredOn, submittedAt
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Parses --map text="What happened?",staff=Who (repeatable). A header holding a comma
 * must be quoted inside the value: --map 'text="Tell us, please"'.
 */
export function parseColumnMap(specs: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  for (const spec of specs) {
    for (const part of spec.match(/(?:"[^"]*"|[^,"])+/gu) ?? []) {
      const match = /^\s*([\w-]+)\s*=\s*(.*?)\s*$/su.exec(part);
      const field = match?.[1]?.toLowerCase();
      const column = match?.[2]?.replace(/^"(.*)"$/su, '$1');
      if (!match || !column || !IMPORT_FIELDS.includes(field as ImportField)) {
        throw new UsageError(messages.formBadMap(part.trim()), messages.formBadMapHint);
      }
      map[field as ImportField] = column;
    }
  }
  return map;
}

/**
 * Which column index holds each field: --map first, then the config's mapping, then the
 * recognised headers. A mapped column that is not in the file, or no column for the
 * story text, is refused naming the columns that were found.
 */
export function resolveColumns(file: string, headers: readonly string[], flags: ColumnMap, config: ColumnMap): Partial<Record<ImportField, number>> {
  const normalized = headers.map(normalizeHeader);
  const columns: Partial<Record<ImportField, number>> = {};
  const taken = new Set<number>();
  for (const [source, map] of [['--map', flags], ['the config', config]] as const) {
    for (const field of IMPORT_FIELDS) {
      const wanted = map[field];
      if (wanted === undefined || columns[field] !== undefined) continue;
      const at = headers.findIndex((h) => h.trim() === wanted.trim());
      const index = at >= 0 ? at : normalized.indexOf(normalizeHeader(wanted));
      if (index < 0) throw new ValidationError(messages.formMappedMissing(file, field, wanted, source, headers), messages.formNoTextColumnHint);
      columns[field] = index;
      taken.add(index);
    }
  }
  for (const field of IMPORT_FIELDS) {
    if (columns[field] !== undefined) continue;
    const index = normalized.findIndex((h, i) => !taken.has(i) && KNOWN_HEADERS[field].includes(h));
    if (index >= 0) {
      columns[field] = index;
      taken.add(index);
    }
  }
  if (columns.text === undefined) throw new ValidationError(messages.formNoTextColumn(file, headers), messages.formNoTextColumnHint);
  return columns;
}

// ---- dates -----------------------------------------------------------------------------

export const DATE_ORDERS = ['D/M/Y', 'M/D/Y', 'Y-M-D'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** --date-format as people write it: D/M/YYYY, DD.MM.YYYY, M/D/YY, YYYY-MM-DD … */
export function parseDateFormat(text: string): DateOrder {
  const letters = text.toUpperCase().replace(/[^DMY]+/gu, ' ').trim().split(' ').map((part) => part[0]);
  const order = letters.join('/');
  if (order === 'D/M/Y') return 'D/M/Y';
  if (order === 'M/D/Y') return 'M/D/Y';
  if (order === 'Y/M/D') return 'Y-M-D';
  throw new UsageError(messages.formBadDateFormat(text), messages.formBadDateFormatHint);
}

// 2026-03-12, 2026-03-12T14:05:33Z, 2026/03/12 14:05, and Google Forms' 2026/03/12 2:05:33 PM GMT+1
const YEAR_FIRST =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?$/u;

/** "GMT+1", "UTC-05:30", "+0100", "Z" as an ISO offset ("+01:00"). */
function isoOffset(zone: string): string {
  if (zone === 'Z') return 'Z';
  const match = /([+-])(\d{1,2}):?(\d{2})?$/u.exec(zone);
  if (!match) return 'Z'; // a bare GMT or UTC
  return `${match[1]}${(match[2] ?? '0').padStart(2, '0')}:${match[3] ?? '00'}`;
}

/** The instant of a year-first date with a time and a zone; null when it has no zone. */
function zonedInstant(match: RegExpExecArray): Date | null {
  const [, year, month, day, hours, minutes, seconds, half, zone] = match;
  if (zone === undefined || hours === undefined) return null;
  let hour = Number(hours);
  if (half) hour = (hour % 12) + (/p/iu.test(half) ? 12 : 0);
  const pad = (n: string | number | undefined) => String(n ?? 0).padStart(2, '0');
  const instant = new Date(`${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minutes)}:${pad(seconds)}${isoOffset(zone)}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
// 12/3/2026 14:05:33, 12.03.26, 3/12/2026 2:05 PM
const DAY_OR_MONTH_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ ,T]\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$/u;

/** The two readings of a form date: the day first or the month first; null when it is no such date. */
export function slashParts(text: string): { first: number; second: number; year: number } | null {
  const match = DAY_OR_MONTH_FIRST.exec(text.trim());
  if (!match) return null;
  const year = Number(match[3]);
  return { first: Number(match[1]), second: Number(match[2]), year: year < 100 ? 2000 + year : year };
}

function isoDay(year: number, month: number, day: number): Day | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The order of the day and month in a file's slash dates, when the file itself shows it
 * (a 13 or more in one place); null when every date could be read both ways, or both.
 */
export function inferDateOrder(values: readonly string[]): DateOrder | null {
  let dayFirst = false;
  let monthFirst = false;
  for (const value of values) {
    const parts = slashParts(value);
    if (!parts) continue;
    if (parts.first > 12 && parts.second <= 12) dayFirst = true;
    if (parts.second > 12 && parts.first <= 12) monthFirst = true;
  }
  return dayFirst === monthFirst ? null : dayFirst ? 'D/M/Y' : 'M/D/Y';
}

/**
 * A form's date as a Day. ISO dates with a time and a zone are taken in local time (a
 * Typeform "submitted at" is UTC); slash dates need the order unless one reading is
 * impossible. Throws a ValidationError saying why.
 */
export function formDay(value: string, order: DateOrder | null): Day {
  const text = value.trim();
  const iso = YEAR_FIRST.exec(text);
  if (iso) {
    const instant = zonedInstant(iso);
    if (instant) return toDay(instant);
    const day = isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (day) return day;
  }
  const parts = slashParts(text);
  if (parts && !iso) {
    const dayFirst = isoDay(parts.year, parts.second, parts.first);
    const monthFirst = isoDay(parts.year, parts.first, parts.second);
    const chosen = order === 'D/M/Y' ? dayFirst : order === 'M/D/Y' ? monthFirst : dayFirst && monthFirst && dayFirst !== monthFirst ? undefined : (dayFirst ?? monthFirst);
    if (chosen === undefined) throw new AmbiguousDateError(messages.formAmbiguousDate(text, dayFirst ?? '', monthFirst ?? ''));
    if (chosen) return chosen;
  }
  throw new ValidationError(messages.formBadDate(text));
}

// ---- rows ------------------------------------------------------------------------------

/** More names than this in one row is a list of the team, not the people in one story. */
export const IMPORT_MAX_STAFF = 6;
/** Stories older than this are a wrong date (a spreadsheet's 1900 epoch, a typo), not history. */
export const IMPORT_EARLIEST_DAY = '2000-01-01';

/** One row of the file: its line and its cells by column. */
export interface FormRow {
  line: number;
  cells: readonly string[];
}

export interface ImportedRow {
  line: number;
  draft: StoryDraft;
  key: string;
}

export interface RowProblem {
  line: number;
  reason: string;
  /** The row's date reads both ways (3/4/2026): --date-format settles it, not --skip-invalid. */
  ambiguousDate: boolean;
}

/** A slash date that reads as two real days; the file's date order settles it. */
class AmbiguousDateError extends ValidationError {}

const CHANNEL_WORDS: Record<string, Channel> = {
  phone: 'phone',
  'phone call': 'phone',
  call: 'phone',
  telephone: 'phone',
  email: 'email',
  'e mail': 'email',
  mail: 'email',
  'in person': 'in-person',
  'face to face': 'in-person',
  'in store': 'in-person',
  visit: 'in-person',
  chat: 'chat',
  'live chat': 'chat',
  social: 'social',
  'social media': 'social',
  other: 'other',
};

function channelOf(value: string): Channel {
  const word = normalizeHeader(value);
  const channel = CHANNEL_WORDS[word] ?? CHANNELS.find((c) => c === word);
  if (!channel) throw new ValidationError(messages.formBadChannel(value));
  return channel;
}

/** "Ana, Bo and Cy" / "Ana; Bo" / "Ana\nBo" → names. */
function splitNames(value: string): string[] {
  return value
    .split(/\s*(?:[,;\n/&+]|\band\b)\s*/iu)
    .map((name) => name.trim())
    .filter(Boolean);
}

/**
 * The content key of a story: its words, day and people, so the same row imported again
 * (even with a tag or channel changed in the sheet) is recognised.
 */
export function storyKey(draft: Pick<StoryDraft, 'text' | 'occurredOn' | 'staff'>): string {
  const text = draft.text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
  const staff = draft.staff.map(nameKey).sort();
  return createHash('sha256').update(JSON.stringify([text, draft.occurredOn, staff])).digest('hex');
}

/** A row as a story draft, validated as `svc story add` validates, plus the import's own checks. */
export function draftFromRow(row: FormRow, columns: Partial<Record<ImportField, number>>, order: DateOrder | null, now: Date): ImportedRow {
  const cell = (field: ImportField) => {
    const index = columns[field];
    const value = index === undefined ? undefined : row.cells[index]?.trim();
    return value ? value : undefined;
  };
  const staff = cell('staff') === undefined ? [] : splitNames(cell('staff') ?? '');
  if (staff.length > IMPORT_MAX_STAFF) throw new ValidationError(messages.formTooManyStaff(staff.length, IMPORT_MAX_STAFF));
  const whenText = cell('when');
  const when = whenText === undefined ? undefined : formDay(whenText, order);
  if (when !== undefined && when < IMPORT_EARLIEST_DAY) throw new ValidationError(messages.formTooOld(whenText ?? '', IMPORT_EARLIEST_DAY));
  if (when !== undefined && when > toDay(now)) throw new ValidationError(messages.formFutureDate(whenText ?? '', toDay(now)));
  const channel = cell('channel');
  const input: StoryInput = {
    text: cell('text') ?? '',
    staff,
    when,
    customer: cell('customer'),
    channel: channel === undefined ? undefined : channelOf(channel),
    tags: (cell('tags') ?? '').split(/[,;\s]+/u).filter(Boolean),
    title: cell('title'),
    impact: cell('impact'),
  };
  const draft = draftStory(input, now);
  return { line: row.line, draft, key: storyKey(draft) };
}

/** Every row drafted, or the reason it cannot be; a bug (not a bad row) still throws. */
export function draftRows(
  rows: readonly FormRow[],
  columns: Partial<Record<ImportField, number>>,
  order: DateOrder | null,
  now: Date,
): { drafts: ImportedRow[]; problems: RowProblem[] } {
  const drafts: ImportedRow[] = [];
  const problems: RowProblem[] = [];
  for (const row of rows) {
    try {
      drafts.push(draftFromRow(row, columns, order, now));
    } catch (error) {
      if (!isSvcError(error)) throw error;
      problems.push({ line: row.line, reason: error.message, ambiguousDate: error instanceof AmbiguousDateError });
    }
  }
  return { drafts, problems };
}
