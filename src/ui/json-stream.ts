/**
 * A JSON array written a page at a time, as `JSON.stringify(items, null, 2)` would write
 * it whole: a list of a million stories never has to be one string in memory. Each chunk
 * ends with a newline, the last with the closing bracket.
 */
export function* jsonArrayChunks<T>(pages: Iterable<readonly T[]>, toJson: (item: T) => unknown): Generator<string> {
  // A page waits until the next one shows whether a comma follows its last item.
  let waiting: string[] | undefined;
  let opened = false;
  const chunk = (items: string[], more: boolean) => {
    const text = `${opened ? '' : '[\n'}${items.join(',\n')}${more ? ',\n' : '\n'}`;
    opened = true;
    return text;
  };
  for (const page of pages) {
    if (page.length === 0) continue;
    if (waiting) yield chunk(waiting, true);
    waiting = page.map((item) => JSON.stringify(toJson(item), null, 2).replace(/^/gmu, '  '));
  }
  yield waiting ? `${chunk(waiting, false)}]\n` : '[]\n';
}
