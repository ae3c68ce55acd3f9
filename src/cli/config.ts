/**
 * The config file: where it lives, reading and parsing it, and writing one key back.
 * TOML, read by smol-toml: a complete TOML 1.0 parser with no dependencies that reports
 * the line of a syntax error, which svc passes on.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parse, stringify, TomlDate, TomlError } from 'smol-toml';
import {
  CONFIG_KEYS,
  defaultSettings,
  exampleValue,
  isConfigKey,
  keyLines,
  lineOf,
  parseConfigValue,
  resolveSettings,
  setConfigLine,
  type ConfigEntry,
  type ConfigValue,
  type ResolvedSettings,
  type Settings,
} from '../core/config.ts';
import { errorCode, UsageError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { closestWord } from '../core/text.ts';

/** $XDG_CONFIG_HOME/svc/config.toml, else ~/.config/svc/config.toml (a relative XDG path is ignored, as the spec says). */
export function configPath(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'svc', 'config.toml');
  if (!env.HOME) throw new UsageError(messages.configNoHome, messages.configNoHomeHint);
  return join(env.HOME, '.config', 'svc', 'config.toml');
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw new UsageError(messages.configUnreadable(path, errorCode(error) || String(error)), messages.configUnreadableHint);
  }
}

/** The file's key = value pairs as dotted keys with their lines; a syntax error names its line. */
export function configEntries(path: string, text: string): ConfigEntry[] {
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const what = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/u, '');
    throw new ValidationError(messages.configNotToml(`${path}:${error.line}`, what), messages.configBadHint);
  }
  const lines = keyLines(text);
  const entries: ConfigEntry[] = [];
  const walk = (table: Record<string, unknown>, prefix: string) => {
    for (const [name, value] of Object.entries(table)) {
      const key = prefix ? `${prefix}.${name}` : name;
      const isTable = typeof value === 'object' && value !== null && !(value instanceof Date) && !Array.isArray(value);
      // A table is walked when some known key lies inside it; otherwise it is reported as unknown.
      if (isTable && !isConfigKey(key) && Object.keys(CONFIG_KEYS).some((known) => known.startsWith(`${key}.`))) {
        walk(value as Record<string, unknown>, key);
        continue;
      }
      const plain = value instanceof TomlDate && value.isTime() ? value.toISOString().slice(0, 5) : value;
      entries.push({ key, value: plain, line: lineOf(lines, key) ?? lines.get(prefix) ?? 1 });
    }
  };
  walk(document, '');
  return entries;
}

/** Defaults, the config file and the environment, resolved; a bad file or variable is refused naming where. */
export function loadSettings(env: Record<string, string | undefined>): ResolvedSettings & { path: string; exists: boolean } {
  // Without a home there is no config file to read (a service account, a bare container): defaults and variables only.
  const path = env.HOME || (env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)) ? configPath(env) : null;
  const text = path === null ? null : readText(path);
  const resolved = resolveSettings(text === null || path === null ? null : { path, entries: configEntries(path, text) }, env);
  if ('problem' in resolved) {
    const { where, message } = resolved.problem;
    const unknown = /^"(.+)" is not a setting/u.exec(message)?.[1];
    const hint = unknown
      ? messages.configUnknownKeyHint(closestWord(unknown, Object.keys(CONFIG_KEYS)))
      : where.startsWith('SVC_')
        ? messages.configBadEnvHint(where)
        : messages.configBadHint;
    throw new ValidationError(messages.configBad(where, message), hint);
  }
  return { ...resolved, path: path ?? '', exists: text !== null };
}

/** The settings, or the defaults when the file or environment is broken: for what must never fail (the hint lines). */
export function settingsOrDefaults(env: Record<string, string | undefined>): Settings {
  try {
    return loadSettings(env).values;
  } catch {
    return defaultSettings();
  }
}

/**
 * Sets one key in the config file, keeping the rest of the file as written. The value is
 * checked first, and the whole new file is read back before it replaces the old one, so
 * a refused change leaves the file as it was.
 */
export function setConfigValue(env: Record<string, string | undefined>, key: string, raw: string): { path: string; value: ConfigValue } {
  if (!isConfigKey(key)) {
    throw new UsageError(messages.configUnknownKey(key), messages.configUnknownKeyHint(closestWord(key, Object.keys(CONFIG_KEYS))));
  }
  const parsed = parseConfigValue(key, raw);
  if ('error' in parsed) throw new ValidationError(messages.configSetBadValue(key, raw, parsed.error), messages.configSetBadValueHint(key, exampleValue(key)));
  const path = configPath(env);
  const before = readText(path) ?? '';
  const after = setConfigLine(before, key, literal(parsed.value));
  // The new file must read back whole; this throws, naming the line, before anything is written.
  const check = resolveSettings({ path, entries: configEntries(path, after) }, {});
  if ('problem' in check) throw new ValidationError(messages.configBad(check.problem.where, check.problem.message), messages.configBadHint);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, after, { mode: 0o600 });
  renameSync(temporary, path);
  return { path, value: parsed.value };
}

/** A value as a TOML literal: strings quoted and escaped by the TOML library itself. */
function literal(value: ConfigValue): string {
  if (value === null) return '""';
  return stringify({ v: value }).replace(/^v = /u, '').trim();
}

