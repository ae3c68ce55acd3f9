/**
 * The formats each command writes, in one place: the option parsers in the command tree
 * and the renderers read the same list. Plain data, so the command tree can load it.
 */

/** A file name for a document: documentFile('training-plan', 'html') is training-plan.html; text is .txt. */
export function documentFile(stem: string, format: string): string {
  return `${stem}.${format === 'text' ? 'txt' : format}`;
}

/** Training plans and the playbook. */
export const DOCUMENT_FORMATS = ['text', 'md', 'html'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** `svc report`. */
export const REPORT_FORMATS = ['text', 'md', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `svc digest`: eml is a mail with text and HTML, for sendmail -t. */
export const DIGEST_FORMATS = ['text', 'md', 'html', 'eml'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

/** `svc export`: jsonl for svc import, json, csv (stories only, for spreadsheets). */
export const EXPORT_FORMATS = ['jsonl', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `svc chain`. */
export const CHAIN_FORMATS = ['text', 'md', 'html', 'json'] as const;
export type ChainFormat = (typeof CHAIN_FORMATS)[number];
