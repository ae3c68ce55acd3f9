/**
 * The customer service chain (seed 003): who serves whom inside the team, from internal
 * stories whose colleague served is a person. "How well are you serving the servers?
 * How do you know?" — the chain answers the second question with the team's own stories.
 */
import type { Day } from './dates.ts';
import { change } from './figures.ts';
import type { Compared, Window } from './report-parts.ts';

/** One server → served pair in a period, as the store reads it. */
export interface ChainEdge {
  server: string;
  serverTeam: string | null;
  served: string;
  servedTeam: string | null;
  stories: number;
}

/** An active person, with their team and whether they lead. */
export interface ChainPerson {
  name: string;
  team: string | null;
  leader: boolean;
}

/** Counts by row and column: servers down, served across. */
export interface ChainMatrix {
  rows: string[];
  columns: string[];
  /** counts[row][column]: stories in which the row served the column. */
  counts: number[][];
}

export interface Chain {
  since: Day;
  until: Day;
  previous: Window;
  /** Internal stories whose colleague served is a person, in the period. */
  stories: Compared;
  pairs: Compared;
  people: ChainMatrix;
  teams: ChainMatrix;
  /** People who serve colleagues in the period but are served in none of its stories. */
  servesButNeverServed: string[];
  /** Every active leader: how often they served and were served. */
  leaders: Array<{ leader: string; serves: number; served: number }>;
  /** Internal stories in the period whose colleague is not linked to a person yet. */
  unresolved: number;
  /** The team it is narrowed to (its people and the teams inside it), if any. */
  team?: string;
}

/** The label of a person without a team in the team matrix. */
export const NO_TEAM = '(no team)';

function matrix(edges: readonly ChainEdge[], row: (e: ChainEdge) => string, column: (e: ChainEdge) => string): ChainMatrix {
  const rows = [...new Set(edges.map(row))].sort((a, b) => a.localeCompare(b));
  const columns = [...new Set(edges.map(column))].sort((a, b) => a.localeCompare(b));
  const counts = rows.map(() => columns.map(() => 0));
  for (const edge of edges) {
    const line = counts[rows.indexOf(row(edge))];
    if (line) line[columns.indexOf(column(edge))]! += edge.stories;
  }
  return { rows, columns, counts };
}

function compared(current: number, previous: number): Compared {
  return { current, previous, ...change(current, previous) };
}

/**
 * The chain of a period from its server → served pairs (each story counted once per
 * pair), the previous period's for the trend, the active people and the stories whose
 * colleague is not linked yet. `stories` are the distinct internal stories of each period.
 */
export function buildChain(input: {
  window: Window;
  previous: Window;
  edges: readonly ChainEdge[];
  previousEdges: readonly ChainEdge[];
  stories: number;
  previousStories: number;
  people: readonly ChainPerson[];
  unresolved: number;
}): Chain {
  const served = new Set(input.edges.map((e) => e.served));
  const servers = [...new Set(input.edges.map((e) => e.server))];
  return {
    since: input.window.since,
    until: input.window.until,
    previous: input.previous,
    stories: compared(input.stories, input.previousStories),
    pairs: compared(input.edges.length, input.previousEdges.length),
    people: matrix(input.edges, (e) => e.server, (e) => e.served),
    teams: matrix(input.edges, (e) => e.serverTeam ?? NO_TEAM, (e) => e.servedTeam ?? NO_TEAM),
    servesButNeverServed: servers.filter((name) => !served.has(name)).sort((a, b) => a.localeCompare(b)),
    leaders: input.people
      .filter((p) => p.leader)
      .map((p) => ({
        leader: p.name,
        serves: input.edges.filter((e) => e.server === p.name).reduce((n, e) => n + e.stories, 0),
        served: input.edges.filter((e) => e.served === p.name).reduce((n, e) => n + e.stories, 0),
      })),
    unresolved: input.unresolved,
  };
}

/** The chain's findings in words, the same in every format. */
export function chainFindings(chain: Chain): string[] {
  const lines: string[] = [];
  if (chain.servesButNeverServed.length) lines.push(`Serve colleagues but are never served: ${chain.servesButNeverServed.join(', ')}`);
  const silent = chain.leaders.filter((l) => l.serves === 0).map((l) => l.leader);
  const serving = chain.leaders.filter((l) => l.serves > 0).map((l) => `${l.leader} (${l.serves})`);
  if (serving.length) lines.push(`Leaders who serve the servers: ${serving.join(', ')}`);
  if (silent.length) lines.push(`Leaders in no story as a server: ${silent.join(', ')} — how well are they serving the servers? How do they know?`);
  if (chain.leaders.length === 0) lines.push('No leader is marked yet: svc people edit NAME --leader');
  if (chain.unresolved) lines.push(`${chain.unresolved} internal ${chain.unresolved === 1 ? 'story names a colleague' : 'stories name colleagues'} not linked to a person: svc chain unresolved`);
  return lines;
}
