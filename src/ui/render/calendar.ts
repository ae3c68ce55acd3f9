/**
 * iCalendar (RFC 5545) for the team's calendar: CRLF line ends, lines folded at 75
 * octets without splitting a character, and TEXT values escaped (\\ ; , and newlines),
 * so no name a person typed can start a property or an event of its own.
 */
import type { TeamCalendar } from '../../core/rhythm.ts';

const BYDAY = { monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU' } as const;

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped; other control characters dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/gu, '\n')
    .replace(/[\\;,]/gu, (c) => `\\${c}`)
    .replace(/\n/gu, '\\n')
    .replace(/[\u0000-\u001f\u007f]/gu, '');
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; continuation lines 74, after their leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDay = (day: string) => day.replace(/-/gu, '');

function utcStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/gu, '').replace(/\.\d{3}Z$/u, 'Z');
}

function dayAfter(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The calendar as an .ics file. Times are floating (the team's local time), which needs no time-zone table. */
export function renderIcs(calendar: TeamCalendar, now: Date, version: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//svc//svc ${version}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  const stamp = utcStamp(now);
  for (const event of calendar.events) {
    lines.push('BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${stamp}`);
    if (event.time) {
      lines.push(`DTSTART:${compactDay(event.day)}T${event.time.replace(':', '')}00`, `DURATION:PT${event.minutes ?? 30}M`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${compactDay(event.day)}`, `DTEND;VALUE=DATE:${compactDay(dayAfter(event.day))}`);
    }
    if (event.repeat?.every === 'week') lines.push(`RRULE:FREQ=WEEKLY;BYDAY=${BYDAY[event.repeat.weekday]}`);
    if (event.repeat?.every === 'days') lines.push(`RRULE:FREQ=DAILY;INTERVAL=${event.repeat.interval}`);
    lines.push(`SUMMARY:${escapeText(event.summary)}`, `DESCRIPTION:${escapeText(event.description)}`, `TRANSP:${event.time ? 'OPAQUE' : 'TRANSPARENT'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
