import type { Customer } from '../../core/customer.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { formatDay } from '../format.ts';

/**
 * The documented JSON shape of a customer (README). Email and phone are personal
 * data: they appear only when asked for.
 */
export function customerJson(customer: Customer, includeContacts: boolean): Record<string, unknown> {
  const { email, phone, ...rest } = customer;
  return includeContacts ? { ...rest, email, phone } : rest;
}

/** Customers as a table on a terminal, TSV otherwise; contact columns only when asked for. */
export function customerTable(customers: Customer[], look: Look, includeContacts: boolean): string {
  const headers = ['id', 'name', 'segment', 'last contacted', ...(includeContacts ? ['email', 'phone'] : [])];
  const rows = customers.map((c) => [
    c.id,
    c.name,
    c.segment,
    c.lastContactedOn ? formatDay(c.lastContactedOn, look.now, look.tty) : look.tty ? 'never' : '',
    ...(includeContacts ? [c.email, c.phone] : []),
  ]);
  return renderTable(headers, rows, { tty: look.tty, head: (text) => look.color.bold(text) });
}
