// What each ingredient of unsupervised discovery finds on the four story sets
// (`npm run eval:ingredients`): each method groups a set's stories on its own, its
// groups are ranked by coherence and scored by the rules of stories-dev/README.md, as
// `svc detect`'s candidates are. The figures decide what discovery may show (README,
// "Measuring detection"): a method whose first groups are mostly one-offs is left out.
import { isStarDependentFigures } from '../../src/core/figures.ts';
import { phrasesOf, tagText } from '../../src/core/nlp.ts';
import { contentWords, cosine, textForEncoder, unit, type Vector } from '../../src/core/suggest.ts';
import { discoveryScore, matchCandidates, starScore, type ShownCandidate } from './detect-score.ts';
import { readStorySet, storySetFiles, type StorySet } from './story-sets.ts';

/** A set's stories as the methods see them: masked vectors, content words, phrase keys, people. */
interface Prepared {
  set: StorySet;
  vectors: Vector[];
  words: Array<Set<string>>;
  keys: Array<Set<string>>;
  people: string[][];
}

/** Pairwise similarity standardised over the set: 0 is an ordinary pair, 2 is two standard deviations closer. */
type Similarity = (a: number, b: number) => number;

const MIN_STORIES = 3;
const MIN_PEOPLE = 2;
const SHOWN = 10;

function standardised(n: number, raw: (a: number, b: number) => number): Similarity {
  const values: number[] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) values.push(raw(a, b));
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / values.length) || 1;
  const cache = new Map<number, number>();
  return (a, b) => {
    const key = Math.min(a, b) * n + Math.max(a, b);
    let z = cache.get(key);
    if (z === undefined) cache.set(key, (z = (raw(a, b) - mean) / sd));
    return z;
  };
}

/** TF-IDF cosine of two stories' content words, counting only words of two stories or more. */
function lexicalSimilarity(words: Array<Set<string>>): (a: number, b: number) => number {
  const df = new Map<string, number>();
  for (const set of words) for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
  const vectors = words.map((set) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const w of set) {
      if ((df.get(w) ?? 0) < 2) continue;
      const weight = Math.log((words.length + 1) / ((df.get(w) ?? 0) + 1));
      v.set(w, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
  return (a, b) => {
    let sum = 0;
    for (const [w, x] of vectors[a] ?? []) sum += x * (vectors[b]?.get(w) ?? 0);
    return sum;
  };
}

function meanPairwise(ids: number[], sim: Similarity): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) (sum += sim(ids[i] as number, ids[j] as number)), pairs++;
  return pairs ? sum / pairs : 0;
}

/** Average-linkage clustering, merging while the closest two clusters are at least `cut` apart in z. */
function clusters(n: number, sim: Similarity, cut: number): number[][] {
  const groups = Array.from({ length: n }, (_, i) => [i]);
  const link = (a: number[], b: number[]) => {
    let sum = 0;
    for (const x of a) for (const y of b) sum += sim(x, y);
    return sum / (a.length * b.length);
  };
  for (;;) {
    let best = -Infinity;
    let pair: [number, number] = [0, 0];
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const l = link(groups[i] as number[], groups[j] as number[]);
        if (l > best) (best = l), (pair = [i, j]);
      }
    if (best < cut) return groups;
    groups[pair[0]] = [...(groups[pair[0]] as number[]), ...(groups[pair[1]] as number[])];
    groups.splice(pair[1], 1);
  }
}

/** Stories sharing one feature, cut down to their core: the least similar story goes while the rest are not coherent. */
function anchoredGroups(features: Array<Set<string>>, sim: Similarity, coherent: number): number[][] {
  const byFeature = new Map<string, number[]>();
  features.forEach((set, i) => {
    for (const f of set) byFeature.set(f, [...(byFeature.get(f) ?? []), i]);
  });
  const out: number[][] = [];
  for (const ids of byFeature.values()) {
    if (ids.length < MIN_STORIES) continue;
    let core = ids;
    while (core.length > MIN_STORIES && meanPairwise(core, sim) < coherent) {
      const own = core.map((a) => core.reduce((s, b) => (a === b ? s : s + sim(a, b)), 0));
      core = core.filter((_, i) => i !== own.indexOf(Math.min(...own)));
    }
    out.push(core);
  }
  return out;
}

