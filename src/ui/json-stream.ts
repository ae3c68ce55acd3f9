/**
 * A JSON array written a page at a time, as `JSON.stringify(items, null, 2)` would write
 * it whole: a list of a million stories never has to be one string in memory. `indent`
 * is the indentation of the line the array starts on, when it is nested in an object.
 * The last chunk ends with the closing bracket, without a newline.
 */
export function* jsonArrayChunks<T>(pages: Iterable<readonly T[]>, toJson: (item: T) => unknown, indent = ''): Generator<string> {
  // A page waits until the next one shows whether a comma follows its last item.
  let waiting: string[] | undefined;
  let opened = false;
  const inner = `${indent}  `;
  const chunk = (items: string[], more: boolean) => {
    const text = `${opened ? '' : '[\n'}${items.join(',\n')}${more ? ',\n' : `\n${indent}]`}`;
    opened = true;
    return text;
  };
  for (const page of pages) {
    if (page.length === 0) continue;
    if (waiting) yield chunk(waiting, true);
    waiting = page.map((item) => inner + JSON.stringify(toJson(item), null, 2).replace(/\n/gu, `\n${inner}`));
  }
  yield waiting ? chunk(waiting, false) : '[]';
}

/** An array in pages of `size`. */
export function* pagesOf<T>(items: readonly T[], size = 1000): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

// Stands for the long array while the rest of the object is written.
const PLACEHOLDER = '\u0000svc:long-array\u0000';

/**
 * An object as `JSON.stringify(value, null, 2)` writes it, with its one long array
 * (`value[key]`, at the top level) written a page at a time.
 */
export function* jsonObjectChunks(value: Record<string, unknown>, key: string): Generator<string> {
  const items = value[key];
  if (!Array.isArray(items)) {
    yield JSON.stringify(value, null, 2);
    return;
  }
  const text = JSON.stringify({ ...value, [key]: PLACEHOLDER }, null, 2);
  const at = text.indexOf(JSON.stringify(PLACEHOLDER));
  yield text.slice(0, at);
  yield* jsonArrayChunks(pagesOf(items as unknown[]), (item) => item, '  ');
  yield text.slice(at + JSON.stringify(PLACEHOLDER).length);
}
