import { assessmentView } from '../../../app/assess.ts';
import { documentFile } from '../../../core/formats.ts';
import { renderAssessment } from '../../../ui/render/assessment.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { parseChoice } from '../../options.ts';
import { writeDocument } from '../../output.ts';

const FORMATS = ['text', 'md', 'html'] as const;

export function run(options: WithArgs<{ format?: string; out?: string; json?: boolean }>, ctx: Context): void {
  const format = options.format === undefined ? 'text' : parseChoice('--format', FORMATS)(options.format);
  const view = assessmentView(ctx.store(), { attributed: ctx.settings()['assess.attributed'] }, ctx.now());
  const text = options.json ? JSON.stringify(view, null, 2) : renderAssessment(view, format);
  writeDocument(ctx, options.out, text.trimEnd(), { what: 'the self-assessment results', file: documentFile('self-assessment', options.json ? 'json' : format) });
}