/** Groups of ≥ 3 stories by ≥ 2 people, most coherent first, without near-duplicates, as candidates. */
function shown(groups: number[][], sim: Similarity, data: Prepared): ShownCandidate[] {
  const ranked = groups
    .filter((g) => g.length >= MIN_STORIES && new Set(g.flatMap((i) => data.people[i] ?? [])).size >= MIN_PEOPLE)
    .map((g) => ({ g, coherence: meanPairwise(g, sim) }))
    .sort((a, b) => b.coherence - a.coherence);
  const kept: number[][] = [];
  for (const { g } of ranked) {
    const duplicate = kept.some((k) => {
      const both = k.filter((x) => g.includes(x)).length;
      return both / (k.length + g.length - both) >= 0.5;
    });
    if (!duplicate) kept.push(g);
    if (kept.length === SHOWN) break;
  }
  return kept.map((g, i) => {
    const counts = new Map<string, number>();
    for (const id of g) for (const person of data.people[id] ?? []) counts.set(person, (counts.get(person) ?? 0) + 1);
    const share = Math.max(...counts.values()) / g.length;
    // Ids are the story's line number plus one, as loadStorySet would store them.
    return { name: `group ${i + 1}`, storyIds: g.map((id) => id + 1).sort((a, b) => a - b), starDependent: isStarDependentFigures(counts.size, share) };
  });
}

const METHODS: Record<string, (d: Prepared) => ShownCandidate[]> = {
  'story vectors, clustered': (d) => {
    const sim = standardised(d.vectors.length, (a, b) => cosine(d.vectors[a] as Vector, d.vectors[b] as Vector));
    return shown(clusters(d.vectors.length, sim, 1.6), sim, d);
  },
  'story vectors + words, clustered': (d) => {
    const lexical = lexicalSimilarity(d.words);
    const sim = standardised(d.vectors.length, (a, b) => cosine(d.vectors[a] as Vector, d.vectors[b] as Vector) + lexical(a, b));
    return shown(clusters(d.vectors.length, sim, 1.6), sim, d);
  },
  'one shared word, vector core': (d) => {
    const sim = standardised(d.vectors.length, (a, b) => cosine(d.vectors[a] as Vector, d.vectors[b] as Vector));
    return shown(anchoredGroups(d.words, sim, 1), sim, d);
  },
  'one phrase key, vector core': (d) => {
    const sim = standardised(d.vectors.length, (a, b) => cosine(d.vectors[a] as Vector, d.vectors[b] as Vector));
    return shown(anchoredGroups(d.keys, sim, 1), sim, d);
  },
};

/** Split into sentences and their clauses (at commas, dashes and linking words), for clause-level likeness. */
function clausesOf(text: string): string[] {
  const out = new Set<string>();
  for (const sentence of text.split(/(?<=[.!?])\s+/u).filter((s) => s.trim())) {
    out.add(sentence.trim());
    for (const part of sentence.split(/,\s+|;\s+|\s+-\s+|\s+(?=(?:so|because|before|after|until|while|rather than|instead of|then|so that|in case)\b)/u))
      if (part.trim().split(/\s+/u).length >= 3) out.add(part.trim());
  }
  return [...out];
}

/**
 * Pairs of stories by different people that are each among the other's 3 nearest: the
 * seeds any grouping starts from. Discovery could defend a group only if most of them
 * shared a practice.
 */
function mutualNearest(data: Prepared, raw: (a: number, b: number) => number): { shared: number; pairs: number } {
  const { stories } = data.set;
  const nearest = stories.map((_, a) =>
    new Set(
      stories
        .map((__, b) => b)
        .filter((b) => b !== a)
        .sort((x, y) => raw(a, y) - raw(a, x))
        .slice(0, 3),
    ),
  );
  let shared = 0;
  let pairs = 0;
  for (let a = 0; a < stories.length; a++)
    for (const b of nearest[a] ?? []) {
      const sa = stories[a];
      const sb = stories[b];
      if (b <= a || !sa || !sb || !nearest[b]?.has(a) || sa.staff.every((p) => sb.staff.includes(p))) continue;
      pairs++;
      if (sa.practice !== null && sa.practice === sb.practice) shared++;
    }
  return { shared, pairs };
}

