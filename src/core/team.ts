/**
 * Teams: people grouped for every filter and report, a team possibly inside a parent
 * team. Plain rules over ids; the store reads and writes them.
 */

/**
 * Whether making `parentId` the parent of `teamId` would close a cycle: the parent is the
 * team itself, or one of the teams inside it. `parentOf` maps each team to its parent.
 */
export function closesCycle(parentOf: ReadonlyMap<number, number | null>, teamId: number, parentId: number): boolean {
  const seen = new Set<number>();
  for (let at: number | null | undefined = parentId; at != null && !seen.has(at); at = parentOf.get(at)) {
    if (at === teamId) return true;
    seen.add(at);
  }
  return false;
}

/** A team and every team inside it, at any depth (the team's id first). */
export function teamWithSubteams(parentOf: ReadonlyMap<number, number | null>, teamId: number): number[] {
  const children = new Map<number, number[]>();
  for (const [id, parent] of parentOf) if (parent != null) children.set(parent, [...(children.get(parent) ?? []), id]);
  const found = [teamId];
  for (let i = 0; i < found.length; i++) for (const child of children.get(found[i]!) ?? []) if (!found.includes(child)) found.push(child);
  return found;
}
