const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Makes any text safe inside HTML element content and quoted attribute values: the
 * characters that can open a tag, an entity or leave an attribute are replaced by
 * entities, and NUL (which parsers treat specially) by U+FFFD. null and undefined
 * become the empty string, numbers their digits. Every piece of user text in a
 * rendered HTML document goes through this one function.
 */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"'`\u0000]/gu, (c) => HTML_ESCAPES[c] ?? '\uFFFD');
}