/**
 * How well a likeness tells two stories of one practice from any other two, over pairs
 * of stories by different people: the chance that a same-practice pair scores above an
 * unrelated pair (AUC, 0.5 is chance), and how many of the 30 closest pairs share a
 * practice. Discovery can only show a group a team can defend when its closest pairs
 * mostly share one.
 */
function separability(data: Prepared, raw: (a: number, b: number) => number): { auc: number; closest: number; mutual: { shared: number; pairs: number } } {
  const { stories } = data.set;
  const same: number[] = [];
  const other: number[] = [];
  const all: Array<[number, boolean]> = [];
  for (let a = 0; a < stories.length; a++)
    for (let b = a + 1; b < stories.length; b++) {
      const sa = stories[a];
      const sb = stories[b];
      if (!sa || !sb || sa.staff.every((p) => sb.staff.includes(p))) continue;
      const shared = sa.practice !== null && sa.practice === sb.practice;
      const value = raw(a, b);
      (shared ? same : other).push(value);
      all.push([value, shared]);
    }
  let wins = 0;
  for (const x of same) for (const y of other) wins += x > y ? 1 : x === y ? 0.5 : 0;
  all.sort((x, y) => y[0] - x[0]);
  return { auc: wins / (same.length * other.length || 1), closest: all.slice(0, 30).filter(([, shared]) => shared).length, mutual: mutualNearest(data, raw) };
}

/** Subtracts each story's mean likeness to its 5 nearest (CSLS): stories close to everything count less. */
function hubnessCorrected(n: number, raw: (a: number, b: number) => number): (a: number, b: number) => number {
  const near = Array.from({ length: n }, (_, a) => {
    const values = Array.from({ length: n }, (_, b) => (a === b ? -Infinity : raw(a, b))).sort((x, y) => y - x);
    return values.slice(0, 5).reduce((s, x) => s + x, 0) / 5;
  });
  return (a, b) => 2 * raw(a, b) - (near[a] ?? 0) - (near[b] ?? 0);
}

/**
 * The vectors less what the set's stories have in common: their mean, and the `remove`
 * directions along which they vary most (power iteration), so that the team's setting
 * (its rooms, systems, customers), shared by one-offs and practices alike, weighs less.
 */
export function withoutCommonDirections(vectors: readonly Vector[], remove: number): Vector[] {
  const width = vectors[0]?.length ?? 0;
  const mean = new Float32Array(width);
  for (const v of vectors) for (let i = 0; i < width; i++) mean[i] = (mean[i] ?? 0) + (v[i] ?? 0) / vectors.length;
  const centred = vectors.map((v) => Float32Array.from(v, (x, i) => x - (mean[i] ?? 0)));
  for (let k = 0; k < remove; k++) {
    let direction: Float32Array = Float32Array.from({ length: width }, (_, i) => Math.sin(i + 1 + k));
    for (let step = 0; step < 50; step++) {
      const next = new Float32Array(width);
      for (const v of centred) {
        let dot = 0;
        for (let i = 0; i < width; i++) dot += (v[i] ?? 0) * (direction[i] ?? 0);
        for (let i = 0; i < width; i++) next[i] = (next[i] ?? 0) + dot * (v[i] ?? 0);
      }
      direction = unit(next);
    }
    for (const v of centred) {
      let dot = 0;
      for (let i = 0; i < width; i++) dot += (v[i] ?? 0) * (direction[i] ?? 0);
      for (let i = 0; i < width; i++) v[i] = (v[i] ?? 0) - dot * (direction[i] ?? 0);
    }
  }
  return centred.map((v) => unit(v));
}

/**
 * A story with its things masked: nouns, proper nouns and numbers become "something", so
 * that what is left (verbs, adverbs, timing, purpose) is the behaviour, not the setting.
 */
export function behaviourSkeleton(text: string): string {
  let out = '';
  let at = 0;
  for (const token of tagText(text)) {
    if (token.pos !== 'NOUN' && token.pos !== 'PROPN' && token.pos !== 'NUM') continue;
    out += text.slice(at, token.start) + 'something';
    at = token.end;
  }
  return (out + text.slice(at)).replace(/\bsomething(?:\s+something)+/gu, 'something');
}

