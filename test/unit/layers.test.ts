import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const files = sources(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));

describe('the layers (STYLE.md §1)', () => {
  it('keeps core free of commander, chalk, inquirer, better-sqlite3 and process', () => {
    const offenders = files
      .filter((f) => f.path.startsWith('core/'))
      .filter((f) => /from '(commander|chalk|@inquirer\/prompts|better-sqlite3)'|\bprocess\./u.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps SQL in src/store', () => {
    const offenders = files
      .filter((f) => !f.path.startsWith('store/'))
      .filter((f) => /\b(SELECT .+ FROM|INSERT INTO|DELETE FROM|UPDATE \w+ SET)\b/u.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('lets store and ui import from core, never from cli', () => {
    const offenders = files
      .filter((f) => f.path.startsWith('store/') || f.path.startsWith('ui/') || f.path.startsWith('core/'))
      .filter((f) => /from '(\.\.\/)+cli\//u.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
