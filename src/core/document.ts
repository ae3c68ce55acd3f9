/** The formats documents (training plans, the playbook) render to. */
export const DOCUMENT_FORMATS = ['text', 'md', 'html'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
