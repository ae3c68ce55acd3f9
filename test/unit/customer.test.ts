import { describe, expect, it } from 'vitest';
import { checkImportRows, draftCustomer, importFieldFor, normalizePhone, type ImportRow } from '../../src/core/customer.ts';

const row = (line: number, fields: ImportRow['fields']): ImportRow => ({ line, fields });

describe('customer import rows', () => {
  it('maps the usual header spellings to fields', () => {
    expect(importFieldFor('External ID')).toBe('externalId');
    expect(importFieldFor('external_id')).toBe('externalId');
    expect(importFieldFor(' E-mail ')).toBe('email');
    expect(importFieldFor('Phone Number')).toBe('phone');
    expect(importFieldFor('notes')).toBeUndefined();
  });

  it('normalises a valid row: trimmed name, lower-case email, phone digits', () => {
    expect(draftCustomer(row(2, { name: '  Maria   Diaz ', email: 'Maria@Example.COM', phone: '+44 (20) 7946-0958', segment: 'retail' }))).toEqual({
      name: 'Maria Diaz',
      email: 'maria@example.com',
      phone: '+442079460958',
      segment: 'retail',
      externalId: null,
    });
    expect(normalizePhone('555.0101')).toBe('5550101');
  });

  it('names what is wrong with a bad row, with its line', () => {
    expect(draftCustomer(row(3, { name: '  ', email: 'a@b.co' }))).toEqual({ line: 3, reason: 'the name is empty' });
    expect(draftCustomer(row(4, { name: 'Jo', email: 'jo@' }))).toMatchObject({ line: 4, reason: expect.stringContaining('not an email') });
    expect(draftCustomer(row(5, { name: 'Jo', phone: 'call me' }))).toMatchObject({ reason: expect.stringContaining('not a phone') });
    expect(draftCustomer(row(6, { name: 'Jo', phone: '12' }))).toMatchObject({ reason: expect.stringContaining('not a phone') });
    expect(draftCustomer(row(7, { name: 'x'.repeat(201) }))).toMatchObject({ reason: expect.stringContaining('longer than 200') });
  });

  it('reads a row repeated word for word once, and refuses one that contradicts an earlier row', () => {
    const { drafts, problems, repeated } = checkImportRows([
      row(2, { name: 'Jo', email: 'jo@example.com' }),
      row(3, { name: 'Jo', email: 'JO@example.com ' }),
      row(4, { name: 'Joanna', email: 'jo@example.com' }),
      row(5, { name: 'Jo', phone: '555 0101' }),
      row(6, { name: 'jo', phone: '5550101' }),
    ]);
    expect(drafts.map((d) => d.line)).toEqual([2, 5]);
    expect(repeated).toBe(1);
    expect(problems).toEqual([
      { line: 4, reason: 'the same customer as line 2, with other details' },
      { line: 6, reason: 'the same customer as line 5, with other details' },
    ]);
  });

  it('tells customers with the same name apart by their email or external id', () => {
    const { drafts, problems } = checkImportRows([
      row(2, { name: 'Li Wei', email: 'li1@example.cn' }),
      row(3, { name: 'Li Wei', email: 'li2@example.cn' }),
      row(4, { name: 'Li Wei', externalId: 'C-9', email: 'li1@example.cn' }),
    ]);
    expect(drafts).toHaveLength(3);
    expect(problems).toEqual([]);
  });
});
