import { describe, expect, it } from 'vitest';
import { startProgress } from '../../src/cli/progress.ts';

/** A stderr stand-in with a clock the test moves. */
function output(tty: boolean) {
  const state = { now: 0, written: '' };
  return { state, out: { tty, write: (text: string) => (state.written += text), now: () => state.now } };
}

describe('the progress bar', () => {
  it('stays quiet for work shorter than a second', () => {
    const { state, out } = output(true);
    const progress = startProgress('Importing stories', out);
    state.now = 999;
    progress.update(5, 10);
    progress.end();
    expect(state.written).toBe('');
    expect(progress.longRunning).toBe(false);
  });

  it('draws one line on a terminal once work runs past a second, redrawn in place and ended', () => {
    const { state, out } = output(true);
    const progress = startProgress('Exporting', out);
    state.now = 1_500;
    progress.update(1_200, 4_800);
    progress.update(4_800, 4_800);
    progress.end();
    expect(state.written).toBe(`\rExporting ${'█'.repeat(6)}${'░'.repeat(18)} 1,200/4,800\rExporting ${'█'.repeat(24)} 4,800/4,800\n`);
    expect(progress.longRunning).toBe(true);
    expect(progress.seconds()).toBe(1.5);
  });

  it('writes nothing off a terminal, but still knows the work was long', () => {
    const { state, out } = output(false);
    const progress = startProgress('Indexing story phrases', out);
    state.now = 5_000;
    progress.update(3, 4);
    progress.end();
    expect(state.written).toBe('');
    expect(progress.longRunning).toBe(true);
  });

  it('never overfills the bar, even with no total', () => {
    const { state, out } = output(true);
    const progress = startProgress('x', out);
    state.now = 2_000;
    progress.update(7, 0);
    expect(state.written).toBe(`\rx ${'█'.repeat(24)} 7/0`);
  });
});
