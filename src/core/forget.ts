import { normalizePhone } from './customer.ts';
import { CUSTOMER_ID, type StoryInput } from './story.ts';
import { cleanName, nameKey, normalizeTag, unique } from './text.ts';

/** The personal data of a customer that forgetting erases. */
export interface ContactDetails {
  name: string | null;
  email: string | null;
  phone: string | null;
  externalId?: string | null;
}

/**
 * Rewrites free text so it no longer holds a customer's personal data. Text "linked" to
 * the customer (their stories, their interview answers) loses single parts of the name
 * too; any other text loses only the full name, email, phone and external id.
 */
export interface Redactor {
  /** The text with every copy replaced, or null when it holds none. */
  redact(text: string, linked: boolean): string | null;
  /** A tag name redacted the same way and normalised again ("thanks-yan-kowalczyk" → "thanks-forgotten"), or null. */
  redactTag(tag: string, linked: boolean): string | null;
}

/** What a redacted tag says where the customer was: a tag cannot hold "(forgotten)". */
export const FORGOTTEN_TAG = 'forgotten';

// A run that may be a phone number as people write them: "+44 20 7946 0958", "(555) 010-0199".
const PHONE_LIKE = /\+?\d[\d\s().\-/]{3,}\d/gu;
// Letters, digits and marks: what a whole word must not touch on either side.
const WORD_EDGE = '[\\p{L}\\p{N}\\p{M}]';
// A name part shorter than this is an initial ("J."), too common to say it is the customer.
const MIN_PART = 2;
// An external id shorter than this ("7") would match numbers that are not the id.
const MIN_EXTERNAL_ID = 3;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** A name as whole words in any case, its parts apart by spaces, hyphens or underscores (tags). */
function namePattern(name: string): RegExp {
  const words = cleanName(name).split(' ').map(escapeRegExp).join('[\\s_\\-]+');
  return new RegExp(`(?<!${WORD_EDGE})${words}(?!${WORD_EDGE})`, 'giu');
}

function tokenPattern(token: string, edge: string): RegExp {
  return new RegExp(`(?<!${edge})${escapeRegExp(token)}(?!${edge})`, 'giu');
}

interface Span {
  start: number;
  end: number;
}

