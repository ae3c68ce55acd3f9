import { describe, expect, it } from 'vitest';
import { cleanName, closestWord, editDistance, inlineTags, nameKey, normalizePhrase, normalizeTag } from '../../../src/core/text.ts';

describe('names', () => {
  it('match case-insensitively and trimmed', () => {
    expect(nameKey('alice ')).toBe(nameKey('Alice'));
    expect(nameKey('  Ana   María ')).toBe('ana maría');
    expect(cleanName('  Ana   María ')).toBe('Ana María');
  });

  it('treat composed and decomposed accents as the same name', () => {
    expect(nameKey('Jose\u0301')).toBe(nameKey('José'));
  });
});

describe('tags', () => {
  it('are lower-case, hyphenated and without #', () => {
    expect(normalizeTag('#Follow Up')).toBe('follow-up');
    expect(normalizeTag('  going_the__extra  mile ')).toBe('going-the-extra-mile');
    expect(normalizeTag('##')).toBe('');
  });

  it('are found inline, once each, in order', () => {
    expect(inlineTags('Called back #call-back and #Empathy, then #call-back again')).toEqual(['call-back', 'empathy']);
  });

  it('are not found in URLs, e-mail anchors or colour codes mid-word', () => {
    expect(inlineTags('see https://example.com/page#section and x#y')).toEqual([]);
  });

  it('work in non-Latin scripts', () => {
    expect(inlineTags('素晴らしい対応 #丁寧')).toEqual(['丁寧']);
  });
});

describe('phrases', () => {
  it('are lower-case words with single spaces', () => {
    expect(normalizePhrase('  Called   BACK! ')).toBe('called back');
  });
});

describe('closestWord', () => {
  it('suggests the command a typo meant, and nothing for a stranger', () => {
    const names = ['story', 'stories', 'search', 'report', 'practices', 'practice', 'detect'];
    expect(closestWord('stroy', names)).toBe('story');
    expect(closestWord('reprot', names)).toBe('report');
    expect(closestWord('practise', names)).toBe('practice');
    expect(closestWord('banana', names)).toBeUndefined();
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
