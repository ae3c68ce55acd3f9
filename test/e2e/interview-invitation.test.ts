import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

interface PickJson {
  interviews: Array<{ id: number; customer: string; invitation: string }>;
  invitation: string;
}

let svc: InProcessSandbox;
let env: Record<string, string>;
beforeEach(async () => {
  svc = inProcessSandbox();
  env = { XDG_CONFIG_HOME: join(svc.dir, 'xdg') };
  const path = join(svc.dir, 'customers.csv');
  writeFileSync(path, 'name,email,segment\nMaria Lind,maria@example.com,retail\nJo Berg,jo@example.com,retail\n');
  await svc.run(['customers', 'import', path], { env });
});
afterEach(() => svc.cleanup());

describe('the interview invitation', () => {
  it("names the customer and the caller, by default and from the team's template", async () => {
    const picked = await svc.run(['interview', 'pick', '--for', 'Bo', '--count', '1', '--seed', '1'], { env });
    expect(picked.code, picked.stderr).toBe(0);
    const customer = picked.stdout.includes('Maria Lind\t') ? 'Maria Lind' : 'Jo Berg';
    expect(picked.stdout).toContain(`Invitation to send to ${customer} (#1;`);
    expect(picked.stdout).toContain(`Hello ${customer},\n\nI am Bo,`);

    const set = await svc.run(['config', 'set', 'interview.invitation', 'Dear {customer}, {caller} here.\\nTen minutes on the phone?'], { env });
    expect(set.code, set.stderr).toBe(0);
    const json = await svc.json<PickJson>(['interview', 'pick', '--for', 'Ana', '--seed', '1'], { env });
    const other = json.interviews[0]!;
    expect(other.invitation).toBe(`Dear ${other.customer}, Ana here.\nTen minutes on the phone?`);
    expect(json.invitation).toBe('Dear [customer name], Ana here.\nTen minutes on the phone?');

    const show = await svc.run(['interview', 'show', String(other.id)], { env });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`Interview #${other.id} with ${other.customer}: invited`);
    expect(show.stdout).toContain(`Invitation to send\n\nDear ${other.customer}, Ana here.\nTen minutes on the phone?`);
    const shown = await svc.json<{ state: string; invitation: string }>(['interview', 'show', String(other.id), '--json'], { env });
    expect(shown).toMatchObject({ state: 'invited', invitation: other.invitation });
  });

  it('refuses a template with a placeholder svc cannot fill, and an unknown interview, changing nothing', async () => {
    await svc.run(['interview', 'pick', '--count', '1', '--seed', '1'], { env });
    const before = svc.snapshot();
    const bad = await svc.run(['config', 'set', 'interview.invitation', 'Dear {name}'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'svc: cannot set interview.invitation to "Dear {name}": interview.invitation holds {name}, which svc cannot fill in: use {customer} or {caller}\n' +
        'hint: e.g. svc config set interview.invitation "…"\n',
    );
    expect(bad.stderr).toMatch(/^hint: /m);
    const missing = await svc.run(['interview', 'show', '99'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^svc: interview #99 does not exist\nhint: /);
    const notAnId = await svc.run(['interview', 'show', 'abc'], { env });
    expect(notAnId.code).toBe(2);
    expect(notAnId.stderr).toMatch(/^svc: .*\nhint: /);
    expect(svc.snapshot()).toBe(before);
    expect(() => readFileSync(join(env.XDG_CONFIG_HOME!, 'svc', 'config.toml'), 'utf8')).toThrow();
  });

  it('reminds the caller to leave a direct contact when a call is logged', async () => {
    await svc.run(['interview', 'pick', '--for', 'Bo', '--count', '1', '--seed', '1'], { env });
    const [interview] = await svc.json<Array<{ id: number; customer: string }>>(['interviews'], { env });
    const logged = await svc.run(['interview', 'log', String(interview!.id), '--liked', 'quick answers'], { env });
    expect(logged.code, logged.stderr).toBe(0);
    expect(logged.stderr).toContain(`before you hang up: give ${interview!.customer} a direct contact for Bo (a phone number or email)`);
    const show = await svc.run(['interview', 'show', String(interview!.id)], { env });
    expect(show.stdout).toContain('liked:    quick answers');
    expect(show.stdout).not.toContain('Invitation to send');
  });
});
