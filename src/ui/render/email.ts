/**
 * An RFC 5322 message (MIME, RFC 2045-2047) with a plain-text and an HTML alternative,
 * ready for `sendmail -t`. Addresses come in checked (core/email.ts); display names and
 * the subject are written as RFC 2047 encoded words unless they are plain printable
 * ASCII, so no character of theirs can end a header line. Bodies are base64.
 */
import type { Address } from '../../core/email.ts';

export interface MailMessage {
  from: Address;
  to: Address[];
  subject: string;
  date: Date;
  messageId: string;
  text: string;
  html: string;
}

const PLAIN = /^[\u0020-\u007e]*$/u;

/** RFC 2047 encoded words of at most 75 characters, never splitting a character. */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** A header's unstructured text: as is when short plain ASCII, else encoded words. */
function headerText(text: string): string {
  const clean = text.replace(/[\r\n]+/gu, ' ');
  return PLAIN.test(clean) && clean.length <= 900 ? clean : encodedWords(clean);
}

function formatAddress(address: Address): string {
  if (!address.name) return address.address;
  const name = PLAIN.test(address.name)
    ? /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*$/u.test(address.name)
      ? address.name
      : `"${address.name}"`
    : encodedWords(address.name);
  return `${name} <${address.address}>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An RFC 5322 date-time in the machine's local zone: "Wed, 18 Mar 2026 10:00:00 +0100". */
export function mailDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
  return `${DAYS[date.getDay()]}, ${pad(date.getDate())} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${zone}`;
}

/** Text in canonical form (CRLF line ends, RFC 2046 4.1.1), base64 in lines of 76. */
function base64Lines(text: string): string {
  return (Buffer.from(text.replace(/\r?\n/gu, '\r\n'), 'utf8').toString('base64').match(/.{1,76}/gu) ?? []).join('\r\n');
}

export function renderEml(message: MailMessage): string {
  // "=_" never occurs in base64, so the boundary cannot occur in either body.
  const boundary = `=_svc_${message.messageId.replace(/[^A-Za-z0-9]/gu, '').slice(0, 40)}`;
  const lines = [
    `From: ${formatAddress(message.from)}`,
    `To: ${message.to.map(formatAddress).join(',\r\n ')}`,
    `Subject: ${headerText(message.subject)}`,
    `Date: ${mailDate(message.date)}`,
    `Message-ID: <${message.messageId}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    'This is a message in MIME format: a plain-text and an HTML version of the same digest.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.text),
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.html),
    '',
    `--${boundary}--`,
    '',
  ];
  return lines.join('\r\n');
}
