/**
 * The settings a team keeps in its config file: the keys, what each accepts, its default,
 * and the precedence flags > environment > config file > defaults. Pure: the file is read
 * and parsed elsewhere (src/cli/config.ts); this module checks values and locates lines.
 */
import { DEFAULT_DRIFT_WEEKS } from './choices.ts';
import { DEFAULT_MIN_STAFF, DEFAULT_MIN_STORIES } from './detect-defaults.ts';
import { messages } from './messages.ts';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

type KeySpec =
  | { kind: 'text'; fallback: string | null; about: string; placeholders?: readonly string[] }
  | { kind: 'count'; fallback: number; min: number; max: number; about: string }
  | { kind: 'weekday'; fallback: Weekday; about: string }
  | { kind: 'time'; fallback: string; about: string }
  | { kind: 'switch'; fallback: boolean; about: string };

/** Every key the config file may hold, in the order `svc config list` shows them. */
export const CONFIG_KEYS = {
  'team.name': { kind: 'text', fallback: null, about: "the team's name, in the digest, the calendar and the HTML report" },
  'story.by': { kind: 'text', fallback: null, about: 'who is reporting, when svc story add has no --by' },
  'meeting.weekday': { kind: 'weekday', fallback: 'monday', about: 'the weekday of the team meeting' },
  'meeting.time': { kind: 'time', fallback: '09:00', about: 'when the team meeting starts (HH:MM, local time)' },
  'meeting.minutes': { kind: 'count', fallback: 30, min: 5, max: 480, about: 'how long the team meeting lasts' },
  'interview.interval_days': { kind: 'count', fallback: 30, min: 1, max: 365, about: 'days between interview rounds' },
  'interview.invitation': {
    kind: 'text',
    fallback: null,
    placeholders: ['customer', 'caller'],
    about: 'the invitation svc interview pick and show print: {customer} and {caller} are filled in, \\n breaks the line',
  },
  'assess.interval_days': { kind: 'count', fallback: 30, min: 1, max: 365, about: 'days a self-assessment round stays open; the next is due after it' },
  'assess.attributed': { kind: 'switch', fallback: false, about: "keep each person's self-assessment answers under their name (false: team figures only)" },
  'report.drift_weeks': {
    kind: 'count',
    fallback: DEFAULT_DRIFT_WEEKS,
    min: 1,
    max: 104,
    about: 'weeks without evidence before a standard practice drifts',
  },
  'procedure.review_days': { kind: 'count', fallback: 90, min: 1, max: 3650, about: 'days between reviews of a new procedure' },
  'detect.min_stories': { kind: 'count', fallback: DEFAULT_MIN_STORIES, min: 1, max: 1000, about: 'stories a candidate practice needs' },
  'detect.min_staff': { kind: 'count', fallback: DEFAULT_MIN_STAFF, min: 1, max: 1000, about: 'people a candidate practice needs' },
  hints: { kind: 'switch', fallback: true, about: 'print "hint:" lines after commands' },
  'digest.to': { kind: 'text', fallback: null, about: 'who receives svc digest --format eml (comma-separated addresses)' },
  'digest.from': { kind: 'text', fallback: null, about: 'the sender of svc digest --format eml' },
  'import.map.text': { kind: 'text', fallback: null, about: 'form column holding what happened (svc stories import)' },
  'import.map.staff': { kind: 'text', fallback: null, about: 'form column naming who delivered it' },
  'import.map.when': { kind: 'text', fallback: null, about: 'form column holding when it happened' },
  'import.map.customer': { kind: 'text', fallback: null, about: 'form column naming the customer' },
  'import.map.channel': { kind: 'text', fallback: null, about: 'form column holding the channel' },
  'import.map.tags': { kind: 'text', fallback: null, about: 'form column holding tags' },
  'import.date_format': { kind: 'text', fallback: null, about: 'how form dates are written, e.g. D/M/YYYY (svc stories import)' },
} as const satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;
type ValueOfKind<K> = K extends 'count' ? number : K extends 'switch' ? boolean : K extends 'weekday' ? Weekday : K extends 'text' ? string | null : string;
/** The resolved value of every key. */
export type Settings = { readonly [K in ConfigKey]: ValueOfKind<(typeof CONFIG_KEYS)[K]['kind']> };
export type ConfigValue = Settings[ConfigKey];

