import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

describe('the star of a practice', () => {
  it('is the same person in practices, practice show and train plan when two people tie, whatever their case', async () => {
    // "Bo" sorts before "ana" by code unit, after it case-insensitively: the old tie-breaks disagreed.
    for (const [text, staff] of [['Bo called the customer back', 'Bo'], ['ana called the customer back', 'ana']]) {
      expect((await svc.run(['story', 'add', text ?? '', '--staff', staff ?? '', '--tag', 'call-back'])).code).toBe(0);
    }
    expect((await svc.run(['practice', 'add', 'Call back', '--tag', 'call-back'])).code).toBe(0);
    const listed = await svc.json<Array<{ name: string; star: string; starShare: number; spread: number }>>(['practices', '--json']);
    const shown = await svc.json<{ figures: { star: string; starShare: number; spread: number } }>(['practice', 'show', 'Call back', '--json']);
    expect(listed[0]).toMatchObject({ star: 'ana', starShare: 0.5, spread: 2 });
    expect(shown.figures).toMatchObject({ star: 'ana', starShare: 0.5, spread: 2 });
    expect((await svc.run(['train', 'plan', 'Call back'])).stdout).toMatch(/Star share\s+50% \(ana\)/u);
  });
});
