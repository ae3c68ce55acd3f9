import { describe, expect, it } from 'vitest';
import { parseCount } from '../../../src/cli/options.ts';
import { parseDay, parseIsoPastDay } from '../../../src/core/dates.ts';
import { checkImportedRow } from '../../../src/core/import-rules.ts';
import { checkStoryFields, draftStory } from '../../../src/core/story.ts';
import { MAX_QUERY_PREFIXES, MAX_QUERY_TERMS, toFtsQuery } from '../../../src/core/search.ts';
import { utf8Problem } from '../../../src/core/text.ts';
import { NOW } from '../../helpers/db.ts';

describe('UTF-8 checks', () => {
  it('accepts UTF-8, and finds the first bad byte', () => {
    expect(utf8Problem(Buffer.from('Café, 東京, 🙂'))).toBeNull();
    expect(utf8Problem(Buffer.from([0x63, 0x61, 0x66, 0xc3, 0x20]))).toEqual({ kind: 'invalid', offset: 3 });
    expect(utf8Problem(Buffer.from([0x61, 0xc0, 0x80]))).toEqual({ kind: 'invalid', offset: 1 }); // overlong NUL
    expect(utf8Problem(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toEqual({ kind: 'invalid', offset: 1 }); // a surrogate
    expect(utf8Problem(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toEqual({ kind: 'invalid', offset: 2 }); // cut off
    expect(utf8Problem(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toEqual({ kind: 'invalid', offset: 0 }); // beyond U+10FFFF
  });

  it('tells UTF-16 apart, with or without a byte-order mark', () => {
    expect(utf8Problem(Buffer.from('\ufeffhello', 'utf16le'))).toEqual({ kind: 'utf16' });
    expect(utf8Problem(Buffer.from('hello there', 'utf16le'))).toEqual({ kind: 'utf16' });
    expect(utf8Problem(Buffer.from('\u0000 a stray NUL is not UTF-16'))).toBeNull();
  });
});

describe('one set of rules for a story, typed or imported', () => {
  it('checks every field but the text on its own, before any question is asked', () => {
    expect(() => checkStoryFields({ when: 'the other day' }, NOW)).toThrow(/--when "the other day" is not a date/);
    expect(() => checkStoryFields({ channel: 'fax' }, NOW)).toThrow(/--channel "fax" is not one of/);
    expect(() => checkStoryFields({ title: 't'.repeat(201) }, NOW)).toThrow('--title is 201 characters long; the limit is 200');
    expect(() => checkStoryFields({ staff: ['n'.repeat(101)] }, NOW)).toThrow('--staff is 101 characters long; the limit is 100');
    expect(() => checkStoryFields({ staff: Array.from({ length: 51 }, (_, i) => `P${i}`) }, NOW)).toThrow('51 values for --staff; the limit is 50');
    expect(checkStoryFields({ title: ' Rang back ', tags: ['#Follow Up'] }, NOW)).toMatchObject({ title: 'Rang back', tags: ['follow-up'] });
  });

  it('keeps an overlong inline #tag as text only', () => {
    const long = `#${'x'.repeat(70)}`;
    expect(draftStory({ text: `Ana rang back ${long} #same-day`, staff: ['Ana'] }, NOW).tags).toEqual(['same-day']);
  });

  it('refuses in an import what the command line refuses', () => {
    const story = { uuid: 'u', text: 'Ana rang back', occurred_on: '2026-03-01', title: null, impact: null, channel: 'phone', source: null, trigger: null };
    expect(() => checkImportedRow('stories', story, NOW)).not.toThrow();
    expect(() => checkImportedRow('stories', { ...story, text: 'x'.repeat(20_001) }, NOW)).toThrow('the story text is 20001 characters long; the limit is 20000');
    expect(() => checkImportedRow('stories', { ...story, occurred_on: 'yesterday' }, NOW)).toThrow('occurred_on "yesterday" is not a date written as YYYY-MM-DD');
    expect(() => checkImportedRow('stories', { ...story, occurred_on: '9999-99-99' }, NOW)).toThrow(/is not a date svc understands/);
    expect(() => checkImportedRow('stories', { ...story, channel: '<script>' }, NOW)).toThrow(/--channel "<script>" is not one of/);
    expect(() => checkImportedRow('stories', { ...story, title: 7 }, NOW)).toThrow('title must be text, not 7');
    expect(() => checkImportedRow('people', { name: 'Ana', name_key: 'bo' }, NOW)).toThrow('its name_key "bo" does not belong to the name "Ana"');
    expect(() => checkImportedRow('people', { name: ' Ana ', name_key: 'ana' }, NOW)).not.toThrow();
    expect(() => checkImportedRow('customers', { name: null, name_key: null }, NOW)).not.toThrow(); // forgotten
    expect(() => checkImportedRow('tags', { name: 'Follow Up' }, NOW)).toThrow(/is not written as svc writes tags/);
    expect(() => checkImportedRow('trainings', { held_on: '2026-03-01', notes: 'n'.repeat(2001) }, NOW)).toThrow('notes is 2001 characters long; the limit is 2000');
    expect(() => checkImportedRow('settings', { key: 'anything', value: 'x'.repeat(50_000) }, NOW)).not.toThrow();
    const interview = { learned: null, liked: 'quick', change: null, note: null, answer_keys: '{"phrases":["call back"],"tags":["call-back"]}' };
    expect(() => checkImportedRow('interviews', interview, NOW)).not.toThrow();
    expect(() => checkImportedRow('interviews', { ...interview, answer_keys: null }, NOW)).not.toThrow();
    expect(() => checkImportedRow('interviews', { ...interview, answer_keys: '{"phrases":"call back"}' }, NOW)).toThrow(/^answer_keys must be lists of phrases and tags/);
    expect(() => checkImportedRow('interviews', { ...interview, answer_keys: 'not json' }, NOW)).toThrow(/^answer_keys must be/);
    const signal = { measured_on: '2026-03-01', measure: 'response time', value: 4.5 };
    expect(() => checkImportedRow('signals', signal, NOW)).not.toThrow();
    expect(() => checkImportedRow('signals', { ...signal, measured_on: '2026-03-19' }, NOW)).toThrow('measured_on 2026-03-19 is in the future');
    expect(() => checkImportedRow('signals', { ...signal, measure: 'Response  Time' }, NOW)).toThrow(/^measure must be a measure as svc writes it/);
    expect(() => checkImportedRow('signals', { ...signal, value: 'high' }, NOW)).toThrow('value must be a number, not high');
  });

  it('dates: from 1900, and strictly YYYY-MM-DD in files', () => {
    expect(() => parseDay('0001-01-01', NOW, '--since', 'past')).toThrow('--since 0001-01-01 is before 1900-01-01');
    expect(parseDay('1900-01-01', NOW, '--since', 'past')).toBe('1900-01-01');
    expect(parseIsoPastDay('2026-03-18', NOW, 'held_on', '')).toBe('2026-03-18');
    expect(() => parseIsoPastDay('2026-03-19', NOW, 'held_on', '')).toThrow('held_on 2026-03-19 is in the future');
  });
});

describe('numbers and searches are bounded', () => {
  it('one coercion function range-checks every numeric flag', () => {
    const weeks = parseCount('--drift-weeks', 1, 52, 4);
    expect(weeks(' 12 ')).toBe(12);
    expect(() => weeks('0')).toThrow('--drift-weeks "0" is not a whole number from 1 to 52');
    expect(() => weeks('1000000000000')).toThrow('--drift-weeks "1000000000000" is not a whole number from 1 to 52');
    expect(() => weeks('99999999999999999999999')).toThrow(/from 1 to 52/);
    expect(() => weeks('4.5')).toThrow('--drift-weeks "4.5" is not a whole number from 1 to 52');
    expect(() => weeks('-1')).toThrow(/is not a whole number/);
  });

  it('a query counts each word once and caps words, prefixes and length', () => {
    expect(toFtsQuery(Array.from({ length: 200 }, () => 'The').join(' '))).toBe('"the"');
    expect(toFtsQuery('called back call*')).toBe('"called" "back" "call"*');
    const words = (n: number, suffix = '') => Array.from({ length: n }, (_, i) => `w${i}${suffix}`).join(' ');
    expect(() => toFtsQuery(words(MAX_QUERY_TERMS))).not.toThrow();
    expect(() => toFtsQuery(words(MAX_QUERY_TERMS + 1))).toThrow(`the search query has ${MAX_QUERY_TERMS + 1} different words`);
    expect(() => toFtsQuery(words(MAX_QUERY_PREFIXES + 1, '*'))).toThrow(`has ${MAX_QUERY_PREFIXES + 1} prefix words`);
    expect(() => toFtsQuery('q'.repeat(1001))).toThrow('the search query is 1,001 characters long; the limit is 1,000');
  });
});