function spansOf(pattern: RegExp, text: string): Span[] {
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The words of names, case-folded: a part of the customer's name that is one of them names someone else too. */
function nameWords(names: readonly string[]): Set<string> {
  return new Set(names.flatMap((name) => nameKey(name).split(' ')).filter(Boolean));
}

/**
 * A redactor for one customer. `others` are the names of the team and of the other
 * customers: a part of the customer's name that is also a word of one of them is never
 * replaced, and a copy of the customer's name inside a longer one of theirs ("Ana Lopez"
 * in "Ana Lopez Garcia") is theirs, as is, outside the customer's own text, a name that
 * is exactly theirs.
 */
export function redactorFor(details: ContactDetails, others: readonly string[], replacement: string): Redactor {
  const name = details.name ? cleanName(details.name) : '';
  const full: RegExp[] = [];
  if (name) full.push(namePattern(name));
  if (details.email) full.push(tokenPattern(details.email, '[\\p{L}\\p{N}._%+\\-]'));
  const externalId = details.externalId ? cleanName(details.externalId) : '';
  if ([...externalId].length >= MIN_EXTERNAL_ID) full.push(tokenPattern(externalId, WORD_EDGE));
  const taken = nameWords(others);
  const parts = name
    ? nameKey(name)
        .split(' ')
        .filter((part) => [...part].length >= MIN_PART && !taken.has(part))
    : [];
  const partPatterns = name.includes(' ') ? [...new Set(parts)].map((part) => tokenPattern(part, WORD_EDGE)) : [];
  const otherPatterns = [...new Set(others.map(cleanName).filter(Boolean))].map(namePattern);
  const phoneDigits = details.phone ? normalizePhone(details.phone).replace('+', '') : '';

  /**
   * Runs of digit groups that are the phone number, however spaced or punctuated:
   * written in full, or nationally ("020 7946 0958" for +44 20 7946 0958: the trunk 0
   * and the country code drop out, the last seven or more digits stay). A run may hold
   * several numbers side by side, so every stretch of whole groups is tried.
   */
  function phoneSpans(text: string): Span[] {
    if (phoneDigits.length < 5) return [];
    const spans: Span[] = [];
    for (const run of text.matchAll(PHONE_LIKE)) {
      const groups = [...run[0].matchAll(/\d+/gu)].map((g) => ({ start: run.index + g.index, end: run.index + g.index + g[0].length, digits: g[0] }));
      for (let i = 0; i < groups.length; i++) {
        let digits = '';
        let best: Span | undefined;
        for (let j = i; j < groups.length; j++) {
          digits += groups[j]?.digits ?? '';
          const national = digits.replace(/^0+/u, '');
          if (digits === phoneDigits || (national.length >= 7 && phoneDigits.endsWith(national))) {
            const start = groups[i]?.start ?? 0;
            best = { start: text[start - 1] === '+' ? start - 1 : start, end: groups[j]?.end ?? start };
          }
        }
        if (best) {
          spans.push(best);
          while (i + 1 < groups.length && (groups[i + 1]?.start ?? 0) < best.end) i++;
        }
      }
    }
    return spans;
  }

  function replaceIn(text: string, linked: boolean): string | null {
    const found = [...full.flatMap((p) => spansOf(p, text)), ...phoneSpans(text), ...(linked ? partPatterns.flatMap((p) => spansOf(p, text)) : [])];
    if (found.length === 0) return null;
    const theirs = otherPatterns.flatMap((p) => spansOf(p, text));
    const kept = found.filter(
      (span) =>
        !theirs.some((other) => {
          const inside = other.start <= span.start && span.end <= other.end;
          const longer = other.end - other.start > span.end - span.start;
          return inside && (longer || !linked);
        }),
    );
    if (kept.length === 0) return null;
    // Longest first where two overlap ("Yan Kowalczyk" before "Kowalczyk"), then left to right.
    kept.sort((a, b) => a.start - b.start || b.end - a.end);
    let out = '';
    let at = 0;
    for (const span of kept) {
      if (span.start < at) continue;
      out += text.slice(at, span.start) + replacement;
      at = span.end;
    }
    return out + text.slice(at);
  }

  function redact(text: string, linked: boolean): string | null {
    // Matched as composed text, then with compatibility forms folded ("Ｙａｎ" is Yan).
    const composed = text.normalize('NFC');
    return replaceIn(composed, linked) ?? (composed.normalize('NFKC') === composed ? null : replaceIn(composed.normalize('NFKC'), linked));
  }

  return {
    redact,
    redactTag(tag: string, linked: boolean): string | null {
      const out = redact(tag, linked);
      if (out === null) return null;
      return normalizeTag(out.replaceAll(replacement, ` ${FORGOTTEN_TAG} `)) || FORGOTTEN_TAG;
    },
  };
}

// Beyond this many non-ASCII letters a trace is looked for in lower and upper case only (2^n forms otherwise).
const MAX_CASED_LETTERS = 4;

/**
 * A lower-cased trace with its non-ASCII letters in either case ("émile" and "Émile"):
 * the scan folds ASCII letters only, so "Émile Zola" in a file would not match "émile zola".
 */
function caseForms(lower: string): string[] {
  const chars = [...lower];
  const upper = (c: string) => c.toLocaleUpperCase('en-US');
  const cased = chars.flatMap((c, i) => ((c.codePointAt(0) ?? 0) > 0x7f && upper(c) !== c && [...upper(c)].length === 1 ? [i] : []));
  if (cased.length === 0) return [lower];
  if (cased.length > MAX_CASED_LETTERS) return [lower, chars.map((c, i) => (cased.includes(i) ? upper(c) : c)).join('')];
  return Array.from({ length: 1 << cased.length }, (_, mask) =>
    chars.map((c, i) => (cased.includes(i) && mask & (1 << cased.indexOf(i)) ? upper(c) : c)).join(''),
  );
}

/** Whether a name is too short for the file scan to look for (see tracesOf). */
export function tooShortToScan(name: string): boolean {
  return [...cleanName(name)].length < MIN_EXTERNAL_ID;
}

/**
 * The forms of a customer's details that must not be left in any byte of svc's files,
 * case-folded: the full name (as typed and NFD), the email, the phone's digits and the
 * external id, non-ASCII letters in either case. The scan of the files looks for these.
 */
export function tracesOf(details: ContactDetails): string[] {
  const traces = new Set<string>();
  const add = (value: string) => {
    for (const form of [value.normalize('NFC'), value.normalize('NFD')]) for (const cased of caseForms(form.toLocaleLowerCase('en-US'))) traces.add(cased);
  };
  // A name of one or two characters ("Al", "1") is a piece of countless words, numbers and
  // the file's own record headers: no scan can tell the customer's copy from those. It is
  // replaced in their text like any name, and not looked for, as a short external id is not.
  if (details.name && !tooShortToScan(details.name)) add(cleanName(details.name));
  if (details.email) add(details.email.trim());
  if (details.phone) {
    const digits = normalizePhone(details.phone).replace('+', '');
    if (digits.length >= 5) add(digits);
  }
  if (details.externalId && [...cleanName(details.externalId)].length >= MIN_EXTERNAL_ID) add(cleanName(details.externalId));
  return [...traces];
}

/** A detail of the customer's that someone svc still knows holds too: theirs as well, so it stays in their records. */
export interface SharedDetail {
  detail: 'name' | 'email' | 'phone' | 'external id';
  /** The other customers (not forgotten) with the same detail. */
  customers: number[];
  /** Whether a team member has the same name. */
  teamMember: boolean;
}

/**
 * The details left to look for in the files once the shared ones are set aside: bytes
 * that are also another customer's or a team member's are theirs, and a check that looked
 * for them would never pass.
 */
export function unsharedDetails(details: ContactDetails, shared: readonly SharedDetail[]): ContactDetails {
  const is = (detail: SharedDetail['detail']) => shared.some((s) => s.detail === detail);
  return {
    name: is('name') ? null : details.name,
    email: is('email') ? null : details.email,
    phone: is('phone') ? null : details.phone,
    externalId: is('external id') ? null : (details.externalId ?? null),
  };
}

/** A practice name made unique by a number when redaction gives it the name another practice has. */
export function numberedName(name: string, n: number): string {
  return `${name} (${n})`;
}

/** One value forgetting changes (or, in a dry run, would change). */
export interface ForgetChange {
  table: string;
  /** The row: its id, or its name for a tag. */
  row: number | string;
  column: string;
  before: string | null;
  /** null: the row is removed (merged into another with the same value). */
  after: string | null;
}

/** What erasing one customer changed. */
export interface ForgetReport {
  customerId: number;
  /** Which of name, email, phone and external id the customer row held. */
  erased: string[];
  storiesChanged: number;
  interviewsChanged: number;
  /** Other tables where a copy was replaced: rows changed per table. */
  elsewhere: Record<string, number>;
  /** Every value changed, in order (personal data: shown by a dry run only). */
  changes: ForgetChange[];
  /** Details another customer or a team member holds too: kept where they are theirs, and not looked for in the files. */
  shared: SharedDetail[];
  /** A name of one or two characters: replaced in their text, but not looked for in the files (tracesOf). */
  nameNotScanned: boolean;
  /** What to look for in the files afterwards (personal data: kept in memory only). */
  traces: string[];
  /** What to look for in the drafts on this machine afterwards (personal data: kept in memory only). */
  drafts: DraftsForget;
}

/** The customer a forget erases, as the drafts svc keeps on this machine are searched for them. */
export interface DraftsForget {
  customerId: number;
  /** Their name as stored before the forget (null: none). */
  name: string | null;
  /** Whether another customer (not forgotten) has that name too: a draft naming it may mean that one. */
  nameShared: boolean;
  /** Their stories: an edit of one kept as a draft is their own text. */
  storyIds: readonly number[];
  /** The forget's own matcher: a draft loses what their stories lose. */
  redactor: Redactor;
}

/** One field of a draft on this machine that forgetting changes (or, in a dry run, would change). */
export interface DraftChange {
  field: string;
  before: string;
  /** null: the field goes. */
  after: string | null;
}

/**
 * Whether a story draft is the customer's own: it names them by id ("#12"), or by their
 * name when no other customer has it too (then the name may be that one's, and stays).
 */
export function draftIsTheirs(customer: string | undefined, forgotten: { id: number; name: string | null; nameShared: boolean }): boolean {
  if (!customer) return false;
  const byId = CUSTOMER_ID.exec(customer.trim());
  if (byId) return Number(byId[1]) === forgotten.id;
  return forgotten.name !== null && !forgotten.nameShared && nameKey(customer) === nameKey(forgotten.name);
}

/**
 * A story kept as a draft with the customer's details replaced as in their stories: text,
 * title, impact and tags. A customer field that is them, or holds any of their details, goes,
 * so the draft is saved without a customer: saving it with their name would create them
 * again, and by id it would be refused.
 */
export function redactStoryInput(input: StoryInput, redactor: Redactor, theirs: boolean): { input: StoryInput; changes: DraftChange[] } {
  const out: StoryInput = { ...input };
  const changes: DraftChange[] = [];
  for (const field of ['text', 'title', 'impact'] as const) {
    const value = input[field];
    const after = typeof value === 'string' ? redactor.redact(value, theirs) : null;
    if (typeof value !== 'string' || after === null || after === value) continue;
    out[field] = after;
    changes.push({ field, before: value, after });
  }
  if (Array.isArray(input.tags)) {
    const tags = input.tags.map((tag) => (typeof tag === 'string' ? (redactor.redactTag(tag, theirs) ?? tag) : tag));
    if (tags.some((tag, i) => tag !== input.tags?.[i])) {
      out.tags = unique(tags);
      changes.push({ field: 'tags', before: input.tags.join(', '), after: out.tags.join(', ') });
    }
  }
  // A customer field that holds their details without being exactly their name ("Mrs Maria
  // Diaz", their email) goes as well: kept, or rewritten, it would be saved as a new customer.
  const customer = input.customer;
  if (typeof customer === 'string' && (theirs || (redactor.redact(customer, false) ?? customer) !== customer)) {
    delete out.customer;
    changes.push({ field: 'customer', before: customer, after: null });
  }
  return { input: out, changes };
}

/** A file svc wrote outside the database (an export, a backup), as forget lists it. */
export interface WrittenFile {
  kind: 'export' | 'backup';
  /** null: written to standard output. */
  path: string | null;
  contacts: boolean;
  writtenAt: string;
}
