import { describe, expect, it } from 'vitest';
import { namesBehaviour } from '../../src/core/vague.ts';

describe('namesBehaviour (no model)', () => {
  it('finds a behaviour in any inflection', () => {
    expect(namesBehaviour('Ana called the customer back')).toBe(true);
    expect(namesBehaviour('Bo stopped by to check on the Finance team')).toBe(true);
    expect(namesBehaviour('She took the time to listen')).toBe(true);
    expect(namesBehaviour('Dessert was on the house')).toBe(true);
    expect(namesBehaviour('Cy apologised and replied within the hour')).toBe(true);
  });

  it('sees vague praise as vague', () => {
    expect(namesBehaviour('The staff were lovely')).toBe(false);
    expect(namesBehaviour('Great service, very friendly and attentive!')).toBe(false);
    expect(namesBehaviour('Ana is amazing')).toBe(false);
  });
});
