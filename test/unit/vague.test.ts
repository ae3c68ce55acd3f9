import { describe, expect, it } from 'vitest';
import { joinSentences } from '../../src/core/text.ts';
import { isVaguePraise, namesBehaviour } from '../../src/core/vague.ts';

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

describe('isVaguePraise: the one check of story add, for flags, stdin and the prompt', () => {
  it('nudges praise that names no deed', () => {
    for (const text of [
      'Great service, thanks!',
      'Sofia at reception was so welcoming, lovely start to our stay.',
      'Rahul went above and beyond for us.',
      'Jenny went over and above for us, brilliant as always.',
      'Dee went the extra mile again!',
      'Hiroshi fixed it, customer v happy.',
      'Dmitri was very helpful and sorted everything out.',
      'Tomasz made a stressful day so much easier. Couldnt have asked for better.',
      'Aisha was brilliant on the phone today, the customer said she was so patient.',
      'Guest in 509 asked us to pass on thanks to Bogdan, always smiling and friendly.',
      'Ayesha was brilliant as always, a real credit to the team.',
    ]) {
      expect(isVaguePraise(text), text).toBe(true);
    }
  });

  it('does not nudge a story that says what was done', () => {
    for (const text of [
      'Lucía booked the stitches-out appointment while she was still on the couch.',
      'Hassan had him repeat the schedule back before handing the bag over.',
      "Fay didn't hang up until the router was back online.",
      "I never say 'soon' any more. Told Mrs Fernandes her number would move by 4pm.",
      'Teresa folded the bath towels into a little rabbit family.',
      'Ana went out of her way to find a table.',
    ]) {
      expect(isVaguePraise(text), text).toBe(false);
    }
  });
});

describe('isVaguePraise: deeds said without a listed verb', () => {
  it('reads a negated verb before "until" as persistence, whoever else is in the clause', () => {
    expect(isVaguePraise("Marisol didn't leave until she and the customer had checked every tap in the house for pressure together.")).toBe(false);
    expect(isVaguePraise("Ken wouldn't budge until the boiler fired.")).toBe(false);
    expect(isVaguePraise("She couldn't be nicer until the very end.")).toBe(true);
  });

  it('reads a particular thing credited to someone as a deed, and credited praise as praise', () => {
    expect(isVaguePraise("Guest review mentions 'the towel animals every afternoon' in 420 - that's Teresa's doing.")).toBe(false);
    expect(isVaguePraise("Great service, that's Teresa's doing!")).toBe(true);
    expect(isVaguePraise("The staff were lovely, it was all Ana's doing.")).toBe(true);
  });

  it('reads a compound or redone action by its verb', () => {
    expect(isVaguePraise("Carmen price-matched them on the spot.")).toBe(false);
    expect(isVaguePraise('Elif and Jamal rewrote the outage macro together.')).toBe(false);
    expect(isVaguePraise('Marta rebuilt the rota so Bo could shadow Ana.')).toBe(false);
    expect(isVaguePraise('Ana reset his password.')).toBe(false);
  });

  it('reads the common irregular pasts as deeds', () => {
    expect(isVaguePraise('Ana built a spreadsheet of every open complaint.')).toBe(false);
    expect(isVaguePraise('Bo bought a replacement charger from the shop next door.')).toBe(false);
    expect(isVaguePraise('Cy led her to the lift and carried the bags.')).toBe(false);
    // "the best I've ever dealt with" is praise: dealing with someone is no deed.
    expect(isVaguePraise("Lovely email saying Ana was the nicest person she's ever dealt with.")).toBe(true);
  });
});

describe('joinSentences', () => {
  it('joins answers as sentences, keeping their own full stops', () => {
    expect(joinSentences(['The customer was upset', 'Ana called back.'])).toBe('The customer was upset. Ana called back.');
    expect(joinSentences(['Ana was lovely!', ' ', 'She rang back'])).toBe('Ana was lovely! She rang back.');
  });
});
