/** What fn throws (undefined when it returns), to check an error's code and message after it. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
