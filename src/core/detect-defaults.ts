// Detection's defaults, in a module of their own so the command tree can show them in
// --help without loading detection.
export const DEFAULT_MIN_STORIES = 3;
export const DEFAULT_MIN_STAFF = 2;
export const DEFAULT_LIMIT = 10;
