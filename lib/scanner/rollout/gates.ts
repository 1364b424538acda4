/**
 * The canary stage tracker 0→3 (runbook 000 · Canary Rollout Strategy), pure. The stage an
 * environment is at comes from its scan history; a gate says whether a scan of a stage may be
 * requested now, and why not.
 * - Stage 0 (passive) and back-to-passive are always allowed (passive-first; new environments
 *   start passive).
 * - Stage 1 needs a stored passive baseline (a completed passive scan) and a valid written
 *   authorization (runbook 000 · Preconditions).
 * - Stage 2 needs the latest stage-1 run to have stayed within thresholds (clean).
 * - Stage 3 needs two consecutive clean canary runs (stage 1 or 2), the latest two canaries.
 * - No widening (moving above the current stage) while a HIGH/CRITICAL finding is untriaged
 *   (runbook 000 · Post-Run Triage Discipline).
 * A run is clean when it completed (report parsed) and no rollback trigger fired; exit code 1
 * alone does not make it unclean (contract 1.10). A trigger, or a back-to-passive run, returns
 * the environment to stage 0.
 */
export type StageName = "passive" | "canary1" | "canary2" | "full" | "back-to-passive";
export type HistoryEntry = { stage: StageName; completed: boolean; triggered: boolean };
export type GateInput = {
  history: readonly HistoryEntry[];
  untriagedHighCritical: number;
  authorizationValid: boolean;
};
export type Gate = { allowed: true } | { allowed: false; reason: string };

const LEVEL: Record<StageName, number> = {
  passive: 0,
  "back-to-passive": 0,
  canary1: 1,
  canary2: 2,
  full: 3,
};

const clean = (e: HistoryEntry) => e.completed && !e.triggered;

/** The stage reached (0–3): the highest clean stage since the last trigger or back-to-passive. */
export function currentStage(history: readonly HistoryEntry[]): number {
  let stage = 0;
  for (const e of history) {
    if (!e.completed) continue;
    if (e.triggered || e.stage === "back-to-passive") stage = 0;
    else stage = Math.max(stage, LEVEL[e.stage]);
  }
  return stage;
}

export function hasPassiveBaseline(history: readonly HistoryEntry[]): boolean {
  return history.some((e) => e.stage === "passive" && clean(e));
}

export function gateFor(stage: StageName, g: GateInput): Gate {
  const level = LEVEL[stage];
  if (level === 0) return { allowed: true };
  if (!g.authorizationValid)
    return {
      allowed: false,
      reason: "Active checks need a valid written authorization for this environment's targets.",
    };
  if (!hasPassiveBaseline(g.history))
    return { allowed: false, reason: "Stage 1 needs a stored passive baseline: run stage 0 first." };
  if (level > currentStage(g.history) && g.untriagedHighCritical > 0)
    return {
      allowed: false,
      reason: `${g.untriagedHighCritical} HIGH/CRITICAL finding(s) are untriaged: triage them before widening the scope.`,
    };
  if (level === 2) {
    const lastStage1 = [...g.history].reverse().find((e) => e.stage === "canary1" && e.completed);
    if (!lastStage1 || !clean(lastStage1))
      return {
        allowed: false,
        reason: "Stage 2 needs the last stage 1 run to have stayed within thresholds.",
      };
  }
  if (level === 3) {
    const canaries = g.history.filter((e) => (e.stage === "canary1" || e.stage === "canary2") && e.completed);
    const lastTwo = canaries.slice(-2);
    if (lastTwo.length < 2 || !lastTwo.every(clean))
      return {
        allowed: false,
        reason: `Stage 3 needs two consecutive clean canary runs; there ${lastTwo.filter(clean).length === 1 ? "is one" : "are none"}.`,
      };
  }
  return { allowed: true };
}