/** Where a value came from, for `svc config list --origin`. */
export type Origin = { from: 'default' } | { from: 'config'; path: string; line: number } | { from: 'env'; variable: string };

export interface ResolvedSettings {
  values: Settings;
  origins: { readonly [K in ConfigKey]: Origin };
}

/** One key = value the config file holds, with its line. */
export interface ConfigEntry {
  key: string;
  value: unknown;
  line: number;
}

export const isConfigKey = (key: string): key is ConfigKey => Object.hasOwn(CONFIG_KEYS, key);

/** The environment variable that overrides a key: meeting.weekday → SVC_MEETING_WEEKDAY. */
export function envVariable(key: ConfigKey): string {
  return `SVC_${key.toUpperCase().replace(/\./g, '_')}`;
}

/** A time of day as HH:MM ("9:05" → "09:05"), or null when it is none. */
export function timeOfDay(text: string): string | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)(?::00)?$/u.exec(text.trim());
  return match ? `${(match[1] ?? '').padStart(2, '0')}:${match[2]}` : null;
}

/** A key's value from the file (typed TOML) or from text (environment, `config set`); a message when it is not acceptable. */
export function parseConfigValue(key: ConfigKey, raw: unknown): { value: ConfigValue } | { error: string } {
  const spec: KeySpec = CONFIG_KEYS[key];
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  switch (spec.kind) {
    case 'text':
      if (text === undefined) return { error: messages.configNotText(key) };
      if (/[\u0000-\u001f\u007f]/u.test(text)) return { error: messages.configControlChars(key) };
      // An empty value would read as "not set" and fail later, where the key is needed.
      if (text === '') return { error: messages.configEmptyText(key) };
      if (spec.placeholders) {
        const unknown = [...text.matchAll(/\{([^{}]*)\}/gu)].map((m) => m[1] ?? '').find((name) => !spec.placeholders?.includes(name));
        if (unknown !== undefined) return { error: messages.configUnknownPlaceholder(key, unknown, spec.placeholders) };
      }
      return { value: text };
    case 'count': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : text !== undefined && /^\d+$/u.test(text) ? Number(text) : NaN;
      if (!Number.isInteger(n) || n < spec.min || n > spec.max) return { error: messages.configNotCount(key, spec.min, spec.max) };
      return { value: n };
    }
    case 'weekday': {
      const day = text?.toLowerCase();
      const weekday = WEEKDAYS.find((d) => d === day || d.slice(0, 3) === day);
      return weekday === undefined ? { error: messages.configNotWeekday(key) } : { value: weekday };
    }
    case 'time': {
      const time = text === undefined ? null : timeOfDay(text);
      return time === null ? { error: messages.configNotTime(key) } : { value: time };
    }
    case 'switch': {
      // Only the two words the message and the README name: "no" or "0" is refused, not guessed.
      if (typeof raw === 'boolean') return { value: raw };
      if (text === 'true') return { value: true };
      if (text === 'false') return { value: false };
      return { error: messages.configNotSwitch(key) };
    }
  }
}

/** A value that fits the key, for a hint. */
export function exampleValue(key: ConfigKey): string {
  const spec: KeySpec = CONFIG_KEYS[key];
  switch (spec.kind) {
    case 'count':
      return String(Math.max(spec.min, Math.min(spec.max, spec.fallback)));
    case 'weekday':
      return 'tuesday';
    case 'time':
      return '09:30';
    case 'switch':
      return String(!spec.fallback);
    case 'text':
      return '"…"';
  }
}

/** A refused config file or variable: where, and why. */
export interface ConfigProblem {
  where: string;
  message: string;
}

/**
 * The settings from defaults, then the file's entries, then the environment. The first
 * problem (unknown key, bad value) is returned instead: a half-read config would act on
 * settings the team did not write.
 */
