import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { parse as parseHtml } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { expectCleanError } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { eachConfiguredSandbox, ODD_PRACTICE, seedRhythm, writeConfig } from '../helpers/rhythm.ts';

let svc: InProcessSandbox;
let env: Record<string, string>;
eachConfiguredSandbox(inProcessSandbox, (s, e) => ([svc, env] = [s, e]));

interface DigestJson {
  since: string;
  until: string;
  basis: string;
  stories: { count: number; people: number; toRead: { id: number; text: string } | null; latest: unknown[] };
  drifting: string[];
  procedureReviews: Array<{ practice: string; dueOn: string; due: boolean }>;
  interviews: { planned: number; overdue: Array<{ id: number }>; held: number; nextRoundOn: string; roundDue: boolean };
  trainingsDue: string[];
  trainingSessions: unknown[];
  peopleWithoutStories: string[];
  nextMeeting: { on: string; time: string };
  due: Array<{ kind: string; text: string; command: string }>;
}

describe('svc digest', () => {
  it('puts the week on one page: new stories, one to read aloud, what is due with the command for each', async () => {
    await seedRhythm(svc, { env });
    const digest = await svc.json<DigestJson>(['digest'], { env });
    expect(digest).toMatchObject({ since: '2026-03-12', until: '2026-03-18', basis: 'week' });
    expect(digest.stories).toMatchObject({ count: 2, people: 2, toRead: { id: 4, text: 'Ana called back the courier the same day.' } });
    expect(digest.drifting).toEqual([ODD_PRACTICE]);
    expect(digest.stories.latest).toEqual([
      { id: 4, occurredOn: '2026-03-17', people: ['Ana'], text: 'Ana called back the courier the same day.' },
      { id: 3, occurredOn: '2026-03-16', people: ['Cy'], text: 'Cy stayed on the line until the router worked, and rang back the next morning to check.' },
    ]);
    expect(digest.procedureReviews).toEqual([{ practice: ODD_PRACTICE, version: 1, dueOn: '2026-02-14', due: true }]);
    expect(digest.interviews).toMatchObject({ planned: 2, held: 0, nextRoundOn: '2026-03-31', roundDue: false });
    expect(digest.interviews.overdue.map((i) => i.id)).toEqual([2, 3]);
    expect(digest.trainingsDue).toEqual([ODD_PRACTICE]);
    // The session of 2026-04-30 is beyond the next 14 days.
    expect(digest.trainingSessions).toEqual([
      { uuid: expect.any(String), practice: 'Call back the same day', plannedOn: '2026-03-20', startsAt: '14:00', minutes: 45, facilitator: 'Dee' },
    ]);
    expect(digest.peopleWithoutStories).toEqual(['Bo', 'Dee']);
    expect(digest.nextMeeting).toMatchObject({ on: '2026-03-23', time: '09:00' });
    expect(digest.due.map((d) => d.command)).toEqual([
      'svc interview log 2',
      'svc interview log 3',
      `svc practice review 'Listen fully; then, <summarise> & "ask"\\'`,
      `svc practice show 'Listen fully; then, <summarise> & "ask"\\'`,
      `svc train plan 'Listen fully; then, <summarise> & "ask"\\'`,
      'svc story add "what happened" --staff Bo',
      'svc report',
    ]);

    const text = await svc.run(['digest'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^TEAM DIGEST\n2026-03-12 to 2026-03-18\n/);
    expect(text.stdout).toContain('Training sessions planned\n=========================\n\n - Call back the same day: 2026-03-20 at 14:00, run by Dee\n');
    expect(text.stdout).toContain('2 stories from 2 of 4 people.\n\n - #4, 2026-03-17, Ana: Ana called back the courier the same day.\n - #3, 2026-03-16, Cy: Cy stayed on the line');
    expect(text.stdout).toContain(' - interview #2, planned 2026-03-01, is 17 days old: svc interview log 2\n');
    expect(text.stdout).toContain('“Ana called back the courier the same day.”\n      — story #4, 2026-03-17, Ana');
  });

  it('escapes every name in Markdown and HTML', async () => {
    await seedRhythm(svc, { env });
    const md = await svc.run(['digest', '--format', 'md'], { env });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('Listen fully; then, \\<summarise\\> \\& "ask"\\\\');
    const out = join(svc.dir, 'week.html');
    expect((await svc.run(['digest', '--format', 'html', '--out', out], { env })).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('<summarise>');
    const root = parseHtml(html);
    expect(root.querySelector('section.reviews li')?.text).toBe(`${ODD_PRACTICE}, version 1: due since 2026-02-14`);
    expect(root.querySelectorAll('section.due li')).toHaveLength(7);
    expect(root.querySelectorAll('section.due li code').map((c) => c.text)).toContain(`svc practice review 'Listen fully; then, <summarise> & "ask"\\'`);
  });

  it('writes each command as Markdown code, runnable as copied from the source or the page', async () => {
    await seedRhythm(svc, { env });
    const md = (await svc.run(['digest', '--format', 'md'], { env })).stdout;
    expect(md).toContain(`: \`svc practice review 'Listen fully; then, <summarise> & "ask"\\'\`\n`);
    expect(md).toContain(': `svc story add "what happened" --staff Bo`\n');
    expect(md).not.toMatch(/svc practice review \\'/u);
  });

  it('writes an RFC 5322 message with text and HTML alternatives that a real mail parser reads', async () => {
    await seedRhythm(svc, { env });
    writeConfig(svc, '[team]\nname = "Support & Field — Nord"\n[digest]\nto = "Team <team@example.com>, lee@example.com"\nfrom = "Lée Lead <lead@example.com>"\n');
    const result = await svc.run(['digest', '--format', 'eml'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const mail = await simpleParser(result.stdout);
    expect(mail.from?.value).toEqual([{ address: 'lead@example.com', name: 'Lée Lead' }]);
    const to = Array.isArray(mail.to) ? mail.to.flatMap((t) => t.value) : (mail.to?.value ?? []);
    expect(to.map((a) => a.address)).toEqual(['team@example.com', 'lee@example.com']);
    expect(mail.subject).toBe('Support & Field — Nord digest, 2026-03-12 to 2026-03-18: 2 new stories, 6 to do');
    expect(mail.date?.toISOString()).toBe(new Date('2026-03-18T10:00:00').toISOString());
    expect(mail.messageId).toMatch(/^<digest-2026-03-18-[0-9a-f-]+@example\.com>$/);
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(mail.text).toContain('SUPPORT & FIELD — NORD DIGEST');
    expect(mail.text).toContain('svc interview log 2');
    expect(parseHtml(mail.html || '').querySelector('h1')?.text).toBe('Support & Field — Nord digest');
    // Flags win over the config.
    const flagged = await simpleParser((await svc.run(['digest', '--format', 'eml', '--to', 'bo@example.com'], { env })).stdout);
    expect(Array.isArray(flagged.to) ? flagged.to.length : flagged.to?.value.map((a) => a.address)).toEqual(['bo@example.com']);
  });

  it('--since last-digest starts the day after the last digest made so, and records today', async () => {
    await seedRhythm(svc, { env });
    const first = await svc.run(['digest', '--since', 'last-digest', '--json'], { env: { ...env, SVC_NOW: '2026-03-16T07:00:00' } });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('no digest was made with --since last-digest yet');
    expect(JSON.parse(first.stdout)).toMatchObject({ since: '2026-03-10', until: '2026-03-16', basis: 'week' });
    // A digest without last-digest does not move the mark.
    expect((await svc.run(['digest', '--json'], { env: { ...env, SVC_NOW: '2026-03-17T07:00:00' } })).code).toBe(0);
    const second = await svc.json<DigestJson>(['digest', '--since', 'last-digest'], { env });
    expect(second).toMatchObject({ since: '2026-03-17', until: '2026-03-18', basis: 'last-digest' });
    expect(second.stories.count).toBe(1);
    // A second one the same day has no later day to start on: it covers today again, and says so.
    const again = await svc.run(['digest', '--since', 'last-digest', '--json'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ since: '2026-03-18', until: '2026-03-18', basis: 'last-digest' });
    expect(again.stderr).toContain('the last digest made with --since last-digest was made today (2026-03-18); a digest never covers an empty period, so this one covers today again');
  });

  it.each([
    ['a newline in --to', ['--format', 'eml', '--to', 'a@example.com\nBcc: x@evil.example', '--from', 'b@example.com'], /--to "a@example\.com\\nBcc: x@evil\.example" is not an email address/],
    ['a header in --from', ['--format', 'eml', '--to', 'a@example.com', '--from', 'b@example.com>\r\nSubject: x'], /--from "b@example\.com>\\r\\nSubject: x" is not an email address/],
    ['a display name with a quote', ['--format', 'eml', '--to', 'Ana "x" <a@example.com>', '--from', 'b@example.com'], /--to .* is not an email address/],
    ['two senders', ['--format', 'eml', '--to', 'a@example.com', '--from', 'b@example.com, c@example.com'], /--from .* is not an email address/],
    ['no --to', ['--format', 'eml', '--from', 'b@example.com'], /an email digest needs --to/],
    ['--to without eml', ['--to', 'a@example.com'], /--to and --from are for --format eml/],
    ['a bad --since', ['--since', 'someday'], /--since "someday" is not a date/],
    ['a --since in the future', ['--since', '2026-04-01'], /--since 2026-04-01 is in the future/],
    ['an unknown format', ['--format', 'pdf'], /--format "pdf" is not one of text, md, html, eml/],
  ])('refuses %s, changing nothing', async (_name, args, message) => {
    await seedRhythm(svc, { env });
    const before = svc.snapshot();
    const result = await svc.run(['digest', ...args], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, message);
    expect(svc.snapshot()).toBe(before);
  });
});
