import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { DOCUMENT_FORMATS } from '../core/formats.ts';
import { messages } from '../core/messages.ts';
import { oneOf } from '../core/story-fields.ts';

/**
 * Repeatable and comma-separated: --staff Ana --staff "Bo, Cy" → [Ana, Bo, Cy]. A value
 * that names nothing (--staff "" or ",") is refused: saved as is, it would credit nobody.
 */
export function collectList(value: string, previous: string[] = []): string[] {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new InvalidArgumentError('it names nothing; give a value or leave the option out');
  return [...previous, ...parts];
}

/** Repeatable, each value kept whole (phrases and practice names may contain commas). */
export function collectRepeat(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * A whole number from min to max for flag, as a commander argument parser; anything else
 * (text, a fraction, a number too large to mean anything) is a usage error. Every numeric
 * flag goes through it, so none reaches a date or SQLite out of range.
 */
export function parseCount(flag: string, min: number, max: number, example = Math.min(Math.max(min, 10), max)): (value: string) => number {
  return (value: string) => {
    const text = value.trim();
    // Text, a fraction and a number out of range get the one answer: the whole range allowed.
    // Digits beyond 16 are out of range whatever they say, and Number() would round them.
    const number = !/^\d+$/.test(text) ? NaN : text.length > 16 ? Infinity : Number(text);
    if (!(number >= min && number <= max)) throw new UsageError(messages.numberOutOfRange(flag, value, min, max), messages.numberOutOfRangeHint(flag, example));
    return number;
  };
}

/** A value from a closed list, as a commander argument parser. */
export function parseChoice<T extends string>(flag: string, allowed: readonly T[]): (value: string) => T {
  return (value: string) => oneOf(value, allowed, flag);
}

/** --format, --out and --force, for the commands that write a document (train plan, playbook). */
export function documentOutputOptions(command: Command): Command {
  return command
    .option('-f, --format <format>', `${DOCUMENT_FORMATS.join(', ')} (default text)`, parseChoice('--format', DOCUMENT_FORMATS))
    .option('-o, --out <file>', 'write to FILE (readable by you only) instead of stdout; - is stdout')
    .option('--force', 'let --out write through a symbolic link, or to a device or FIFO');
}
