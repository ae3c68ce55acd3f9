import type { AssessmentQuestion, AssessmentView, QuestionFigure, RoundFigures } from '../../core/assess.ts';
import type { DocumentFormat } from '../../core/formats.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { renderDocument, type Block, type Section } from './document.ts';

/** The documented JSON shape of a question. */
export function questionsJson(questions: readonly AssessmentQuestion[]): Array<Record<string, unknown>> {
  return questions.map((q) => ({ key: q.key, version: q.version, text: q.text, attribute: q.attribute, builtIn: q.builtIn, retiredAt: q.retiredAt }));
}

/** Questions as a table: the key to answer with, the statement, what it asks about. */
export function questionsTable(questions: readonly AssessmentQuestion[], look: Look): string {
  const rows = questions.map((q) => [q.key, q.version, q.text, q.attribute ?? '', q.retiredAt === null ? (q.builtIn ? 'built in' : 'team') : `retired ${q.retiredAt.slice(0, 10)}`]);
  return renderTable(['key', 'version', 'question', 'attribute', 'kind'], rows, { tty: look.tty, head: (text) => look.color.bold(text) });
}

/** "4.2 (5 answered)", or why it is hidden: never a count per score. */
export function figureLine(q: QuestionFigure, minimum: number): string {
  if (q.hidden === 'open') return 'hidden until the round closes';
  if (q.mean === null) return `hidden: ${q.answered} of the ${minimum} answers needed`;
  return `${q.mean.toFixed(1)} of 5 (${q.answered} answered)`;
}

function roundSection(round: RoundFigures, view: AssessmentView): Section {
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `${round.took} ${round.took === 1 ? 'person' : 'people'} answered; ${
        round.open ? `open until ${round.closesOn} (close it early with: svc assess close)` : `closed on ${round.closesOn}`
      }.`,
    },
    { kind: 'list', items: round.questions.map((q) => `${q.key}: ${figureLine(q, view.minAnswering)} — ${q.text}`) },
  ];
  for (const q of round.questions.filter((q) => q.notes.length > 0)) {
    blocks.push({ kind: 'subheading', text: `Notes on ${q.key}` }, { kind: 'list', items: q.notes });
  }
  const own = view.byPerson.filter((a) => a.openedOn === round.openedOn);
  if (own.length > 0) {
    blocks.push(
      { kind: 'subheading', text: 'Answers by name (the team chose attributed answers)' },
      { kind: 'list', items: own.map((a) => `${a.person}, ${a.key}: ${a.score}${a.note ? ` — ${a.note}` : ''}`) },
    );
  }
  return { role: 'assessment-round', title: `Round of ${round.openedOn}`, blocks };
}

/** The team figures as a document: one section per round, latest first. */
export function renderAssessment(view: AssessmentView, format: DocumentFormat): string {
  const about = view.attributed
    ? 'This team keeps answers under each person\'s name (assess.attributed).'
    : `Answers are anonymous: a question's mean appears once its round has closed and ${view.minAnswering} or more people answered it.`;
  const sections: Section[] =
    view.rounds.length === 0
      ? [{ role: 'assessment-none', title: 'No rounds yet', blocks: [{ kind: 'paragraph', text: 'Each person answers once per round: svc assess --as NAME' }] }]
      : view.rounds.map((round) => roundSection(round, view));
  return renderDocument({ title: 'Self-assessment', subtitle: about, sections }, format);
}
