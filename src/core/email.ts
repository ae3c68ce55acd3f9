/**
 * Mail addresses for the digest's headers. Only plain forms are taken (a@b.example, or
 * Name <a@b.example>): anything else, a newline above all, is refused, so no value a
 * person gives can add a header of its own.
 */
import { UsageError } from './errors.ts';
import { messages } from './messages.ts';

export interface Address {
  name: string | null;
  address: string;
}

const ADDR_SPEC = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/u;

function parseOne(flag: string, text: string): Address {
  const part = text.trim();
  const named = /^(?:"([^"\\]*)"|([^<>"]*?))\s*<([^<>]*)>$/u.exec(part);
  const name = named ? (named[1] ?? named[2] ?? '').trim() : null;
  const address = named ? (named[3] ?? '').trim() : part;
  // The name may hold any printable character but these; the header writer quotes or encodes it.
  if (!ADDR_SPEC.test(address) || address.length > 254 || (name !== null && /[\u0000-\u001f\u007f<>"\\]/u.test(name))) {
    throw new UsageError(messages.badAddress(flag, part), messages.badAddressHint(flag));
  }
  return { name: name || null, address };
}

/** Comma-separated addresses ("Ana <ana@x.example>, bo@x.example"); none, or a bad one, is a usage error. */
export function parseAddresses(flag: string, text: string): Address[] {
  if (/[\r\n]/u.test(text)) throw new UsageError(messages.badAddress(flag, text), messages.badAddressHint(flag));
  // Commas inside a quoted name ("Lima, Ana" <ana@x.example>) do not separate addresses.
  const parts = (text.match(/(?:"[^"]*"|[^,"])+|"/gu) ?? []).filter((part) => part.trim() !== '');
  if (parts.length === 0) throw new UsageError(messages.badAddress(flag, text), messages.badAddressHint(flag));
  return parts.map((part) => parseOne(flag, part));
}
