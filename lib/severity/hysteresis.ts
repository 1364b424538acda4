/**
 * Hysteresis over successive severity evaluations: raise after 2 consecutive breaching
 * samples, clear after 4 clean ones (SEV_RAISE_AFTER / SEV_CLEAR_AFTER), so one noisy sample
 * neither declares nor clears a level. Pure and JSON-serializable, so the caller can persist
 * the state between polls.
 *
 * - Raise: the level moves to a worse level L only after `raiseAfter` consecutive evaluations
 *   at L or worse. When several levels qualify, the worst qualifying one wins. SEV-0 is no
 *   exception: a single failed /health/live is not an outage, it too needs `raiseAfter` samples.
 * - Lower / clear: after `clearAfter` consecutive evaluations strictly better than the current
 *   level, the level drops to the worst level seen during that better streak (null = clear).
 */
import { SEVERITIES, isWorse, type Severity } from "@/lib/runbook/sev-levels";

export type HysteresisOptions = { raiseAfter: number; clearAfter: number };
export const DEFAULT_HYSTERESIS: HysteresisOptions = { raiseAfter: 2, clearAfter: 4 };

export type HysteresisState = {
  /** The level shown and acted upon (null = healthy). */
  level: Severity | null;
  /** Where the level is heading if the current streak continues (null when nothing pending,
   * or when the pending move is a clear; see `pendingClear`). */
  candidate: Severity | null;
  /** Consecutive evaluations supporting the candidate / the pending lower-or-clear. */
  candidateCount: number;
  pendingClear: boolean;
  /** Per level: consecutive evaluations at that level or worse. */
  atOrWorse: Record<Severity, number>;
  /** Consecutive evaluations strictly better than `level`, and the worst level among them. */
  betterCount: number;
  betterWorst: Severity | null;
};

export function initialHysteresisState(): HysteresisState {
  return {
    level: null,
    candidate: null,
    candidateCount: 0,
    pendingClear: false,
    atOrWorse: { SEV0: 0, SEV1: 0, SEV2: 0, SEV3: 0 },
    betterCount: 0,
    betterWorst: null,
  };
}

export function stepHysteresis(
  state: HysteresisState | null,
  evaluation: { level: Severity | null },
  options: HysteresisOptions = DEFAULT_HYSTERESIS,
): HysteresisState {
  const prev = state ?? initialHysteresisState();
  const raiseAfter = Math.max(1, Math.floor(options.raiseAfter));
  const clearAfter = Math.max(1, Math.floor(options.clearAfter));
  const e = evaluation.level;

  const atOrWorse = { ...prev.atOrWorse };
  for (const l of SEVERITIES) atOrWorse[l] = e !== null && !isWorse(l, e) ? (prev.atOrWorse[l] ?? 0) + 1 : 0;

  // Raise: the worst level worse than the current one that has been sustained long enough.
  const worseLevels = SEVERITIES.filter((l) => isWorse(l, prev.level) && atOrWorse[l] > 0);
  const raiseTo = worseLevels.find((l) => atOrWorse[l] >= raiseAfter);
  if (raiseTo) {
    return {
      ...prev,
      level: raiseTo,
      atOrWorse,
      candidate: null,
      candidateCount: 0,
      pendingClear: false,
      betterCount: 0,
      betterWorst: null,
    };
  }

  if (isWorse(prev.level, e)) {
    const betterCount = prev.betterCount + 1;
    const betterWorst = prev.betterCount === 0 || isWorse(e, prev.betterWorst) ? e : prev.betterWorst;
    if (betterCount >= clearAfter) {
      return {
        ...prev,
        level: betterWorst,
        atOrWorse,
        candidate: null,
        candidateCount: 0,
        pendingClear: false,
        betterCount: 0,
        betterWorst: null,
      };
    }
    return {
      ...prev,
      atOrWorse,
      candidate: betterWorst,
      candidateCount: betterCount,
      pendingClear: betterWorst === null,
      betterCount,
      betterWorst,
    };
  }

  // At the current level, or worse but not yet sustained: any pending clear is broken.
  const pending = e !== null && isWorse(e, prev.level) ? e : null;
  return {
    ...prev,
    atOrWorse,
    candidate: pending,
    candidateCount: pending ? atOrWorse[pending] : 0,
    pendingClear: false,
    betterCount: 0,
    betterWorst: null,
  };
}
