/**
 * Canary subsets (runbook 000 · Canary Rollout Strategy): stage 1 runs on 5–10 % of the
 * approved targets, stage 2 on 25–50 %. Drawn reproducibly: the URLs are ordered by
 * sha256(seed + url) and the first ⌈fraction × n⌉ (at least one) are taken, so the same seed and
 * list always give the same subset, and a larger fraction with the same seed contains the smaller
 * one. Pure.
 */
import { createHash } from "node:crypto";

export const SUBSET_RANGES = { canary1: [0.05, 0.1], canary2: [0.25, 0.5] } as const;
export type CanaryStage = keyof typeof SUBSET_RANGES;

/** The refusal for a fraction outside the stage's range, or null. Bounds are inclusive. */
export function subsetFractionProblem(stage: CanaryStage, fraction: number): string | null {
  const [min, max] = SUBSET_RANGES[stage];
  if (Number.isFinite(fraction) && fraction >= min && fraction <= max) return null;
  return `Stage ${stage === "canary1" ? 1 : 2} runs on ${min * 100}–${max * 100} % of the approved targets; ${fraction * 100} % is outside it.`;
}

export function drawSubset(urls: readonly string[], fraction: number, seed: string): string[] {
  const unique = [...new Set(urls)];
  if (unique.length === 0) return [];
  const size = Math.max(1, Math.ceil(fraction * unique.length - 1e-9));
  const rank = (u: string) => createHash("sha256").update(`${seed}\n${u}`).digest("hex");
  return unique
    .map((u) => ({ u, r: rank(u) }))
    .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
    .slice(0, size)
    .map((x) => x.u);
}
