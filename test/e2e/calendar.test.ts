import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { configEnv, eachConfiguredSandbox, ODD_PRACTICE, seedRhythm, writeConfig } from '../helpers/rhythm.ts';

let svc: InProcessSandbox;
let env: Record<string, string>;
eachConfiguredSandbox(inProcessSandbox, (s, e) => ([svc, env] = [s, e]));

function parseEvents(text: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

describe('svc calendar', () => {
  it('writes an iCalendar file that a real parser reads: the weekly meeting, interview rounds and procedure reviews', async () => {
    await seedRhythm(svc, { env });
    writeConfig(svc, '[team]\nname = "Support, Field; and \\"Ops\\""\n[meeting]\nweekday = "tuesday"\ntime = "08:45"\nminutes = 45\n[interview]\ninterval_days = 14\n');
    const out = join(svc.dir, 'team.ics');
    const result = await svc.run(['calendar', '--out', out], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Wrote the calendar to ${out}`);
    const text = readFileSync(out, 'utf8');
    // RFC 5545: CRLF everywhere, no line over 75 octets.
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');

    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    // X-WR-CALNAME is not in RFC 5545, so the parser keeps it raw: escaped as TEXT.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Support\\, Field\\; and "Ops" rhythm');
    const events = parseEvents(text);
    expect(events.map((e) => e.summary)).toEqual([
      'Support, Field; and "Ops" meeting',
      'Support, Field; and "Ops": interview round',
      'Training: "Call back the same day"',
      `Training: "${ODD_PRACTICE}"`,
      `Review the procedure "${ODD_PRACTICE}"`,
      'Review the procedure "Call back the same day"',
    ]);

    const [meeting, round, training, allDayTraining, overdueReview, laterReview] = events as ICAL.Event[] as [ICAL.Event, ICAL.Event, ICAL.Event, ICAL.Event, ICAL.Event, ICAL.Event];
    expect(training.startDate.toString()).toBe('2026-03-20T14:00:00');
    expect(training.duration.toSeconds()).toBe(45 * 60);
    expect(training.description).toContain('Facilitator: Dee.');
    expect(training.description).toContain("svc train plan 'Call back the same day' --format html --out plan.html");
    expect(allDayTraining.startDate.toString()).toBe('2026-04-30');
    expect(allDayTraining.startDate.isDate).toBe(true);
    expect(meeting.isRecurring()).toBe(true);
    expect(meeting.startDate.toString()).toBe('2026-03-24T08:45:00');
    expect(meeting.startDate.isDate).toBe(false);
    expect(meeting.duration.toSeconds()).toBe(45 * 60);
    const next = meeting.iterator();
    expect([next.next()?.toString(), next.next()?.toString()]).toEqual(['2026-03-24T08:45:00', '2026-03-31T08:45:00']);

    // Two calls are still open from the round of 2026-03-01; the next round is 14 days after it.
    expect(round.startDate.toString()).toBe('2026-03-15');
    expect(round.startDate.isDate).toBe(true);
    const rounds = round.iterator();
    expect([rounds.next()?.toString(), rounds.next()?.toString()]).toEqual(['2026-03-15', '2026-03-29']);

    expect(overdueReview.startDate.toString()).toBe('2026-02-14');
    expect(overdueReview.isRecurring()).toBe(false);
    expect(overdueReview.description).toContain(`svc practice adopt 'Listen fully; then, <summarise> & "ask"\\'`);
    expect(laterReview.startDate.toString()).toBe('2026-06-15');
  });

  it('keeps every UID from one export to the next, so a subscribed calendar updates instead of duplicating', async () => {
    await seedRhythm(svc, { env });
    const first = await svc.run(['calendar'], { env });
    writeConfig(svc, '[meeting]\nweekday = "friday"\n');
    const second = await svc.run(['calendar'], { env: { ...env, SVC_NOW: '2026-03-25T10:00:00' } });
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const uids = (text: string) => parseEvents(text).map((e) => e.uid);
    expect(uids(second.stdout)).toEqual(uids(first.stdout));
    expect(new Set(uids(first.stdout)).size).toBe(6);
    // A session past (2026-03-20) stays in the calendar; the meeting keeps its first week, only its weekday moved.
    expect(parseEvents(first.stdout)[0]?.startDate.toString()).toBe('2026-03-23T09:00:00');
    expect(parseEvents(second.stdout)[0]?.startDate.toString()).toBe('2026-03-20T09:00:00');
  });

  it('gives each database its own UIDs', async () => {
    const other = inProcessSandbox();
    try {
      for (const s of [svc, other]) expect((await s.run(['init'])).code).toBe(0);
      const uid = async (s: InProcessSandbox) => parseEvents((await s.run(['calendar'], { env: configEnv(s) })).stdout)[0]?.uid;
      expect(await uid(svc)).toMatch(/^meeting-[0-9a-f-]{36}@svc$/);
      expect(await uid(svc)).not.toBe(await uid(other));
    } finally {
      other.cleanup();
    }
  });

  it('prints the events as JSON', async () => {
    await seedRhythm(svc, { env });
    const calendar = await svc.json<{ name: string; events: Array<{ uid: string; day: string; repeat?: unknown }> }>(['calendar'], { env });
    expect(calendar.name).toBe('Team rhythm');
    expect(calendar.events[0]).toMatchObject({ day: '2026-03-23', time: '09:00', minutes: 30, repeat: { every: 'week', weekday: 'monday' } });
  });

  it('refuses a file in a missing directory, and a broken config, with a clean error', async () => {
    expect((await svc.run(['init'])).code).toBe(0);
    const missing = await svc.run(['calendar', '--out', join(svc.dir, 'nope', 'team.ics')], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^svc: .*nope does not exist/);
    writeConfig(svc, '[meeting]\nweekday = "someday"\n');
    const broken = await svc.run(['calendar'], { env });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^svc: .*config\.toml:2: meeting\.weekday must be a weekday/);
  });
});
