import { describe, expect, it } from 'vitest';
import { isSvcError } from '../../../src/core/errors.ts';
import { idIn, parseId } from '../../../src/core/ids.ts';

describe('parseId', () => {
  it('takes whole numbers, with or without #, spaces around', () => {
    expect(parseId('story', '12')).toBe(12);
    expect(parseId('story', '#12')).toBe(12);
    expect(parseId('interview', ' 7 ')).toBe(7);
  });

  it.each(['abc', '0', '-3', '1.5', '', '##2', '1234567890123456'])('refuses %j, naming the noun', (value) => {
    expect(() => parseId('story', value)).toThrow(/is not a story id/);
    expect(() => parseId('interview', value)).toThrow(/is not an interview id/);
  });

  it('refuses with exit code 2 and a hint that names the noun', () => {
    try {
      parseId('interview', 'abc');
      expect.unreachable();
    } catch (error) {
      expect(isSvcError(error) && error.exitCode).toBe(2);
      expect(isSvcError(error) && error.hint).toBe('an interview id is a whole number such as 12');
    }
  });
});

describe('idIn', () => {
  it('finds an id written as one, and nothing in a name', () => {
    expect(idIn('#3')).toBe(3);
    expect(idIn('3')).toBe(3);
    expect(idIn('Ana 3')).toBeUndefined();
    expect(idIn('#')).toBeUndefined();
    expect(idIn('Call back')).toBeUndefined();
  });
});
