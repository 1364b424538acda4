import type { RatioUnit } from "@/lib/services/schema";

/**
 * A ratio as the service reported it → percent 0–100 (the catalog's canonical unit).
 * The unit is the service's DECLARED one (optimizer-contract.md "Unit ambiguity"): never
 * guessed from the value, since 1 is both "1 %" and "100 %". A value outside the declared
 * unit's range is refused (an error, so a gap) instead of being stored as 9 200 % or
 * silently rescaled.
 */
export function ratioToPercent(value: number, unit: RatioUnit): number {
  if (!Number.isFinite(value)) throw new RangeError(`not a number: ${value}`);
  const max = unit === "fraction" ? 1 : 100;
  if (value < 0 || value > max) {
    throw new RangeError(`${value} is outside 0–${max}, the range of the declared unit "${unit}"`);
  }
  // Round away binary noise (0.07 * 100 = 7.000000000000001).
  return unit === "fraction" ? Math.round(value * 100 * 1e9) / 1e9 : value;
}

/** open_connections as a percentage of max_connections ("80 % of max", runbook system_metrics). */
export function connectionsPercent(open: number, max: number): number {
  if (!(max > 0)) throw new RangeError(`max_connections must be > 0, got ${max}`);
  if (open < 0) throw new RangeError(`open_connections must be ≥ 0, got ${open}`);
  return (open / max) * 100;
}
