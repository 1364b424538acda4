/** The deployment watch's pure rules (runbook 001 · Deployment Procedures). No I/O. */

/** "Monitor for 10 minutes": `for i in {1..10}` with a quick health check each time and
 * `sleep 60` between them (seed 001, Standard Deployment, step 7, lines 253-263). */
export const WATCH_CHECKS = 10;
export const WATCH_INTERVAL_MS = 60_000;

/** The traffic switches a person starts from Deployments. */
export const WATCH_MODES = ["blue_green", "emergency"] as const;
export type WatchMode = (typeof WATCH_MODES)[number];
/** What a watch follows: a traffic switch, or a rollout Firebreak observed (a Deployment's new
 * revision), whose way back is `kubectl rollout undo` rather than a selector switch. */
export type WatchKind = WatchMode | "rollout";

/** Blue-green switches to `version=new` (lines 247-251); the emergency deployment switches to
 * `version=emergency` and monitors continuously until a person ends it (lines 281-287). */
export const MODE_TARGET: Record<WatchMode, "new" | "emergency"> = {
  blue_green: "new",
  emergency: "emergency",
};

/** `degraded`: a watched rollout failed a check and its undo is offered to a person. */
export type WatchState = "watching" | "completed" | "rolled_back" | "ended" | "failed" | "degraded";

/** One check's findings: the service's /health/live and /health/ready, and whether a SEV-1 or
 * worse condition holds (a fresh metrics poll in the critical zone, or a SEV-1+ incident open). */
export type CheckFindings = {
  live: number | null;
  ready: number | null;
  sevBreach: string | null;
  /** A watched rollout's own state (e.g. "2/3 pods ready on revision 4"), null when fine. */
  rollout?: string | null;
};

export type CheckResult = { ok: boolean; detail: string };

export function judgeCheck(f: CheckFindings): CheckResult {
  const problems = [
    f.live === 200 ? null : `/health/live ${f.live ?? "no answer"}`,
    f.ready === 200 ? null : `/health/ready ${f.ready ?? "no answer"}`,
    f.sevBreach,
    f.rollout ?? null,
  ].filter((p): p is string => p !== null);
  return problems.length === 0
    ? { ok: true, detail: "/health/live 200, /health/ready 200, no SEV-1+ condition" }
    : { ok: false, detail: problems.join("; ") };
}

export type Decision = "continue" | "rollback" | "complete" | "alert" | "offer";

/** After check `n` (1-based): a failed check rolls a blue-green switch back at once ("Health
 * check failed - initiating rollback", line 257-260); the 10th passing check completes it. The
 * emergency watch has no end of its own: a failed check raises the alarm and the person decides
 * (the stable version is what the emergency replaced). A watched rollout that fails a check is
 * offered for `rollout undo` to a person, and undone by itself only when so configured. */
export function decideAfterCheck(
  mode: WatchKind,
  n: number,
  ok: boolean,
  totalChecks: number | null = mode === "emergency" ? null : WATCH_CHECKS,
  opts: { autoUndo?: boolean } = {},
): Decision {
  if (!Number.isInteger(n) || n < 1) throw new Error(`check number must be ≥ 1, got ${n}`);
  if (mode === "emergency") return ok ? "continue" : "alert";
  if (!ok) return mode === "rollout" && !opts.autoUndo ? "offer" : "rollback";
  return totalChecks !== null && n >= totalChecks ? "complete" : "continue";
}

/** When check `n` is due: `n` intervals after the switch (check 1 one interval in, like the
 * runbook's loop with its sleep). */
export function checkDueAt(startedAt: number, intervalMs: number, n: number): number {
  return startedAt + n * intervalMs;
}

/** The interval scaled by configuration (tests run the same code with seconds, not minutes). */
export function scaledInterval(scale: number): number {
  if (!(scale > 0)) throw new Error("DEPLOY_WATCH_INTERVAL_SCALE must be > 0");
  return Math.max(100, Math.round(WATCH_INTERVAL_MS * scale));
}

/** "3 / 10" and a fraction for the progress bar; the emergency watch counts without an end. */
export function progressOf(done: number, total: number | null): { label: string; fraction: number | null } {
  if (total === null) return { label: `${done} checks`, fraction: null };
  return { label: `${Math.min(done, total)} / ${total}`, fraction: Math.min(1, done / total) };
}
