/**
 * The live tail of a read step's error lines (runbook 001 · High Error Rate Alert, 3. "Check
 * recent logs": `kubectl logs --since=5m | grep -i error`, kept following while the step is
 * open). The page re-reads a short window that overlaps the previous read, so a line written
 * between two reads is never missed; lines already shown (same pod, same text — log lines carry
 * their timestamp) are dropped. Bounded: at most TAIL_MAX_LINES kept, and the tail stops after
 * TAIL_MAX_MS so a forgotten tab does not read the cluster's logs forever.
 */
export type TailLine = { pod: string; text: string };
export type TailState = { lines: TailLine[]; seen: ReadonlySet<string>; dropped: number };

export const TAIL_POLL_MS = 5_000;
/** Each read covers the gap since the previous one with room to spare (slow answers, clock skew). */
export const TAIL_WINDOW_S = 30;
export const TAIL_MAX_LINES = 200;
export const TAIL_MAX_MS = 10 * 60_000;

const keyOf = (l: TailLine) => `${l.pod}\u0000${l.text}`;

export const EMPTY_TAIL: TailState = { lines: [], seen: new Set(), dropped: 0 };

/** Adds the lines of one read that were not shown yet, oldest first, keeping the newest max. */
export function mergeTail(state: TailState, read: readonly TailLine[], max = TAIL_MAX_LINES): TailState {
  const fresh = read.filter((l) => !state.seen.has(keyOf(l)));
  if (fresh.length === 0) return state;
  const seen = new Set(state.seen);
  for (const l of fresh) seen.add(keyOf(l));
  const all = [...state.lines, ...fresh];
  const cut = Math.max(0, all.length - max);
  const lines = all.slice(cut);
  // Forget what was cut so the seen set stays bounded too; a cut line is older than the window.
  for (const l of all.slice(0, cut)) seen.delete(keyOf(l));
  return { lines, seen, dropped: state.dropped + cut };
}
