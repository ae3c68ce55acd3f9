import { describe, expect, it } from 'vitest';
import { envVariable, keyLines, parseConfigValue, resolveSettings, setConfigLine } from '../../../src/core/config.ts';

describe('config values', () => {
  it('reads each kind from TOML values and from text', () => {
    expect(parseConfigValue('meeting.weekday', 'Wed')).toEqual({ value: 'wednesday' });
    expect(parseConfigValue('meeting.time', '9:05')).toEqual({ value: '09:05' });
    expect(parseConfigValue('meeting.time', '24:00')).toHaveProperty('error');
    expect(parseConfigValue('report.drift_weeks', 6)).toEqual({ value: 6 });
    expect(parseConfigValue('report.drift_weeks', '6')).toEqual({ value: 6 });
    expect(parseConfigValue('report.drift_weeks', 2.5)).toHaveProperty('error');
    expect(parseConfigValue('hints', 'false')).toEqual({ value: false });
    expect(parseConfigValue('hints', 'off')).toHaveProperty('error');
    expect(parseConfigValue('hints', 'no')).toHaveProperty('error');
    expect(parseConfigValue('hints', 'sometimes')).toHaveProperty('error');
    expect(parseConfigValue('team.name', 7)).toHaveProperty('error');
    expect(parseConfigValue('team.name', 'A\rB')).toHaveProperty('error');
    expect(parseConfigValue('team.name', '  ')).toHaveProperty('error');
  });

  it('names the variable that overrides a key', () => {
    expect(envVariable('import.map.text')).toBe('SVC_IMPORT_MAP_TEXT');
  });

  it('resolves defaults < file < environment, keeping each origin', () => {
    const resolved = resolveSettings(
      { path: '/c.toml', entries: [{ key: 'meeting.time', value: '08:00', line: 3 }, { key: 'hints', value: false, line: 1 }] },
      { SVC_HINTS: 'true' },
    );
    if ('problem' in resolved) throw new Error(resolved.problem.message);
    expect(resolved.values['meeting.time']).toBe('08:00');
    expect(resolved.origins['meeting.time']).toEqual({ from: 'config', path: '/c.toml', line: 3 });
    expect(resolved.values.hints).toBe(true);
    expect(resolved.origins.hints).toEqual({ from: 'env', variable: 'SVC_HINTS' });
    expect(resolved.values['meeting.weekday']).toBe('monday');
  });

  it('returns the first problem with where it is', () => {
    const resolved = resolveSettings({ path: '/c.toml', entries: [{ key: 'meeting.day', value: 'x', line: 4 }] }, {});
    expect(resolved).toEqual({ problem: { where: '/c.toml:4', message: '"meeting.day" is not a setting svc knows' } });
  });
});

describe('config file lines', () => {
  it('finds keys under tables, dotted keys and quoted keys', () => {
    const lines = keyLines('hints = true\n[meeting]\n  weekday = "tuesday" # ours\n[import . map]\n"text" = "What?"\nreport.drift_weeks = 3\n');
    expect(lines.get('hints')).toBe(1);
    expect(lines.get('meeting.weekday')).toBe(3);
    expect(lines.get('import.map')).toBe(4);
    expect(lines.get('import.map.text')).toBe(5);
    expect(lines.get('import.map.report.drift_weeks')).toBe(6);
  });

  it('sets a key in place, at the end of its table, or in a new table', () => {
    const text = '# mine\n[meeting]\nweekday = "monday"\n\n[team]\nname = "A"\n';
    expect(setConfigLine(text, 'meeting.weekday', '"friday"')).toBe('# mine\n[meeting]\nweekday = "friday"\n\n[team]\nname = "A"\n');
    expect(setConfigLine(text, 'meeting.time', '"08:00"')).toBe('# mine\n[meeting]\nweekday = "monday"\ntime = "08:00"\n\n[team]\nname = "A"\n');
    expect(setConfigLine(text, 'report.drift_weeks', '6')).toBe(`${text}\n[report]\ndrift_weeks = 6\n`);
    expect(setConfigLine('', 'hints', 'false')).toBe('hints = false\n');
    expect(setConfigLine(text, 'hints', 'false')).toBe(`# mine\nhints = false\n${text.slice('# mine\n'.length)}`);
  });
});
