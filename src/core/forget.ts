import { normalizePhone } from './customer.ts';
import { wordPattern } from './interview.ts';
import { cleanName } from './text.ts';

/** The personal data of a customer that forgetting erases. */
export interface ContactDetails {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** Rewrites free text so it no longer holds a customer's name, email or phone. */
export interface Redactor {
  /** The text with every copy replaced, or null when it holds none. */
  redact(text: string): string | null;
}

// A run that may be a phone number as people write them: "+44 20 7946 0958", "(555) 010-0199".
const PHONE_LIKE = /\+?\d[\d\s().\-/]{3,}\d/gu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/**
 * A redactor for one customer: the full name as whole words in any case, each longer
 * part of it as written, the email in any case, and the phone number however it is
 * spaced or punctuated.
 */
export function redactorFor(details: ContactDetails, replacement: string): Redactor {
  const patterns: RegExp[] = [];
  if (details.email) patterns.push(new RegExp(escapeRegExp(details.email), 'giu'));
  if (details.name?.trim()) {
    patterns.push(wordPattern(details.name, 'giu'));
    // "Mrs Zyxwortel" names her too: each part of three letters or more, as a whole
    // word written as in the name, so "Rose Green" leaves "green tea" alone.
    const parts = cleanName(details.name).split(' ');
    if (parts.length > 1) for (const part of parts.filter((p) => [...p].length >= 3)) patterns.push(wordPattern(part, 'gu'));
  }
  const phoneDigits = details.phone ? normalizePhone(details.phone).replace('+', '') : '';
  return {
    redact(text: string): string | null {
      const original = text.normalize('NFC');
      let out = original;
      for (const pattern of patterns) out = out.replace(pattern, replacement);
      if (phoneDigits.length >= 5) {
        out = out.replace(PHONE_LIKE, (run) => {
          const digits = normalizePhone(run).replace('+', '');
          // Written nationally ("020 7946 0958" for +44 20 7946 0958): the trunk 0 and
          // country code drop out, the last seven or more digits stay.
          const national = digits.replace(/^0+/u, '');
          const same = digits.endsWith(phoneDigits) || (national.length >= 7 && phoneDigits.endsWith(national));
          return same ? replacement : run;
        });
      }
      return out === original ? null : out;
    },
  };
}
