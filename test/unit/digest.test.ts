import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { digestSince } from '../../src/core/digest.ts';
import { parseAddresses } from '../../src/core/email.ts';
import { mailDate, renderEml } from '../../src/ui/render/email.ts';

describe('the digest period', () => {
  it('starts the day after the last digest, never after today, else a week back', () => {
    expect(digestSince('2026-03-18', 'last-digest', '2026-03-11')).toEqual({ since: '2026-03-12', basis: 'last-digest' });
    expect(digestSince('2026-03-18', 'last-digest', '2026-03-18')).toEqual({ since: '2026-03-18', basis: 'last-digest' });
    expect(digestSince('2026-03-18', 'last-digest', null)).toEqual({ since: '2026-03-12', basis: 'week' });
    expect(digestSince('2026-03-18', undefined, '2026-03-01')).toEqual({ since: '2026-03-12', basis: 'week' });
    expect(digestSince('2026-03-18', '2026-02-01', null)).toEqual({ since: '2026-02-01', basis: 'given' });
  });
});

describe('mail addresses', () => {
  it('takes plain addresses and named ones', () => {
    expect(parseAddresses('--to', 'Ana Lima <ana@x.example>, bo@x.example, "Cy, the lead" <cy@x.example>')).toEqual([
      { name: 'Ana Lima', address: 'ana@x.example' },
      { name: null, address: 'bo@x.example' },
      { name: 'Cy, the lead', address: 'cy@x.example' },
    ]);
  });

  it.each(['a@x.example\r\nBcc: e@evil.example', 'no-at-sign', 'a@x.example>', 'Ana <a@x.example> extra', '"A\\"B" <a@x.example>', ''])('refuses %j', (text) => {
    expect(() => parseAddresses('--to', text)).toThrow(/is not an email address/);
  });
});

describe('the email', () => {
  it('encodes every header value so that no newline or non-ASCII character escapes it', async () => {
    const eml = renderEml({
      from: { name: 'Lée "Lead"', address: 'lead@x.example' },
      to: [{ name: null, address: 'team@x.example' }],
      subject: 'Ops\r\nBcc: evil@x.example — é'.repeat(3),
      date: new Date('2026-03-18T10:00:00'),
      messageId: 'digest-1@x.example',
      text: 'line one\nline two é',
      html: '<p>é</p>',
    });
    const headerBlock = eml.slice(0, eml.indexOf('\r\n\r\n'));
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(/^[\x00-\x7f]*$/.test(eml)).toBe(true);
    const mail = await simpleParser(eml);
    expect(mail.bcc).toBeUndefined();
    expect(mail.subject).toBe('Ops Bcc: evil@x.example — é'.repeat(3));
    expect(mail.from?.value[0]).toEqual({ name: 'Lée "Lead"', address: 'lead@x.example' });
    expect(mail.text).toBe('line one\nline two é');
    expect(mail.html).toBe('<p>é</p>');
  });

  it('writes dates as RFC 5322 does', () => {
    expect(mailDate(new Date('2026-03-18T10:00:00'))).toMatch(/^Wed, 18 Mar 2026 10:00:00 [+-]\d{4}$/);
  });
});
