import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCleanError } from '../helpers/cli.ts';
import { inProcessSandbox } from '../helpers/in-process.ts';
import { storyText, FUZZ_SEED } from '../helpers/text.ts';

interface StoryJson {
  id: number;
  text: string;
}

describe('random text through svc story add, list, show and search', () => {
  it('what the binary stores is what it reads back, and no raw control character reaches stdout', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(storyText, { minLength: 6, maxLength: 6 }), async (texts) => {
        const svc = inProcessSandbox();
        try {
          const saved: Array<{ id: number; text: string; marker: string }> = [];
          for (const [i, text] of texts.entries()) {
            // A marker word makes every story findable by search, whatever else it holds.
            const marker = `zq${run}x${i}`;
            const input = `${text} ${marker}`;
            const before = svc.snapshot();
            const result = await svc.run(['story', 'add', '--staff', 'Ana'], { input });
            if (input.includes('\u0000')) {
              // A NUL is binary data, never text: refused on both engines (PostgreSQL's text cannot hold it), nothing stored.
              expect(result.code).toBe(2);
              expectCleanError(result.stderr, /^svc: the story text holds a NUL character/);
              expect(svc.snapshot()).toBe(before);
              continue;
            }
            expect(result.code).toBe(0);
            saved.push({ id: Number(result.stdout.trim()), text: input.normalize('NFC').trim(), marker });
          }
          const listed = await svc.json<StoryJson[]>(['stories', '--limit', '0']);
          for (const story of saved) {
            expect(listed.find((s) => s.id === story.id)?.text).toBe(story.text);
          }
          const first = saved[0];
          if (first) {
            expect((await svc.json<StoryJson>(['story', 'show', String(first.id)])).text).toBe(first.text);
            expect((await svc.json<StoryJson[]>(['search', first.marker])).map((s) => s.text)).toEqual([first.text]);
          }
          for (const args of [['stories'], ['story', 'show', String(first?.id)], ['search', first?.marker ?? 'x']]) {
            // A carriage return that ends a line (CRLF) overwrites nothing and stays; a lone one is shown escaped.
            expect((await svc.run(args)).stdout).not.toMatch(/\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u);
          }
        } finally {
          svc.cleanup();
          run++;
        }
      }),
      { ...FUZZ_SEED, numRuns: 2 },
    );
  }, 120_000);
});