/** Scores every method on the four sets under root (a checkout). */
export async function main(root: string): Promise<void> {
  const { loadEncoder } = await import('../../src/core/encoder.ts');
  const encoder = await loadEncoder();
  for (const file of storySetFiles(root)) {
    const set = readStorySet(file);
    const names = [...new Set(set.stories.flatMap((s) => s.staff))];
    const data: Prepared = {
      set,
      vectors: await encoder.embed(set.stories.map((s) => textForEncoder(s.text, names))),
      words: set.stories.map((s) => new Set(contentWords(s.text, names))),
      keys: set.stories.map((s) => new Set(phrasesOf(s.text).filter((p) => p.kind !== 'quality').map((p) => p.key))),
      people: set.stories.map((s) => s.staff),
    };
    const byId = new Map(set.stories.map((story, i) => [i + 1, story]));
    process.stdout.write(`${set.name}\n`);
    const clauseVectors = await Promise.all(set.stories.map((s) => encoder.embed(clausesOf(textForEncoder(s.text, names)))));
    const storyLikeness = (a: number, b: number) => cosine(data.vectors[a] as Vector, data.vectors[b] as Vector);
    const wordLikeness = lexicalSimilarity(data.words);
    const commonRemoved = [1, 3, 8].map((k) => [k, withoutCommonDirections(data.vectors, k)] as const);
    const skeletons = await encoder.embed(set.stories.map((s) => behaviourSkeleton(textForEncoder(s.text, names))));
    const likenesses: Record<string, (a: number, b: number) => number> = {
      'story vectors': storyLikeness,
      ...Object.fromEntries(commonRemoved.map(([k, v]) => [`story vectors less ${k} common directions`, (a: number, b: number) => cosine(v[a] as Vector, v[b] as Vector)])),
      'behaviour skeletons (things masked)': (a, b) => cosine(skeletons[a] as Vector, skeletons[b] as Vector),
      'story vectors + skeletons': (a, b) => storyLikeness(a, b) + cosine(skeletons[a] as Vector, skeletons[b] as Vector),
      'story vectors, hubness corrected': hubnessCorrected(set.stories.length, storyLikeness),
      'closest clauses': (a, b) => Math.max(...(clauseVectors[a] ?? []).flatMap((x) => (clauseVectors[b] ?? []).map((y) => cosine(x, y)))),
      'shared words (tf-idf)': wordLikeness,
      'story vectors + words': (a, b) => storyLikeness(a, b) + wordLikeness(a, b),
    };
    // Three views at once, each standardised over the set: pairs close in all of them
    // (the least of the three), or close in sum.
    const n = set.stories.length;
    const views = [likenesses['story vectors'], likenesses['closest clauses'], wordLikeness].map((raw) => standardised(n, raw as (a: number, b: number) => number));
    likenesses['vectors, clauses, words: summed'] = (a, b) => views.reduce((sum, view) => sum + view(a, b), 0);
    likenesses['vectors, clauses, words: all close'] = (a, b) => Math.min(...views.map((view) => view(a, b)));
    for (const [likeness, raw] of Object.entries(likenesses)) {
      const { auc, closest, mutual } = separability(data, raw);
      process.stdout.write(
        `  pairs by ${likeness.padEnd(34)} AUC ${auc.toFixed(2)} · closest 30 pairs sharing a practice ${closest} · mutual nearest pairs sharing one ${mutual.shared}/${mutual.pairs}\n`,
      );
    }
    const methods: Record<string, (d: Prepared) => ShownCandidate[]> = {
      ...METHODS,
      ...Object.fromEntries(commonRemoved.map(([k, v]) => [`less ${k} common directions, clustered`, (d: Prepared) => METHODS['story vectors, clustered']!({ ...d, vectors: v })])),
      'behaviour skeletons, clustered': (d: Prepared) => METHODS['story vectors, clustered']!({ ...d, vectors: skeletons }),
    };
    for (const [method, run] of Object.entries(methods)) {
      const matches = matchCandidates(set, byId, run(data));
      const d = discoveryScore(set, matches);
      const s = starScore(matches);
      process.stdout.write(
        `  ${method.padEnd(34)} recall ${d.found.length}/${d.shared} · precision@10 ${d.real}/${d.considered} = ${d.precision.toFixed(2)} · habits shown as culture ${s.shownAsCulture}\n`,
      );
    }
  }
}
