import type { PracticePairing, Succession } from '../../core/succession.ts';
import { shellQuote } from '../../core/status.ts';
import type { Look } from '../look.ts';
import { oneLine } from '../text.ts';
import type { Document, Section } from './document.ts';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** `svc people succession NAME`: what depends on them, and who could learn it from whom. */
export function successionText(succession: Succession, look: Look): string {
  const c = look.color;
  const name = oneLine(succession.person);
  const out = [c.bold(`Without ${name}`)];
  if (succession.atRisk.length === 0) out.push(`  every agreed practice ${name} shows would still have two people or more`);
  for (const p of succession.atRisk) {
    const left = p.without.length ? `only ${p.without.map(oneLine).join(', ')} would show it` : 'nobody would show it';
    out.push(`  ${c.yellow(oneLine(p.practice))} ${c.dim(`[${p.status}]`)}: ${name} holds ${percent(p.share)} of its stories; ${left}`);
    for (const pair of p.pairings) out.push(`    pair ${oneLine(pair.learner)} with ${oneLine(pair.from)} ${c.dim(`(${oneLine(pair.why)})`)}`);
  }
  if (succession.pairs.length) {
    out.push('', c.bold('Pairings'));
    for (const pair of succession.pairs) out.push(`  ${oneLine(pair.practice)}: ${oneLine(pair.learner)} since ${pair.pairedOn}`);
  }
  if (succession.atRisk.some((p) => p.pairings.length)) {
    out.push('', c.dim(`record one: svc people succession ${name} --pair PRACTICE --learner NAME; its star share then shows in svc practice show`));
  }
  return out.join('\n');
}

/** Under `svc practice show`: each pairing, and the star's share before and month by month since. */
export function pairingsText(pairings: readonly PracticePairing[], look: Look): string {
  if (pairings.length === 0) return '';
  const c = look.color;
  const out = ['', c.bold('Succession')];
  for (const p of pairings) {
    out.push(`  ${oneLine(p.learner)} learns it from ${oneLine(p.star)} since ${p.pairedOn}; ${oneLine(p.star)}'s share before: ${p.shareBefore === null ? 'no stories' : percent(p.shareBefore)}`);
    out.push(p.shareByMonth.length ? `    ${p.shareByMonth.map((m) => `${m.month} ${percent(m.share)} of ${m.stories}`).join(' · ')}` : '    no story since the pairing yet');
  }
  return out.join('\n');
}

/** `svc people succession --format md|html`: what depends on them, as a document for the succession talk. */
export function successionDocument(succession: Succession): Document {
  const name = succession.person;
  const atRisk: Section = {
    role: 'at-risk',
    title: `Without ${name}`,
    blocks: succession.atRisk.length
      ? [
          {
            kind: 'table',
            role: 'at-risk',
            caption: `Practices that would fall below two people without ${name}`,
            headers: ['Practice', 'Status', `${name}'s share`, 'Left without them', 'Pair'],
            rows: succession.atRisk.map((p) => [
              p.practice,
              p.status,
              percent(p.share),
              p.without.length ? p.without.join(', ') : 'nobody',
              p.pairings.map((pair) => `${pair.learner} with ${pair.from} (${pair.why})`).join('; '),
            ]),
          },
        ]
      : [{ kind: 'paragraph', text: `Every agreed practice ${name} shows would still have two people or more.` }],
  };
  const sections: Section[] = [atRisk];
  if (succession.pairs.length) {
    sections.push({ role: 'pairings', title: 'Pairings', blocks: [{ kind: 'list', items: succession.pairs.map((pair) => `${pair.practice}: ${pair.learner} since ${pair.pairedOn}`) }] });
  }
  if (succession.atRisk.some((p) => p.pairings.length)) {
    sections.push({
      role: 'next',
      title: 'Record a pairing',
      blocks: [{ kind: 'list', items: [{ text: 'its star share then shows in svc practice show', command: `svc people succession ${shellQuote(name)} --pair PRACTICE --learner NAME` }] }],
    });
  }
  return { title: `What depends on ${name}`, sections };
}
