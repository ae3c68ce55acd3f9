import { isConcrete, type Candidate, type CandidateBasis, type DetectionView } from '../../core/detect.ts';
import { messages } from '../../core/messages.ts';
import type { Look } from '../look.ts';
import { renderTable, renderTableBlock } from '../table.ts';
import { countOf, formatDay, percent } from '../format.ts';
import { oneLine, plainHighlights, renderHighlights } from '../text.ts';

export type { DetectionView };

/** The documented JSON shape of `svc detect --json` (README, Detect). */
export function detectionJson(view: DetectionView): Record<string, unknown> {
  const figures = (c: Candidate) => ({
    key: c.key,
    keys: c.keys,
    name: c.name,
    phrases: c.phrases,
    tags: c.tags,
    stories: c.stories,
    people: c.people,
    starShare: Math.round(c.starShare * 1000) / 1000,
    star: c.star?.person ?? null,
    starDependent: c.starDependent,
    lastOn: c.lastOn,
    coherence: Math.round(c.coherence * 1000) / 1000,
    basis: c.basis,
    // false: shown only for its broad evidence (a common action), never a ready-made practice.
    concrete: isConcrete(c),
  });
  return {
    since: view.since,
    minStories: view.minStories,
    minStaff: view.minStaff,
    candidates: view.practices.map((c, i) => ({
      rank: i + 1,
      ...figures(c),
      // Every evidence story, not only the examples: a reviewer or a scorer reads them all.
      storyIds: Array.from(c.storyIds),
      overlap: c.overlap,
      label: c.label,
      qualifier: c.qualifier,
      examples: c.examples.map((e) => {
        const { text, highlights } = plainHighlights(e.snippet);
        return { storyId: e.storyId, occurredOn: e.occurredOn, people: e.people, snippet: text, highlights };
      }),
    })),
    more: view.more,
    // Steps are counted, not analysed: no star figures.
    serviceSteps: view.steps.map((c) => ({ key: c.key, name: c.name, phrases: c.phrases, stories: c.stories, people: c.people, lastOn: c.lastOn })),
    commonActions: view.commonActions.map((c) => ({ key: c.key, name: c.name, phrases: c.phrases, stories: c.stories, people: c.people, lastOn: c.lastOn })),
    qualities: view.qualities,
    // Behaviours over the thresholds left out on purpose, each with its reason: a practice's
    // matcher, a broad action whose stories a review took into a practice ('decided'), or rejected.
    alreadyPractices: view.leftOut.alreadyPractices.length,
    rejected: view.leftOut.rejected.length,
    leftOut: [...view.leftOut.alreadyPractices, ...view.leftOut.rejected.map((key) => ({ key, practice: null, reason: 'rejected' as const }))],
  };
}

/** Why a candidate's stories were grouped, in words. */
export function basisText(basis: CandidateBasis, total: number): string {
  switch (basis.kind) {
    case 'tag':
      return messages.basisTag(basis.tag, basis.stories, total);
    case 'phrase':
      return messages.basisPhrase(basis.phrase, basis.stories, total);
    case 'object':
      return messages.basisObject(basis.phrase, basis.detail, basis.stories, total);
    case 'action':
      return messages.basisAction(basis.phrase, total);
  }
}