export function resolveSettings(
  file: { path: string; entries: readonly ConfigEntry[] } | null,
  env: Record<string, string | undefined>,
): ResolvedSettings | { problem: ConfigProblem } {
  const values: Record<string, ConfigValue> = {};
  const origins: Record<string, Origin> = {};
  for (const [key, spec] of Object.entries(CONFIG_KEYS)) {
    values[key] = spec.fallback;
    origins[key] = { from: 'default' };
  }
  for (const entry of file?.entries ?? []) {
    const where = `${file?.path ?? ''}:${entry.line}`;
    if (!isConfigKey(entry.key)) return { problem: { where, message: messages.configUnknownKey(entry.key) } };
    const parsed = parseConfigValue(entry.key, entry.value);
    if ('error' in parsed) return { problem: { where, message: parsed.error } };
    values[entry.key] = parsed.value;
    origins[entry.key] = { from: 'config', path: file?.path ?? '', line: entry.line };
  }
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) {
    const variable = envVariable(key);
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const parsed = parseConfigValue(key, raw);
    if ('error' in parsed) return { problem: { where: variable, message: parsed.error } };
    values[key] = parsed.value;
    origins[key] = { from: 'env', variable };
  }
  return { values: values as Settings, origins: origins as ResolvedSettings['origins'] };
}

/** The defaults alone, for a context that must not fail on a broken config file. */
export function defaultSettings(): Settings {
  return Object.fromEntries(Object.entries(CONFIG_KEYS).map(([key, spec]) => [key, spec.fallback])) as Settings;
}

// A TOML line's table header ([meeting], [import.map]) or key (weekday = …, "a b".c = …).
const HEADER = /^\s*\[\s*([^\]\s][^\]]*?)\s*\]\s*(?:#.*)?$/u;
const KEY_LINE = /^(\s*)((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=/u;

function dotted(path: string): string {
  return path
    .split(/\s*\.\s*(?=(?:[^"']*["'][^"']*["'])*[^"']*$)/u)
    .map((part) => part.trim().replace(/^(["'])(.*)\1$/u, '$2'))
    .join('.');
}

/** The 1-based line of each dotted key (and table header) in a TOML text; the first wins. */
export function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let table = '';
  text.split(/\r?\n/u).forEach((line, i) => {
    const header = HEADER.exec(line);
    if (header) {
      table = dotted(header[1] ?? '');
      if (!lines.has(table)) lines.set(table, i + 1);
      return;
    }
    const key = KEY_LINE.exec(line);
    if (!key) return;
    const full = table ? `${table}.${dotted(key[2] ?? '')}` : dotted(key[2] ?? '');
    if (!lines.has(full)) lines.set(full, i + 1);
  });
  return lines;
}

/**
 * The line of a key, or for a table written as dotted keys under a header ([team] then
 * meeting.weekday = …, read as team.meeting), the first line of a key inside it.
 */
export function lineOf(lines: ReadonlyMap<string, number>, key: string): number | undefined {
  const own = lines.get(key);
  if (own !== undefined) return own;
  const inside = [...lines].filter(([name]) => name.startsWith(`${key}.`)).map(([, line]) => line);
  return inside.length > 0 ? Math.min(...inside) : undefined;
}

/**
 * The config text with key set to a TOML literal: the key's line is replaced where it
 * is, else the line goes at the end of its table, else a new table is appended. The
 * rest of the file (comments, order) stays as the team wrote it.
 */
export function setConfigLine(text: string, key: ConfigKey, literal: string): string {
  const lines = text === '' ? [] : text.replace(/\r?\n$/u, '').split(/\r?\n/u);
  const at = keyLines(text).get(key);
  const dot = key.lastIndexOf('.');
  const table = dot < 0 ? '' : key.slice(0, dot);
  const name = dot < 0 ? key : key.slice(dot + 1);
  if (at !== undefined && !HEADER.test(lines[at - 1] ?? '')) {
    const indent = KEY_LINE.exec(lines[at - 1] ?? '')?.[1] ?? '';
    const written = KEY_LINE.exec(lines[at - 1] ?? '')?.[2] ?? name;
    lines[at - 1] = `${indent}${written} = ${literal}`;
    return `${lines.join('\n')}\n`;
  }
  let start = -1; // the line of the key's table header; -1 for the top of the file
  if (table) {
    start = lines.findIndex((line) => dotted(HEADER.exec(line)?.[1] ?? '\u0000') === table);
    if (start < 0) return `${lines.join('\n')}${lines.length ? '\n\n' : ''}[${table}]\n${name} = ${literal}\n`;
  }
  // After the table's last key line, before the next header.
  let end = lines.findIndex((line, i) => i > start && HEADER.test(line));
  if (end < 0) end = lines.length;
  let insert = end;
  while (insert > start + 1 && (lines[insert - 1] ?? '').trim() === '') insert--;
  lines.splice(insert, 0, `${name} = ${literal}`);
  return `${lines.join('\n')}\n`;
}
