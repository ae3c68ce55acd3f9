import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedText } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// A forgotten name that lives on inside another person's: "Ana Kowalczyk" in "Dana Kowalczyk".
let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

type StoryJson = { id: number; text: string; customer: string | null; updatedAt: string };
type CustomerJson = { id: number; name: string; email: string | null; forgotten: boolean };


async function add(args: string[]): Promise<void> {
  const result = await svc.run(['story', 'add', ...args]);
  expect(result.code, result.stderr).toBe(0);
}

describe('forgetting a customer whose name lives on inside another person’s', () => {
  it('finishes, leaves Ana in no byte, and leaves Dana, Ana Kowalczyk Nowak and the stories about them unchanged', async () => {
    const csv = svc.writeFile('customers.csv', 'name,email\nAna Kowalczyk,ana.kowalczyk@example.com\nDana Kowalczyk,dana.kowalczyk@example.com\nAna Kowalczyk Nowak,\n');
    expect((await svc.run(['customers', 'import', csv])).code).toBe(0);
    await add(['Bo helped Dana Kowalczyk change the order', '--staff', 'Bo', '--customer', 'Dana Kowalczyk']);
    await add(['Dana Kowalczyk Ana', '--staff', 'Ana']);
    await add(['Bo met Ana Kowalczyk Nowak at the door', '--staff', 'Bo']);
    await add(['Ana Kowalczyk rang about dana.kowalczyk@example.com', '--staff', 'Bo', '--customer', 'Ana Kowalczyk']);
    // A backup beside the database, as a schema upgrade leaves it.
    await svc.run(['backup', '--out', join(svc.dir, 'svc.db.backup-v5-20260301T100000Z')]);
    const stories = async () => (await svc.json<StoryJson[]>(['stories', '--json'])).sort((a, b) => a.id - b.id);
    const dana = async () => (await svc.json<CustomerJson[]>(['customers', '--json', '--include-contacts'])).find((c) => c.id === 2);
    const [aboutDana, mentioningDana, aboutNowak] = await stories();
    const danaBefore = await dana();

    const result = await svc.run(['customer', 'forget', 'Ana Kowalczyk', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Forgot customer #1: erased name, email');
    expect(result.stderr).not.toContain('svc:');

    const after = await stories();
    expect(after.slice(0, 3)).toEqual([aboutDana, mentioningDana, aboutNowak]);
    expect(after[3]?.text).toBe('(forgotten) rang about dana.kowalczyk@example.com');
    expect(await dana()).toEqual(danaBefore);
    expect(danaBefore).toMatchObject({ name: 'Dana Kowalczyk', email: 'dana.kowalczyk@example.com' });
    // Gone to the byte: every copy of her name and email left is a part of Dana's.
    const bytes = storedText(svc);
    expect(bytes).toContain('dana kowalczyk');
    expect(bytes.replaceAll('dana kowalczyk', '').replaceAll('ana kowalczyk nowak', '')).not.toContain('ana kowalczyk');
    expect(bytes.replaceAll('dana.kowalczyk@example.com', '')).not.toContain('ana.kowalczyk@example.com');
    expect((await svc.run(['customer', 'forget', '1', '--yes'])).code).toBe(4); // finished: nothing pending to resume
  });
});