/** One candidate as a block: name, figures, phrases and tags, examples with the matching words marked. */
export function candidateBlock(c: DetectionView['practices'][number], rank: number | null, look: Look): string {
  const color = look.color;
  const mark = look.tty ? (text: string) => color.bold.yellow(text) : (text: string) => `[${text}]`;
  const starNote = c.starDependent
    ? color.red(` · star-dependent${c.star ? ` (${oneLine(c.star.person)} ${percent(c.star.share)})` : ''}`)
    : ` · star share ${percent(c.starShare)}`;
  // A candidate shown only for its broad evidence says so, and is never "≈ a practice".
  const concrete = isConcrete(c);
  const overlap = c.overlap && concrete ? color.yellow(` ${messages.candidateOverlap(oneLine(c.overlap.practice), c.overlap.stories, c.stories)}`) : '';
  const broad = concrete ? '' : color.yellow(` ${messages.broadCandidate(c.stories)}`);
  const head = `${rank === null ? '' : `${rank}. `}${color.bold(oneLine(c.label))}${broad}${overlap}`;
  const figures = `${countOf(c.stories, 'story', 'stories')} · ${countOf(c.people, 'person', 'people')}${starNote} · last story ${formatDay(c.lastOn, look.now, look.tty)}`;
  const matchers = [...c.phrases.map((p) => `"${p}"`), ...c.tags.map((t) => `#${t}`)].join(', ');
  const why = `${basisText(c.basis, c.stories)} · coherence ${c.coherence.toFixed(2)}`;
  const lines = [head, `   ${figures}`, `   ${color.dim('from')} ${oneLine(matchers)}`, `   ${color.dim('why')} ${oneLine(why)}`];
  if (c.overlap && !concrete) lines.push(`   ${color.dim('note')} ${oneLine(messages.broadOverlap(c.overlap.practice, c.overlap.stories, c.stories))}`);
  for (const e of c.examples) {
    const who = e.people.length ? ` ${oneLine(e.people.join(', '))}` : '';
    lines.push(`   ${color.dim(`#${e.storyId}${who}:`)} ${renderHighlights(e.snippet, mark)}`);
  }
  return lines.join('\n');
}

/** The human output of `svc detect`: practices, then service steps, then qualities per attribute. */
export function detectionText(view: DetectionView, look: Look): string {
  const color = look.color;
  const parts: string[] = [];
  parts.push(color.bold('Practices: what people do') + color.dim(' (concrete behaviours first, then by how many people show it)'));
  const { alreadyPractices, rejected } = view.leftOut;
  const matchers = alreadyPractices.filter((p) => p.reason === 'matcher');
  const summary = {
    practices: matchers.length,
    names: [...new Set(matchers.map((p) => p.practice))],
    // "check" ≈ the practice its stories went into: decided in review, never a matcher.
    decided: alreadyPractices.filter((p) => p.reason === 'decided').map((p) => ({ action: p.key.replace(/^phrase:/u, ''), practice: p.practice })),
    rejected: rejected.length,
  };
  const leftOut = alreadyPractices.length + rejected.length;
  if (view.practices.length === 0) {
    parts.push(
      `   ${leftOut ? oneLine(messages.nothingNewStandsOut(view.minStories, view.minStaff, summary)) : messages.nothingStandsOut(view.minStories, view.minStaff)}`,
    );
  }
  view.practices.forEach((c, i) => parts.push(candidateBlock(c, i + 1, look)));
  if (view.practices.length && leftOut) parts.push(color.dim(`   ${oneLine(messages.leftOutNote(summary))}`));
  if (view.more > 0) parts.push(color.dim(`   … ${view.more} more (--limit 0 shows all)`));
  if (view.steps.length) {
    parts.push(
      color.bold('Service steps') +
        color.dim(' (routine, not best practices): ') +
        view.steps.map((s) => `${oneLine(s.name)} ${s.stories}/${s.people}p`).join(' · '),
    );
  }
  if (view.commonActions.length) {
    parts.push(
      color.bold(messages.commonActionsTitle) +
        color.dim(messages.commonActionsNote) +
        view.commonActions.map((s) => `${oneLine(s.name)} ${s.stories}/${s.people}p`).join(' · '),
    );
  }
  if (view.qualities.length) {
    const rows = view.qualities.map((q) => [
      q.attribute,
      q.stories,
      q.people,
      q.words
        .slice(0, 6)
        .map((w) => `${w.word} ${w.stories}`)
        .join(', '),
    ]);
    parts.push(
      color.bold('Qualities: what customers perceive') +
        color.dim(' (per attribute; never practices)') +
        '\n' +
        renderTableBlock(['attribute', 'stories', 'people', 'words'], rows, { tty: look.tty, head: (t) => color.bold(t) }),
    );
  }
  return parts.join('\n\n');
}

/** `svc detect --show-rejected`: each rejected candidate, when it was rejected (a relative day on a terminal). */
export function rejectedTable(rows: ReadonlyArray<{ id: number; label: string; key: string; rejectedAt: string }>, look: Look): string {
  return renderTable(
    ['id', 'label', 'key', 'rejected'],
    rows.map((r) => [r.id, r.label, r.key, look.tty ? formatDay(r.rejectedAt.slice(0, 10), look.now, true) : r.rejectedAt]),
    { tty: look.tty, head: (t) => look.color.bold(t) },
  ).trimEnd();
}
