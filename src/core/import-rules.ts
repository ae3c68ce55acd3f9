import { parseIsoPastDay } from './dates.ts';
import { ValidationError } from './errors.ts';
import { cappedText, MAX_NOTE_LENGTH, MAX_PHRASE_LENGTH, MAX_PRACTICE_NAME_LENGTH } from './limits.ts';
import { messages } from './messages.ts';
import { measureName } from './signal.ts';
import { checkStoryFields, checkStoryText, MAX_CUSTOMER_NAME_LENGTH, MAX_NAME_LENGTH, MAX_STORY_LENGTH, MAX_TAG_LENGTH } from './story.ts';
import { QUALIFIER_KINDS } from './qualifiers.ts';
import { nameKey, normalizeTag } from './text.ts';
import type { ExportRow } from './transfer.ts';

/** A column's text, or undefined when it is absent or null; a number there is refused. */
function textOf(row: ExportRow, column: string): string | undefined {
  const value = row[column];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationError(messages.importFieldType(column, 'text', String(value)));
  return value;
}

/** A name and the key svc derives from it: the two must agree, or lookups by name would miss it. */
function checkNameAndKey(row: ExportRow, max: number, label: string): void {
  const name = textOf(row, 'name');
  if (name === undefined) return;
  cappedText(name, label, max);
  const key = textOf(row, 'name_key');
  if (key !== undefined && key !== nameKey(name)) throw new ValidationError(messages.importNameKey('name_key', name, key));
}

function capped(row: ExportRow, columns: readonly string[], max: number): void {
  for (const column of columns) cappedText(textOf(row, column), column, max);
}

/** An interview's answer keys: what matching reads, {"phrases": [...], "tags": [...]} of short texts, or nothing. */
function checkAnswerKeys(text: string | undefined): void {
  if (text === undefined) return;
  let keys: unknown;
  try {
    keys = JSON.parse(text);
  } catch {
    keys = undefined;
  }
  const lists = typeof keys === 'object' && keys !== null && !Array.isArray(keys) ? Object.entries(keys) : undefined;
  const ok = lists?.every(([name, list]) => ['phrases', 'tags'].includes(name) && Array.isArray(list) && list.every((k) => typeof k === 'string' && k.length <= MAX_PHRASE_LENGTH));
  if (!ok) throw new ValidationError(messages.importFieldType('answer_keys', 'lists of phrases and tags', cut(text)));
}

const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * Checks one imported row with the rules the command line applies to what is typed
 * (story.ts, limits.ts, dates.ts), so an import can bring in nothing `svc story add`
 * would refuse. Throws a ValidationError saying what is wrong; tables without rules pass.
 */
export function checkImportedRow(table: string, row: ExportRow, now: Date): void {
  switch (table) {
    case 'stories': {
      checkStoryText(textOf(row, 'text'));
      parseIsoPastDay(textOf(row, 'occurred_on') ?? '', now, 'occurred_on', messages.futureDateHint);
      const field = (column: string) => textOf(row, column) ?? undefined;
      checkStoryFields({ title: field('title'), impact: field('impact'), channel: field('channel'), source: field('source'), trigger: field('trigger') }, now);
      return;
    }
    case 'people':
      checkNameAndKey(row, MAX_NAME_LENGTH, 'name');
      capped(row, ['role', 'team'], MAX_NAME_LENGTH);
      return;
    case 'customers':
      checkNameAndKey(row, MAX_CUSTOMER_NAME_LENGTH, 'name');
      return;
    case 'practices':
      checkNameAndKey(row, MAX_PRACTICE_NAME_LENGTH, 'name');
      capped(row, ['description'], MAX_NOTE_LENGTH);
      return;
    case 'tags': {
      const name = textOf(row, 'name') ?? '';
      if (normalizeTag(name) !== name) throw new ValidationError(messages.importTagName(name));
      cappedText(name, 'name', MAX_TAG_LENGTH);
      return;
    }
    case 'trainings':
      parseIsoPastDay(textOf(row, 'held_on') ?? '', now, 'held_on', messages.futureTrainingHint);
      capped(row, ['notes'], MAX_NOTE_LENGTH);
      return;
    case 'interviews':
      capped(row, ['learned', 'liked', 'change', 'note'], MAX_STORY_LENGTH);
      checkAnswerKeys(textOf(row, 'answer_keys'));
      return;
    case 'signals': {
      parseIsoPastDay(textOf(row, 'measured_on') ?? '', now, 'measured_on', messages.futureSignalHint);
      const measure = textOf(row, 'measure') ?? '';
      if (measureName(measure) !== measure) throw new ValidationError(messages.importFieldType('measure', 'a measure as svc writes it (one lower-case line)', cut(measure)));
      if (typeof row.value !== 'number' || !Number.isFinite(row.value)) throw new ValidationError(messages.importFieldType('value', 'a number', String(row.value)));
      return;
    }
    case 'practice_matchers': {
      capped(row, ['value'], row.kind === 'tag' ? MAX_TAG_LENGTH : MAX_PHRASE_LENGTH);
      const qualifier = textOf(row, 'qualifier') ?? '';
      if (qualifier !== '' && (row.kind !== 'phrase' || !(QUALIFIER_KINDS as readonly string[]).includes(qualifier))) {
        throw new ValidationError(messages.importBadQualifier(qualifier));
      }
      return;
    }
    case 'practice_status_changes':
      capped(row, ['note'], MAX_NOTE_LENGTH);
      return;
    default:
      return;
  }
}
