import type { Report } from '../../../core/report.ts';

/** The documented JSON of the report (README, "JSON output"): every figure, ISO dates. */
export function renderReportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
