import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

const layer = (file: string) => relative(SRC, file).split('/')[0];

describe('dependencies point one way', () => {
  it('core imports no framework, database or terminal library (the NLP model and the sentence encoder are domain logic), and never touches process', () => {
    for (const file of files(join(SRC, 'core'))) {
      for (const spec of imports(file)) {
        expect(spec, `${relative(SRC, file)} imports ${spec}`).toMatch(/^(\.\/|node:crypto$|date-fns\/|chrono-node\/en$|wink-nlp$|wink-eng-lite-web-model$|onnxruntime-node$|node:(?:fs|fs\/promises|module|path)$)/);
      }
      expect(readFileSync(file, 'utf8'), `${relative(SRC, file)} uses process`).not.toMatch(/\bprocess\./);
    }
  });

  it('store and ui do not import the cli; ui does not import the store', () => {
    for (const file of [...files(join(SRC, 'store')), ...files(join(SRC, 'ui'))]) {
      for (const spec of imports(file)) {
        expect(spec, `${relative(SRC, file)} imports ${spec}`).not.toMatch(/\/cli\//);
        if (layer(file) === 'ui') expect(spec, `${relative(SRC, file)} imports ${spec}`).not.toMatch(/\/store\//);
      }
    }
  });

  it('only the store writes SQL, and only db.ts and migrate.ts load better-sqlite3', () => {
    for (const file of files(SRC)) {
      const text = readFileSync(file, 'utf8');
      const rel = relative(SRC, file);
      if (imports(file).includes('better-sqlite3')) expect(['store/db.ts', 'store/migrate.ts']).toContain(rel);
      if (layer(file) !== 'store') {
        expect(text, `${rel} has SQL`).not.toMatch(/\b(SELECT\s+[\w*]+[\s\S]{0,200}?\bFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET)\b/);
      }
    }
  });

  it('only prompts.ts loads @inquirer/prompts, and only main.ts sets the exit code', () => {
    for (const file of files(SRC)) {
      const rel = relative(SRC, file);
      if (imports(file).some((s) => s.startsWith('@inquirer/'))) expect(rel).toBe('cli/prompts.ts');
      const text = readFileSync(file, 'utf8');
      expect(text, `${rel} calls process.exit`).not.toMatch(/process\.exit\(/);
      if (rel !== 'cli/main.ts') expect(text, `${rel} sets process.exitCode`).not.toMatch(/process\.exitCode\s*=/);
    }
  });

  it('app imports only core, store and itself (never cli, ui or the process), and talks to the Store, not to SQLite', () => {
    for (const file of files(join(SRC, 'app'))) {
      const rel = relative(SRC, file);
      const text = readFileSync(file, 'utf8');
      for (const spec of imports(file)) {
        expect(spec, `${rel} imports ${spec}`).toMatch(/^(\.\/[\w-]+\.ts$|\.\.\/(core|store)\/|node:(?!process$))/);
      }
      expect(text, `${rel} uses process`).not.toMatch(/\bprocess\./);
      expect(imports(file).filter((spec) => spec.startsWith('../store/')), `${rel} reaches past the Store`).toEqual(
        imports(file).filter((spec) => spec === '../store/store.ts'),
      );
    }
  });

  // Every handler is parse → app → render: it reaches data only through src/app (types
  // from the store are fine). db check reads the file itself: a damaged database is what
  // it reports on, and one cannot open it as a Store.
  const NOT_THROUGH_APP = ['db/check.ts'];

  it('handlers load no store module, never reach the connection and never call the Store themselves', () => {
    const handlers = files(join(SRC, 'cli/commands'));
    expect(handlers.length).toBeGreaterThan(100);
    for (const file of handlers) {
      const rel = relative(join(SRC, 'cli/commands'), file);
      if (NOT_THROUGH_APP.includes(rel)) continue;
      const text = readFileSync(file, 'utf8');
      const storeValues = [...text.matchAll(/(?:^|\n)\s*import\s+(?!type\b)[^;]*?from\s+['"]([^'"]*\/store\/[^'"]+)['"]/g)].map((m) => m[1]);
      expect(storeValues, `${rel} loads the store`).toEqual([]);
      expect(text, `${rel} reaches the connection`).not.toMatch(/\bstore(\(\))?\.db\b|\{\s*db\s*\}\s*=/);
      // Nor the Store itself: what a handler reads or writes is one use case in src/app.
      expect(text, `${rel} calls the Store`).not.toMatch(/\bstore(\(\))?\.(?!withBusyTimeout\b|close\b|path\b)[a-zA-Z]+\.[a-zA-Z]+\(|\bstore(\(\))?\.(transaction|read)\(/);
    }
  });

  it('nothing in cli calls the Store itself but the suggestion metrics, which build their own story sets to measure on', () => {
    for (const file of files(join(SRC, 'cli'))) {
      const rel = relative(SRC, file);
      if (rel === 'cli/suggest-metrics.ts') continue;
      expect(readFileSync(file, 'utf8'), `${rel} calls the Store`).not.toMatch(/\bstore(\(\))?\.(?!withBusyTimeout\b|close\b|path\b)[a-zA-Z]+\.[a-zA-Z]+\(|\bstore(\(\))?\.(transaction|read)\(/);
    }
  });

  it('handlers lay out no tables: the renderers in src/ui do', () => {
    for (const file of files(join(SRC, 'cli'))) {
      expect(imports(file), `${relative(SRC, file)} builds a table`).not.toContain('../../../ui/table.ts');
      expect(imports(file), `${relative(SRC, file)} builds a table`).not.toContain('../ui/table.ts');
    }
  });

  it('cli holds no SQL: no prepared statement, no raw SQLite call, no better-sqlite3', () => {
    for (const file of files(join(SRC, 'cli'))) {
      const rel = relative(SRC, file);
      const text = readFileSync(file, 'utf8');
      expect(text, `${rel} prepares SQL`).not.toMatch(/\.(prepare|pragma)\(|\bdb\.exec\(/);
      expect(imports(file), `${rel} loads better-sqlite3`).not.toContain('better-sqlite3');
      // SQL keywords as SQL writes them, in upper case: the words themselves appear in help text.
      expect(text, `${rel} has SQL`).not.toMatch(/\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|(CREATE|DROP|ALTER)\s+(TABLE|INDEX|VIEW|TRIGGER)|PRAGMA\s+\w|BEGIN\s+(IMMEDIATE|DEFERRED|EXCLUSIVE|TRANSACTION)|WITH\s+(RECURSIVE\s+)?\w+\s+AS\s*\()/);
    }
  });

  it('core imports nothing from store, app, cli or ui', () => {
    for (const file of files(join(SRC, 'core'))) {
      for (const spec of imports(file)) expect(spec, `${relative(SRC, file)} imports ${spec}`).not.toMatch(/(^|\/)(store|app|cli|ui)\//);
    }
  });

  it('store, core and ui import nothing from app', () => {
    for (const file of [...files(join(SRC, 'store')), ...files(join(SRC, 'core')), ...files(join(SRC, 'ui'))]) {
      for (const spec of imports(file)) expect(spec, `${relative(SRC, file)} imports ${spec}`).not.toMatch(/\/app\//);
    }
  });

  it('program.ts loads handlers lazily', () => {
    const text = readFileSync(join(SRC, 'cli/program.ts'), 'utf8');
    expect(imports(join(SRC, 'cli/program.ts')).filter((s) => !s.startsWith('./commands/') || !s.endsWith('/register.ts'))).toEqual(
      expect.arrayContaining(['commander']),
    );
    expect(text).not.toMatch(/from '\.\/commands\/[^']+\/(?!register)[\w-]+\.ts'/);
  });
});
