import { CONFIG_KEYS, envVariable, type ConfigKey, type ConfigValue, type Origin, type ResolvedSettings } from '../../core/config.ts';
import type { Palette } from '../color.ts';

/** A value as `config get` prints it: unset text is an empty line. */
export function settingText(value: ConfigValue): string {
  return value === null ? '' : String(value);
}

function originText(origin: Origin): string {
  switch (origin.from) {
    case 'default':
      return 'default';
    case 'config':
      return `${origin.path}:${origin.line}`;
    case 'env':
      return origin.variable;
  }
}

/** One key as JSON: key, value, origin, and the variable that overrides it. */
export function settingJson(key: ConfigKey, settings: ResolvedSettings) {
  return { key, value: settings.values[key], origin: settings.origins[key], env: envVariable(key), about: CONFIG_KEYS[key].about };
}

export function settingsJson(settings: ResolvedSettings & { path: string; exists: boolean }) {
  return {
    path: settings.path,
    exists: settings.exists,
    settings: (Object.keys(CONFIG_KEYS) as ConfigKey[]).map((key) => settingJson(key, settings)),
  };
}

/** `key = value` lines, aligned, as TOML would write them; with origin, where each came from. */
export function renderSettings(settings: ResolvedSettings, options: { origin: boolean; color: Palette }): string {
  const keys = Object.keys(CONFIG_KEYS) as ConfigKey[];
  const width = Math.max(...keys.map((key) => key.length));
  const shown = keys.map((key) => {
    const value = settings.values[key];
    return value === null ? '(not set)' : typeof value === 'string' ? JSON.stringify(value) : String(value);
  });
  const valueWidth = Math.max(...shown.map((text) => text.length));
  return keys
    .map((key, i) => {
      const line = `${key.padEnd(width)} = ${options.origin ? (shown[i] ?? '').padEnd(valueWidth) : (shown[i] ?? '')}`;
      return options.origin ? `${line}  ${options.color.dim(`# ${originText(settings.origins[key])}`)}` : line;
    })
    .join('\n');
}
