import type { Day } from './dates.ts';
import { messages } from './messages.ts';
import { controlIn } from './names.ts';
import type { CustomerKind } from './story.ts';
import { cleanName, nameKey } from './text.ts';

/** Shown in place of a customer whose personal data was erased. */
export const FORGOTTEN_CUSTOMER = '(forgotten)';

/** A customer as lists show them; contact details only when asked for. */
export interface Customer {
  id: number;
  uuid: string;
  name: string;
  kind: CustomerKind;
  email: string | null;
  phone: string | null;
  segment: string | null;
  externalId: string | null;
  forgotten: boolean;
  /** The latest interview held or declined. */
  lastContactedOn: Day | null;
  createdAt: string;
}

/** One row of an import file, validated and normalised. */
export interface CustomerDraft {
  name: string;
  email: string | null;
  phone: string | null;
  segment: string | null;
  externalId: string | null;
}

/** A row of an import file as read: its line (or entry) number and its fields by column. */
export interface ImportRow {
  line: number;
  fields: Partial<Record<ImportField, string>>;
  /** Set by the reader when the entry could not be read as a customer at all. */
  unreadable?: string;
}

/** A valid row and where it was in the file. */
export interface ImportDraft {
  line: number;
  draft: CustomerDraft;
}

/** What was wrong with one row. */
export interface RowProblem {
  line: number;
  reason: string;
}

export const IMPORT_FIELDS = ['name', 'email', 'phone', 'segment', 'externalId'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const HEADER_ALIASES: Record<string, ImportField> = {
  name: 'name',
  fullname: 'name',
  customer: 'name',
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  telephone: 'phone',
  tel: 'phone',
  mobile: 'phone',
  segment: 'segment',
  externalid: 'externalId',
  id: 'externalId',
  customerid: 'externalId',
};

const MAX_NAME = 200;
const MAX_FIELD = 200;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/u;

/** Which field a column header means ("External ID", "external_id" → externalId), or undefined. */
export function importFieldFor(header: string): ImportField | undefined {
  return HEADER_ALIASES[header.normalize('NFC').toLowerCase().replace(/[\s_\-.]+/gu, '')];
}

/** Email addresses are matched case-insensitively, so they are kept lower-case. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** Just the digits of a phone number (and a leading +), for matching "+44 20 7946 0958" with "+442079460958". */
export function normalizePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D+/gu, '');
}

function optional(value: string | undefined): string | null {
  const cleaned = value === undefined ? '' : cleanName(value);
  return cleaned ? cleaned : null;
}

/** Validates one row: a draft, or the reason it is refused. */
export function draftCustomer(row: ImportRow): CustomerDraft | RowProblem {
  const problem = (reason: string): RowProblem => ({ line: row.line, reason });
  if (row.unreadable) return problem(row.unreadable);
  const name = optional(row.fields.name);
  if (!name) return problem(messages.importNoName);
  const control = controlIn(name);
  if (control) return problem(messages.controlInName('name', control));
  if ([...name].length > MAX_NAME) return problem(messages.importTooLong('name', MAX_NAME));
  const emailText = optional(row.fields.email);
  if (emailText && !EMAIL.test(emailText)) return problem(messages.importBadEmail(emailText));
  const phoneText = optional(row.fields.phone);
  let phone: string | null = null;
  if (phoneText) {
    phone = normalizePhone(phoneText);
    const digits = phone.replace('+', '').length;
    if (!/^[+\d\s().\-/]+$/u.test(phoneText) || digits < 5 || digits > 17) return problem(messages.importBadPhone(phoneText));
  }
  const segment = optional(row.fields.segment);
  const externalId = optional(row.fields.externalId);
  for (const [label, value] of [['segment', segment], ['external id', externalId]] as const) {
    if (value && [...value].length > MAX_FIELD) return problem(messages.importTooLong(label, MAX_FIELD));
  }
  return { name, email: emailText ? normalizeEmail(emailText) : null, phone, segment, externalId };
}

export function isProblem(value: CustomerDraft | RowProblem): value is RowProblem {
  return 'reason' in value;
}

/**
 * What a row is recognised by: its external id, else its email, else its name and
 * phone. Two rows of one file with the same key are the same customer.
 */
export function identityKey(draft: CustomerDraft): string {
  if (draft.externalId) return `id:${draft.externalId}`;
  if (draft.email) return `email:${draft.email}`;
  return `name:${nameKey(draft.name)}|${draft.phone ?? ''}`;
}

/** Whether two drafts say exactly the same thing. */
export function sameCustomer(a: CustomerDraft, b: CustomerDraft): boolean {
  return IMPORT_FIELDS.every((field) => a[field] === b[field]);
}

/**
 * Validates every row of a file. Rows repeated word for word are imported once;
 * a row that shares a key with an earlier one but says something else is refused.
 */
export function checkImportRows(rows: ImportRow[]): { drafts: ImportDraft[]; problems: RowProblem[]; repeated: number } {
  const drafts: ImportDraft[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, { line: number; draft: CustomerDraft }>();
  let repeated = 0;
  for (const row of rows) {
    const result = draftCustomer(row);
    if (isProblem(result)) {
      problems.push(result);
      continue;
    }
    const key = identityKey(result);
    const earlier = seen.get(key);
    if (earlier) {
      if (sameCustomer(earlier.draft, result)) repeated++;
      else problems.push({ line: row.line, reason: messages.importConflictingRow(earlier.line) });
      continue;
    }
    seen.set(key, { line: row.line, draft: result });
    drafts.push({ line: row.line, draft: result });
  }
  return { drafts, problems, repeated };
}
