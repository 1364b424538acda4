// One pass of the deployment controller's RollingUpdate arithmetic (maxSurge / maxUnavailable), pure.
// As in the real controller, a pass either scales the new ReplicaSet or the old ones, never both.

/** "25%" of total (maxSurge rounds up, maxUnavailable rounds down) or a plain number. */
export function resolveIntOrPercent(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
  fallback: string,
): number {
  const v = value ?? fallback;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export interface RolloutState {
  desired: number;
  maxSurge: number;
  maxUnavailable: number;
  newReplicas: number;
  newReady: number;
  /** Old ReplicaSets, oldest revision first. */
  old: Array<{ replicas: number; ready: number }>;
}

/** Returns the next replica counts (new, old[]) for one reconcile pass. */
export function rollingStep(s: RolloutState): { newReplicas: number; oldReplicas: number[] } {
  const oldReplicas = s.old.map((o) => o.replicas);
  const maxUnavailable = s.maxSurge === 0 && s.maxUnavailable === 0 ? 1 : s.maxUnavailable;
  if (s.newReplicas > s.desired) return { newReplicas: s.desired, oldReplicas };
  const currentTotal = s.newReplicas + oldReplicas.reduce((a, b) => a + b, 0);
  const room = s.desired + s.maxSurge - currentTotal;
  if (room > 0 && s.newReplicas < s.desired)
    return { newReplicas: Math.min(s.desired, s.newReplicas + room), oldReplicas };

  const readyTotal = s.newReady + s.old.reduce((a, o) => a + Math.min(o.ready, o.replicas), 0);
  const newUnavailable = Math.max(0, s.newReplicas - s.newReady);
  let budget = readyTotal - (s.desired - maxUnavailable) - newUnavailable;
  // Unready old pods never count as available: they can go first without hurting availability.
  const next = s.old.map((o, i) => {
    const unhealthy = Math.max(0, o.replicas - o.ready);
    return oldReplicas[i]! - unhealthy;
  });
  for (let i = 0; i < next.length && budget > 0; i++) {
    const cut = Math.min(next[i]!, budget);
    next[i] = next[i]! - cut;
    budget -= cut;
  }
  return { newReplicas: s.newReplicas, oldReplicas: next };
}
