import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { untouchedSnapshot } from '../helpers/db.ts';

let svc: InProcessSandbox;
let env: Record<string, string>;
let file: string;
beforeEach(async () => {
  svc = inProcessSandbox();
  env = { XDG_CONFIG_HOME: join(svc.dir, 'xdg') };
  file = join(svc.dir, 'xdg', 'svc', 'config.toml');
});
afterEach(() => svc.cleanup());

function writeConfig(text: string): void {
  mkdirSync(join(svc.dir, 'xdg', 'svc'), { recursive: true });
  writeFileSync(file, text);
}

interface Listed {
  path: string;
  exists: boolean;
  settings: Array<{ key: string; value: unknown; origin: { from: string; line?: number; variable?: string } }>;
}
const setting = (listed: Listed, key: string) => listed.settings.find((s) => s.key === key);

describe('svc config', () => {
  it('path follows XDG_CONFIG_HOME, and falls back to ~/.config', async () => {
    expect((await svc.run(['config', 'path'], { env })).stdout).toBe(`${file}\n`);
    const home = await svc.run(['config', 'path'], { env: { XDG_CONFIG_HOME: undefined, HOME: '/home/lead' } });
    expect(home.stdout).toBe('/home/lead/.config/svc/config.toml\n');
  });

  it('set writes TOML that keeps the comments, and get and list read it back', async () => {
    writeConfig('# our team\n[meeting]\n# we meet early\ntime = "08:30"\n');
    expect((await svc.run(['config', 'set', 'meeting.weekday', 'Tue'], { env })).code).toBe(0);
    const set = await svc.run(['config', 'set', 'team.name', 'Support & "Field"'], { env });
    expect(set).toMatchObject({ code: 0, stdout: '' });
    expect(set.stderr).toContain(`Set team.name in ${file}`);
    expect((await svc.run(['config', 'set', 'hints', 'false'], { env })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      '# our team\nhints = false\n[meeting]\n# we meet early\ntime = "08:30"\nweekday = "tuesday"\n\n[team]\nname = "Support & \\"Field\\""\n',
    );
    expect((await svc.run(['config', 'get', 'team.name'], { env })).stdout).toBe('Support & "Field"\n');
    expect((await svc.run(['config', 'get', 'meeting.weekday'], { env })).stdout).toBe('tuesday\n');
    // Setting a key again replaces its line.
    expect((await svc.run(['config', 'set', 'meeting.time', '9:15'], { env })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('time = "09:15"\n');
    expect(readFileSync(file, 'utf8')).not.toContain('08:30');
  });

  it('list --origin shows defaults, the file line and SVC_* variables; the environment wins over the file', async () => {
    writeConfig('[report]\ndrift_weeks = 6\n\n[detect]\nmin_staff = 3\n');
    const listed = await svc.json<Listed>(['config', 'list'], { env: { ...env, SVC_DETECT_MIN_STAFF: '4' } });
    expect(listed.path).toBe(file);
    expect(setting(listed, 'report.drift_weeks')).toMatchObject({ value: 6, origin: { from: 'config', line: 2 } });
    expect(setting(listed, 'detect.min_staff')).toMatchObject({ value: 4, origin: { from: 'env', variable: 'SVC_DETECT_MIN_STAFF' } });
    expect(setting(listed, 'meeting.weekday')).toMatchObject({ value: 'monday', origin: { from: 'default' } });
    const text = await svc.run(['config', 'list', '--origin'], { env: { ...env, SVC_DETECT_MIN_STAFF: '4' } });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^report\\.drift_weeks += 6 +# ${file.replace(/[.]/g, '\\.')}:2$`, 'm'));
    expect(text.stdout).toMatch(/^detect\.min_staff += 4 +# SVC_DETECT_MIN_STAFF$/m);
    expect(text.stdout).toMatch(/^meeting\.weekday += "monday" +# default$/m);
    expect((await svc.run(['config', 'list'], { env })).stdout).not.toContain('#');
  });

  it.each([
    ['an unknown key', 'meeting.wekday = "friday"\n', /config\.toml:1: "meeting\.wekday" is not a setting svc knows/, /did you mean meeting\.weekday/],
    ['a bad value', '[team]\nname = "A"\n\n[meeting]\nweekday = "funday"\n', /config\.toml:5: meeting\.weekday must be a weekday/, /fix or remove that line/],
    ['a number out of range', '[report]\ndrift_weeks = 0\n', /config\.toml:2: report\.drift_weeks must be a whole number from 1 to 104/, /./],
    ['a text with a newline', '[team]\nname = "A\\nB"\n', /config\.toml:2: team\.name holds a control character/, /./],
    ['an empty text', '[digest]\nfrom = ""\n', /config\.toml:2: digest\.from must not be empty/, /./],
    ['a switch as a word', 'hints = "off"\n', /config\.toml:1: hints must be true or false/, /./],
    ['broken TOML', '[meeting]\ntime = \n', /config\.toml:2: not valid TOML/, /./],
    ['an unknown table', '[colours]\nbg = "red"\n', /config\.toml:1: "colours" is not a setting/, /./],
    ['a dotted key under a table', '[team]\nname = "A"\nmeeting.weekday = "friday"\n', /config\.toml:3: "team\.meeting" is not a setting/, /./],
  ])('a config file with %s is refused naming its line, and no command acts on it', async (_name, text, message, hint) => {
    writeConfig(text);
    const before = svc.snapshot();
    const list = await svc.run(['config', 'list'], { env });
    expect(list.code).toBe(2);
    expect(list.stdout).toBe('');
    expectCleanError(list.stderr, message);
    expect(list.stderr.split('\n')[1]).toMatch(hint);
    const add = await svc.run(['story', 'add', 'Ana rang back the next morning', '--staff', 'Ana'], { env });
    expect(add.code).toBe(2);
    expectCleanError(add.stderr, message);
    expect(svc.snapshot()).toBe(untouchedSnapshot(before));
  });

  it.each([
    ['an unknown key', ['config', 'set', 'meeting.wekday', 'friday'], /"meeting\.wekday" is not a setting/, /did you mean meeting\.weekday/],
    ['a bad weekday', ['config', 'set', 'meeting.weekday', 'someday'], /cannot set meeting\.weekday to "someday"/, /svc config set meeting\.weekday tuesday/],
    ['a bad time', ['config', 'set', 'meeting.time', '25:00'], /must be a time of day/, /09:30/],
    ['a bad switch', ['config', 'set', 'hints', 'maybe'], /must be true or false/, /hints false/],
    ['a newline in a text', ['config', 'set', 'team.name', 'A\nB'], /control character/, /./],
    ['an empty text', ['config', 'set', 'digest.from', ''], /cannot set digest\.from to "": digest\.from must not be empty/, /svc config set digest\.from/],
    ['a blank text', ['config', 'set', 'team.name', '  '], /team\.name must not be empty/, /./],
    ['a switch as "no"', ['config', 'set', 'hints', 'no'], /hints must be true or false/, /hints false/],
    ['get of an unknown key', ['config', 'get', 'nope'], /"nope" is not a setting/, /./],
  ])('config set with %s is refused and the file is unchanged', async (_name, args, message, hint) => {
    writeConfig('# mine\n[meeting]\ntime = "08:30"\n');
    const result = await svc.run(args, { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, message);
    expect(result.stderr.split('\n')[1]).toMatch(hint);
    expect(readFileSync(file, 'utf8')).toBe('# mine\n[meeting]\ntime = "08:30"\n');
  });

  it('without HOME or XDG_CONFIG_HOME, commands run on the defaults and variables; config path says why it has none', async () => {
    const noHome = { XDG_CONFIG_HOME: undefined, HOME: undefined, SVC_STORY_BY: 'Lee' };
    const added = await svc.json<{ reportedBy: string }>(['story', 'add', 'Ana rang back the next morning', '--staff', 'Ana'], { env: noHome });
    expect(added.reportedBy).toBe('Lee');
    const path = await svc.run(['config', 'path'], { env: noHome });
    expect(path.code).toBe(2);
    expectCleanError(path.stderr, /neither XDG_CONFIG_HOME nor HOME is set/);
  });

  it.each(['maybe', 'no', 'yes', '0', 'off'])('a bad SVC_* variable (SVC_HINTS=%s) is refused naming the variable', async (value) => {
    const result = await svc.run(['config', 'list'], { env: { ...env, SVC_HINTS: value } });
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, /^svc: SVC_HINTS: hints must be true or false$/);
    expect(result.stderr).toContain('hint: fix or unset SVC_HINTS');
    expect((await svc.run(['story', 'add', 'Ana rang back the next morning', '--staff', 'Ana'], { env })).code).toBe(0);
    const before = svc.snapshot();
    const status = await svc.run(['status'], { env: { ...env, SVC_HINTS: value } });
    expect(status.code).toBe(2);
    expectCleanError(status.stderr, /^svc: SVC_HINTS: hints must be true or false$/);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('the settings reach the commands that use them', () => {
  it('story.by is the default --by, and a flag wins over it', async () => {
    writeConfig('[story]\nby = "Lee"\n');
    const first = await svc.json<{ reportedBy: string }>(['story', 'add', 'Ana rang back the next morning', '--staff', 'Ana'], { env });
    expect(first.reportedBy).toBe('Lee');
    const second = await svc.json<{ reportedBy: string }>(['story', 'add', 'Bo rang back the next morning', '--staff', 'Bo', '--by', 'Max'], { env });
    expect(second.reportedBy).toBe('Max');
    const third = await svc.json<{ reportedBy: string }>(['story', 'add', 'Cy rang back', '--staff', 'Cy'], { env: { ...env, SVC_STORY_BY: 'Kim' } });
    expect(third.reportedBy).toBe('Kim');
  });

  it('hints = false silences the hint lines, not the confirmations', async () => {
    const on = await svc.run(['story', 'add', 'Ana rang back the next morning', '--staff', 'Ana'], { env });
    expect(on.stderr).toMatch(/^hint: /m);
    writeConfig('hints = false\n');
    const off = await svc.run(['story', 'add', 'Bo rang back the next morning', '--staff', 'Bo'], { env });
    expect(off.code).toBe(0);
    expect(off.stderr).toContain('Saved story');
    expect(off.stderr).not.toMatch(/^hint: /m);
  });

  it('report.drift_weeks is the report\'s default, and --drift-weeks wins over it', async () => {
    expect((await svc.run(['story', 'add', 'Ana rang back the next morning', '--staff', 'Ana'], { env })).code).toBe(0);
    writeConfig('[report]\ndrift_weeks = 7\n');
    const fromConfig = await svc.json<{ period: { driftWeeks: number } }>(['report'], { env });
    expect(fromConfig.period.driftWeeks).toBe(7);
    const fromFlag = await svc.json<{ period: { driftWeeks: number } }>(['report', '--drift-weeks', '2'], { env });
    expect(fromFlag.period.driftWeeks).toBe(2);
  });

  it('detect thresholds come from the config unless flags give them', async () => {
    expect((await svc.run(['story', 'add', 'Ana rang back the next morning', '--staff', 'Ana'], { env })).code).toBe(0);
    writeConfig('[detect]\nmin_stories = 5\nmin_staff = 4\n');
    const view = await svc.json<{ minStories: number; minStaff: number }>(['detect'], { env });
    expect(view).toMatchObject({ minStories: 5, minStaff: 4 });
    expect((await svc.json<{ minStories: number }>(['detect', '--min-stories', '2'], { env })).minStories).toBe(2);
  });
});
