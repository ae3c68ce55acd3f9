import { describe, expect, it } from 'vitest';
import { badRowsRefusal } from '../../../src/core/bad-rows.ts';
import { ExitCode } from '../../../src/core/errors.ts';

const wording = {
  refusal: 'f.csv has bad rows; nothing was imported',
  hint: (someGood: boolean) => (someGood ? 'fix them, or pass --skip-invalid' : 'fix them'),
};

describe('the rule for bad rows in an import', () => {
  it('lets a file with no bad row through, with or without --skip-invalid', () => {
    expect(badRowsRefusal({ file: 'f.csv', good: 3, bad: 0 }, false, wording)).toBeUndefined();
    expect(badRowsRefusal({ file: 'f.csv', good: 3, bad: 0 }, true, wording)).toBeUndefined();
  });

  it('refuses any bad row without --skip-invalid, offering it only when some row is good', () => {
    const some = badRowsRefusal({ file: 'f.csv', good: 2, bad: 1 }, false, wording);
    expect([some?.message, some?.hint, some?.exitCode]).toEqual([wording.refusal, 'fix them, or pass --skip-invalid', ExitCode.usage]);
    const none = badRowsRefusal({ file: 'f.csv', good: 0, bad: 2 }, false, wording);
    expect([none?.message, none?.hint]).toEqual([wording.refusal, 'fix them']);
  });

  it('with --skip-invalid lets the good rows through, and refuses a file with none (exit 2)', () => {
    expect(badRowsRefusal({ file: 'f.csv', good: 1, bad: 5 }, true, wording)).toBeUndefined();
    const none = badRowsRefusal({ file: 'f.csv', good: 0, bad: 2 }, true, wording);
    expect([none?.message, none?.hint, none?.exitCode]).toEqual(['every row of f.csv is bad (all 2 listed above): nothing to import', 'fix them', ExitCode.usage]);
    expect(badRowsRefusal({ file: 'stdin', good: 0, bad: 1 }, true, wording)?.message).toBe('every row of stdin is bad (the one listed above): nothing to import');
  });
});
