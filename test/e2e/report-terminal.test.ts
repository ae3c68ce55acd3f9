import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { seedCrafted } from '../helpers/report-team.ts';
import { Terminal } from '../helpers/terminal.ts';

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
  seedCrafted(svc.db);
});
afterEach(() => svc.cleanup());

describe('svc report and status on a terminal', () => {
  it('will not pour an HTML page onto a terminal: it asks for --out', async () => {
    const before = svc.snapshot();
    const term = new Terminal(['report', '--format', 'html'], svc.db);
    expect(await term.exitCode()).toBe(2);
    expect(term.screen).toContain('svc: an HTML report is a file: pass --out FILE');
    expect(term.screen).toContain('hint: e.g. svc report --format html --out meeting.html');
    expect(term.screen).not.toContain('<!doctype html>');
    expect(svc.snapshot()).toBe(before);
  });

  it('bare svc shows the loop on a terminal too', async () => {
    const term = new Terminal([], svc.db, { NO_COLOR: undefined });
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('detect       1 practice not yet agreed — svc practices --status candidate');
    expect(term.screen).toContain('monitor      last meeting 2026-03-04');
  });
});
