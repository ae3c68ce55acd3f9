import { describe, expect, it } from 'vitest';
import { countOf, formatDay, percent } from '../../src/ui/format.ts';

describe('figures as svc prints them', () => {
  it('percent: a whole number with the sign attached, as in the practices table', () => {
    expect(percent(0.42)).toBe('42%');
    expect(percent(1 / 3)).toBe('33%');
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
  });

  it('counts agree with their noun', () => {
    expect(countOf(1, 'story', 'stories')).toBe('1 story');
    expect(countOf(0, 'story', 'stories')).toBe('0 stories');
    expect(countOf(2, 'person', 'people')).toBe('2 people');
  });

  it('days: relative on a terminal, ISO otherwise, a future day as its date', () => {
    const now = new Date('2026-03-18T10:00:00Z');
    expect(formatDay('2026-03-18', now, true)).toBe('today');
    expect(formatDay('2026-03-17', now, true)).toBe('yesterday');
    expect(formatDay('2026-03-14', now, true)).toBe('4 days ago');
    expect(formatDay('2026-03-20', now, true)).toBe('2026-03-20');
    expect(formatDay('2026-03-14', now, false)).toBe('2026-03-14');
  });
});
