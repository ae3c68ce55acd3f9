import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'parse5';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.ts';
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { seedCrafted } from '../helpers/report-team.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

describe('svc report', () => {
  beforeEach(() => seedCrafted(svc.db));

  it('--json carries every figure of the crafted period', async () => {
    const r = await svc.json<Report>(['report']);
    expect(r.period).toMatchObject({
      since: '2026-03-04',
      until: '2026-03-18',
      days: 15,
      basis: 'last-meeting',
      lastMeeting: '2026-03-04',
      previous: { since: '2026-02-17', until: '2026-03-03' },
      driftWeeks: 4,
    });
    expect(r.period.weeks).toHaveLength(8);
    expect(r.headline.stories).toEqual({ current: 4, previous: 1, delta: 3, ratio: 3 });
    expect(r.headline.peopleWithStories).toMatchObject({ current: 3, previous: 1 });
    expect(r.headline.activePeople).toBe(4);
    expect(r.headline.consistency).toEqual({ current: 0.75, previous: 0.25 });
    expect(r.headline.internal).toMatchObject({ current: 1, previous: 0, ratio: null });
    expect(r.headline.external).toMatchObject({ current: 3, previous: 1 });
    expect(r.headline.channels.map((c) => [c.channel, c.current, c.previous])).toEqual([
      ['phone', 1, 1],
      ['email', 1, 0],
      ['in-person', 2, 0],
    ]);
    expect(r.storiesToRead.length).toBeGreaterThanOrEqual(2);
    expect(new Set(r.storiesToRead.flatMap((s) => s.people)).size).toBe(r.storiesToRead.flatMap((s) => s.people).length);
    expect(r.peopleWithoutStories).toEqual(['Ivo']);
    expect(r.triggers.map((t) => [t.trigger, t.current, t.share])).toEqual([
      ['recovery', 1, 0.25],
      ['request', 2, 0.5],
      ['spontaneous', 1, 0.25],
      ['unknown', 0, 0],
    ]);
    expect(r.storiesPerWeek.reduce((a, b) => a + b, 0)).toBe(5);
    expect(r.storiesPerPerson).toEqual([
      { person: 'Ana', stories: 1 },
      { person: 'Bo', stories: 1 },
      { person: 'Ivo', stories: 0 },
      { person: 'Marta', stories: 2 },
    ]);
    expect(r.practices.map((p) => [p.name, p.status, p.evidence, p.spread, p.starShare, p.starDependent, p.drifting])).toEqual([
      ['Call back', 'standard', 2, 2, 0.5, false, false],
      ['Walk along', 'adopted', 2, 1, 1, true, false],
      ['Written summary', 'standard', 0, 0, 0, true, true],
    ]);
    expect(r.practices[1]?.star).toEqual({ person: 'Marta', share: 1 });
    expect(r.practices[0]?.weekly).toHaveLength(8);
    expect(r.drifting).toEqual(['Written summary']);
    expect(r.starDependent).toEqual([{ practice: 'Walk along', star: 'Marta', share: 1, spread: 1 }]);
    expect(r.qualities.find((q) => q.attribute === 'empathy')).toEqual({ attribute: 'empathy', stories: 1 });
    expect(r.training.sessions).toEqual([{ id: 1, practice: 'Call back', heldOn: '2026-03-06', facilitator: 'Ana', attendees: 2 }]);
    expect(r.training.adoption).toEqual([{ practice: 'Call back', trained: 2, adopted: 1, rate: 0.5 }]);
    expect(r.training.untrainedWithEvidence).toEqual([
      { practice: 'Call back', people: ['Ana'] },
      { practice: 'Walk along', people: ['Marta'] },
    ]);
    expect(r.candidates).toEqual([{ id: 4, name: 'Explain options', stories: 2 }]);
    expect(r.interviews).toMatchObject({ done: 2, declined: 1, planned: 0, learned: [{ answer: 'A friend', count: 2 }] });
    expect(r.interviews.change).toEqual([{ key: 'opening hour', count: 2, answers: ['Longer opening hours', 'Opening hours on Saturday'] }]);
    expect(r.interviews.interviewers).toEqual([
      { interviewer: 'Ana', done: 2, declined: 0, planned: 0, completion: 1 },
      { interviewer: 'Bo', done: 0, declined: 1, planned: 0, completion: 0 },
    ]);
    expect(r.agenda.length).toBeGreaterThanOrEqual(3);
    expect(r.agenda.length).toBeLessThanOrEqual(5);
    expect(r.agenda.map((a) => a.kind)).toEqual(['celebrate', 'retrain', 'spread', 'decide', 'listen']);
    // Reports never print contact details.
    expect(JSON.stringify(r)).not.toContain('Grace');
  });

  it('prints text with sparklines and every section by default', async () => {
    const result = await svc.run(['report']);
    expect(result.code).toBe(0);
    for (const title of ['Headline', 'Stories to read aloud', 'What the stories responded to', 'Practices', 'Qualities perceived', 'Training', 'Practices not yet agreed', 'What customers told us', 'Suggested agenda']) {
      expect(result.stdout).toContain(`\n${title}\n`);
    }
    expect(result.stdout).toMatch(/[▁▂▃▄▅▆▇█]{8}  Call back \[standard\]/);
    expect(result.stdout).toContain('svc practices --status candidate');
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stderr).toBe('');
  });

  it('writes valid Markdown: headings and well-formed tables, user text escaped', async () => {
    const result = await svc.run(['report', '--format', 'md']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('# Service report');
    expect(lines.filter((l) => l.startsWith('## '))).toHaveLength(9);
    // Every table: a header, a separator with as many columns, rows with as many cells.
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]?.startsWith('|') || lines[i - 1]?.startsWith('|')) continue;
      expect(lines[i + 1]).toMatch(/^\|(---\|)+$/);
      const width = cells(lines[i] ?? '');
      for (let j = i + 1; lines[j]?.startsWith('|'); j++) expect(cells(lines[j] ?? ''), lines[j]).toBe(width);
    }
    expect(result.stdout).toContain('\\<script\\>');
    expect(result.stdout).not.toContain('<script>');
  });

  it('writes one self-contained HTML file with every section, charts with shapes, text escaped', async () => {
    const out = join(svc.dir, 'meeting.html');
    const result = await svc.run(['report', '--format', 'html', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Wrote the report to ${out}`);
    expect(statSync(out).mode & 0o777).toBe(0o600); // it quotes customers' stories
    const html = readFileSync(out, 'utf8');
    const document = parse(html);
    type Node = { nodeName: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[] };
    const all: Node[] = [];
    const walk = (node: Node) => {
      all.push(node);
      for (const child of node.childNodes ?? []) walk(child);
      if ('content' in node) walk((node as unknown as { content: Node }).content);
    };
    walk(document as unknown as Node);
    const attr = (node: Node, name: string) => node.attrs?.find((a) => a.name === name)?.value;
    const sections = all.filter((n) => n.nodeName === 'section').map((n) => attr(n, 'id'));
    // What to talk about and what needs attention come before the figures.
    expect(sections).toEqual(['agenda', 'alerts', 'headline', 'stories', 'practices', 'team', 'triggers', 'qualities', 'training', 'candidates', 'interviews']);
    const charts = all.filter((n) => n.nodeName === 'svg');
    expect(charts.map((n) => attr(n, 'data-chart'))).toEqual([
      'stories per week',
      'weekly stories: Call back',
      'weekly stories: Walk along',
      'weekly stories: Written summary',
    ]);
    const bars = (node: Node): number =>
      (node.nodeName === 'rect' && /\bbar\b/.test(attr(node, 'class') ?? '') ? 1 : 0) + (node.childNodes ?? []).reduce((n, c) => n + bars(c), 0);
    expect(charts.slice(0, 3).every((chart) => bars(chart) > 0)).toBe(true);
    expect(all.some((n) => n.nodeName === 'script')).toBe(false);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('@media print');
  });

  it('--since, --until and --drift-weeks move the window', async () => {
    const r = await svc.json<Report>(['report', '--since', '2026-01-01', '--until', '2026-02-28', '--drift-weeks', '2']);
    expect(r.period).toMatchObject({ since: '2026-01-01', until: '2026-02-28', days: 59, basis: 'given', lastMeeting: '2026-02-01', driftWeeks: 2 });
    expect(r.headline.stories.current).toBe(2);
    expect((await svc.json<Report>(['report', '--since', 'last-meeting'])).period.since).toBe('2026-03-04');
  });

  it('writes the HTML to stdout with --out -', async () => {
    const result = await svc.run(['report', '--format', 'html', '--out', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<!doctype html>/);
  });

  it.each([
    [['--since', 'someday'], /--since "someday" is not a date/],
    [['--until', '2026-04-01'], /--until 2026-04-01 is in the future/],
    [['--since', '2026-03-10', '--until', '2026-03-01'], /starts \(2026-03-10\) after it ends/],
    [['--format', 'pdf'], /--format "pdf" is not one of text, md, html, json/],
    [['--drift-weeks', '0'], /--drift-weeks "0"/],
    [['--out', '/nonexistent-dir/r.html'], /directory \/nonexistent-dir does not exist/],
  ])('refuses %j with exit 2 and changes nothing', async (args, message) => {
    const before = svc.snapshot();
    const result = await svc.run(['report', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^svc: .*\nhint: .+\n$/);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('svc report on a team with no meeting', () => {
  it('--since last-meeting without a meeting is refused; the default is 30 days', async () => {
    await svc.run(['story', 'add', 'Ana called back', '--staff', 'Ana', '--when', '2026-03-01']);
    const before = svc.snapshot();
    const result = await svc.run(['report', '--since', 'last-meeting']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^svc: --since last-meeting was given, but no meeting is recorded yet\nhint: /);
    expect(svc.snapshot()).toBe(before);
    expect((await svc.json<Report>(['report'])).period).toMatchObject({ since: '2026-02-17', basis: 'default', lastMeeting: null });
  });
});

describe('svc meeting', () => {
  it('held records today, list shows it, and the next report starts on its day', async () => {
    await svc.run(['story', 'add', 'Ana called back', '--staff', 'Ana', '--when', '2026-03-10']);
    const held = await svc.run(['meeting', 'held', '--on', '2026-03-11', '--notes', 'Agreed to train call-backs']);
    expect(held.code).toBe(0);
    expect(held.stdout).toBe('1\n');
    expect(held.stderr).toContain('Recorded the meeting of 2026-03-11');
    expect(await svc.json<Array<{ heldOn: string; notes: string | null }>>(['meeting', 'list'])).toMatchObject([{ heldOn: '2026-03-11', notes: 'Agreed to train call-backs' }]);
    const report = await svc.json<Report>(['report']);
    expect(report.period).toMatchObject({ since: '2026-03-11', basis: 'last-meeting' });
    expect(report.headline.stories).toMatchObject({ current: 0, previous: 1 });
    expect((await svc.json<{ heldOn: string }>(['meeting', 'held'])).heldOn).toBe('2026-03-18');
    expect((await svc.run(['meeting', 'list'])).stdout).toBe('id\theld on\tnotes\n2\t2026-03-18\t\n1\t2026-03-11\tAgreed to train call-backs\n');
  });

  describe('the binary, on the meeting\'s own day and after', () => {
    let bin: SvcSandbox;
    beforeEach(() => {
      bin = sandbox();
    });
    afterEach(() => bin.cleanup());
    const at = (time: string) => ({ env: { SVC_NOW: time } });

    it('a report run the afternoon of the meeting covers that day, and the next one keeps the stories told after it', () => {
      expect(bin.run(['story', 'add', 'Ana called the customer back', '--staff', 'Ana', '--when', '2026-03-17']).code).toBe(0);
      const held = bin.run(['meeting', 'held'], at('2026-03-18T10:00:00'));
      expect(held).toEqual({ code: 0, stdout: '1\n', stderr: 'Recorded the meeting of 2026-03-18. The next report starts on that day, so stories told after the meeting are in it.\n' });
      expect(bin.run(['story', 'add', 'Bo rang the customer back after the meeting', '--staff', 'Bo'], at('2026-03-18T15:00:00')).code).toBe(0);

      const afternoon = bin.run(['report'], at('2026-03-18T15:00:00'));
      expect(afternoon.code).toBe(0);
      expect(afternoon.stderr).toBe('');
      expect(afternoon.stdout).toContain('2026-03-18 to 2026-03-18 (1 day, since the meeting of 2026-03-18)');
      const status = bin.run(['status'], at('2026-03-18T15:00:00'));
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/^collect +1 story since the meeting of 2026-03-18, from 1 of 2 people/);

      const nextWeek = bin.json<Report>(['report'], at('2026-03-25T09:00:00'));
      expect(nextWeek.period).toMatchObject({ since: '2026-03-18', until: '2026-03-25', basis: 'last-meeting', lastMeeting: '2026-03-18' });
      expect(nextWeek.headline.stories).toMatchObject({ current: 1, previous: 1 });
    });

    it('an earlier meeting recorded after a later one says the next report still starts from the later one', () => {
      expect(bin.run(['meeting', 'held'], at('2026-03-18T10:00:00')).code).toBe(0);
      const earlier = bin.run(['meeting', 'held', '--on', '2026-03-11'], at('2026-03-18T11:00:00'));
      expect(earlier).toEqual({ code: 0, stdout: '2\n', stderr: 'Recorded the meeting of 2026-03-11. The next report still starts from the later meeting of 2026-03-18.\n' });
      expect(bin.json<Array<{ heldOn: string }>>(['meeting', 'list']).map((m) => m.heldOn)).toEqual(['2026-03-18', '2026-03-11']);
      expect(bin.json<Report>(['report']).period).toMatchObject({ since: '2026-03-18', lastMeeting: '2026-03-18' });
    });
  });

  it.each([
    [['--on', 'tomorrowish'], 2, /--on "tomorrowish" is not a date/],
    [['--on', '2026-03-19'], 2, /--on 2026-03-19 is in the future/],
  ])('refuses %j and changes nothing', async (args, code, message) => {
    await svc.run(['init']);
    const before = svc.snapshot();
    const result = await svc.run(['meeting', 'held', ...args]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(svc.snapshot()).toBe(before);
  });

  it('refuses a second meeting on the same day with exit 4', async () => {
    await svc.run(['meeting', 'held', '--on', '2026-03-11']);
    const before = svc.snapshot();
    const result = await svc.run(['meeting', 'held', '--on', '2026-03-11']);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe('svc: a meeting on 2026-03-11 is already recorded\nhint: list them with: svc meeting list\n');
    expect(svc.snapshot()).toBe(before);
  });

  it('list on an empty database says how to record one', async () => {
    expect((await svc.run(['init'])).code).toBe(0);
    const result = await svc.run(['meeting', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('svc meeting held');
    expect(await svc.json(['meeting', 'list'])).toEqual([]);
  });
});

describe('svc status and bare svc', () => {
  it('on a database that does not exist prints the three-line guide and creates nothing', async () => {
    for (const args of [[], ['status']]) {
      const result = await svc.run(args);
      expect(result.code).toBe(0);
      expect(result.stdout.trimEnd().split('\n')).toHaveLength(3);
      expect(result.stdout).toContain('svc story add');
      expect(result.stdout).toContain('svc demo');
      expect(existsSync(svc.db)).toBe(false);
    }
  });

  it('on an existing database with no stories prints the guide too', async () => {
    await svc.run(['init']);
    expect((await svc.run([])).stdout).toContain('svc has no stories yet');
  });

  it('walks the loop with a figure and a next command per stage', async () => {
    seedCrafted(svc.db);
    const result = await svc.run([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'collect      4 stories since the meeting of 2026-03-04, from 3 of 4 people — svc story add "what happened" --staff NAME',
        'detect       1 practice not yet agreed — svc practices --status candidate',
        "train        2 of 3 agreed practices not trained yet — svc train plan 'Walk along'",
        "incorporate  1 adopted practice not yet a standard procedure — svc practice adopt 'Walk along'",
        'monitor      last meeting 2026-03-04; drifting: Written summary — svc report',
        'listen       0 interviews planned, next round 2026-04-04 — svc interviews',
        '',
        'due',
        '  1 practice not yet agreed — svc practices --status candidate',
        "  \"Written summary\" is drifting: no new evidence lately — svc practice show 'Written summary'",
        "  \"Walk along\" is agreed but nobody has been trained on it — svc train plan 'Walk along'",
        "  \"Written summary\" is agreed but nobody has been trained on it — svc train plan 'Written summary'",
        '  no story yet from Ivo — svc story add "what happened" --staff Ivo',
        '  no self-assessment yet: each person answers a one-minute check-in — svc assess --as NAME',
        '  team meeting on monday 2026-03-23 at 09:00 — svc report',
        '',
      ].join('\n'),
    );
    expect((await svc.run(['status'])).stdout).toBe(result.stdout);
    const json = await svc.json<{ stages: Array<{ stage: string; next: string }> }>(['status']);
    expect(json.stages.map((s) => s.stage)).toEqual(['collect', 'detect', 'train', 'incorporate', 'monitor']);
  });

  it('points practices not yet agreed at the command that lists them, not at detect --review (which has nothing to show)', async () => {
    seedCrafted(svc.db);
    const pointed = await svc.run(['practices', '--status', 'candidate']);
    expect(pointed.code).toBe(0);
    expect(pointed.stdout).toMatch(/candidate/);
    for (const args of [['status'], ['digest'], ['report']]) {
      const out = (await svc.run(args)).stdout;
      expect(out).not.toContain('svc detect --review');
      expect(out).toContain('svc practices --status candidate');
    }
    expect((await svc.run(['report', '--format', 'md'])).stdout).not.toContain('svc detect --review');
  });

  it('an unknown command is still an error, not the status', async () => {
    const result = await svc.run(['stauts']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^svc: unknown command 'stauts' \(did you mean status\?\)\nhint: /);
    expect(existsSync(svc.db)).toBe(false);
    // The default action does not make other commands accept stray arguments.
    const stray = await svc.run(['tags', 'stray']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/^svc: too many arguments for 'tags'/);
  });
});

describe('svc demo', () => {
  it('builds the sample team at --db, prints the report and the status, and says how to start', async () => {
    const path = join(svc.dir, 'demo', 'demo.db');
    mkdirSync(join(svc.dir, 'demo'));
    const result = await svc.run(['--db', path, 'demo']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Service report');
    expect(result.stdout).toContain('Suggested agenda');
    expect(result.stdout).toMatch(/\ncollect +\d+ stories/);
    expect(result.stdout).toMatch(/\nmonitor +last meeting/);
    // The same status as svc status on the demo database: the listening line and what is due too.
    const stands = result.stdout.split('Where the team stands\n')[1] ?? '';
    expect(stands).toMatch(/\nlisten +/);
    expect(stands).toMatch(/\n\ndue\n/);
    expect(stands.trimEnd()).toBe((await svc.run(['--db', path, 'status'])).stdout.trimEnd());
    expect(result.stderr).toContain(`Built a demo database with 81 stories at ${path}`);
    expect(result.stderr).toContain('To start with your own: svc story add');
    const r = await svc.json<Report>(['--db', path, 'report']);
    expect(r.headline.activePeople).toBeGreaterThanOrEqual(10);
    expect(r.practices.some((p) => p.status === 'standard')).toBe(true);
    expect(r.starDependent.length).toBeGreaterThan(0);
    expect(r.headline.internal.current).toBeGreaterThan(0);
    expect(r.training.adoption.length).toBeGreaterThan(0);
    expect(r.interviews.done).toBeGreaterThan(0);
    // The user's own database (SVC_DB) was not touched.
    expect(existsSync(svc.db)).toBe(false);
  });

  it('without --db builds in a temporary directory, never in SVC_DB', async () => {
    const result = await svc.json<{ database: string; stories: number; report: Report }>(['demo']);
    expect(result.stories).toBe(81);
    expect(result.database).not.toBe(svc.db);
    expect(existsSync(result.database)).toBe(true);
    expect(existsSync(svc.db)).toBe(false);
    rmSync(dirname(result.database), { recursive: true, force: true });
  });

  it('refuses to build over an existing file with exit 4', async () => {
    seedCrafted(svc.db);
    const other = join(svc.dir, 'other.db');
    seedCrafted(other);
    const before = readFileSync(other);
    const result = await svc.run(['--db', other, 'demo']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^svc: .*other\.db already exists; svc demo builds a new database and will not touch it\nhint: /);
    expect(readFileSync(other).equals(before)).toBe(true);
  });
});

describe('a first report', () => {
  it('shows the figures without "was 0 %" or changes against an empty period, in HTML, text and Markdown', async () => {
    for (const [text, staff, when] of [
      ['Ana called the customer back the same day.', 'Ana', '2026-03-10'],
      ['Bo walked a customer to the right shelf.', 'Bo', '2026-03-12'],
    ] as const) {
      const added = await svc.run(['story', 'add', text, '--staff', staff, '--when', when, '--channel', 'phone']);
      expect(added.code, added.stderr).toBe(0);
    }
    const out = join(svc.dir, 'first.html');
    expect((await svc.run(['report', '--format', 'html', '--out', out], { env: { SVC_TEAM_NAME: undefined } })).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('The first report: there is no earlier period to compare with yet.');
    expect(html).not.toMatch(/was 0 ?%|class="change/);
    // No team name set: no empty team line, and the title is the report's own.
    expect(html).not.toContain('class="team"');
    expect(html).toMatch(/<title>Service report 2026-02-17 to 2026-03-18<\/title>/);
    for (const format of ['text', 'md']) {
      const result = await svc.run(['report', '--format', format]);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(/was 0 ?%/);
    }
  });
});
