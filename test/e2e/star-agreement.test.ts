import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
});
afterEach(() => svc.cleanup());

describe('the star of a practice', () => {
  it('is the same person in practices, practice show and train plan when two people tie, whatever their case', () => {
    // "Bo" sorts before "ana" by code unit, after it case-insensitively: the old tie-breaks disagreed.
    for (const [text, staff] of [['Bo called the customer back', 'Bo'], ['ana called the customer back', 'ana']]) {
      expect(svc.run(['story', 'add', text ?? '', '--staff', staff ?? '', '--tag', 'call-back']).code).toBe(0);
    }
    expect(svc.run(['practice', 'add', 'Call back', '--tag', 'call-back']).code).toBe(0);
    const listed = svc.json<Array<{ name: string; star: string; starShare: number; spread: number }>>(['practices', '--json']);
    const shown = svc.json<{ figures: { star: string; starShare: number; spread: number } }>(['practice', 'show', 'Call back', '--json']);
    expect(listed[0]).toMatchObject({ star: 'ana', starShare: 0.5, spread: 2 });
    expect(shown.figures).toMatchObject({ star: 'ana', starShare: 0.5, spread: 2 });
    expect(svc.run(['train', 'plan', 'Call back']).stdout).toMatch(/Star share\s+50% \(ana\)/u);
  });
});
