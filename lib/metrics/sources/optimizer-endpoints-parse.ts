import { z } from "zod";

import type { RatioUnit } from "@/lib/services/schema";

import { ratioToPercent } from "../units";

/** The optimizer endpoints playbook checks read (runbook 001 · Incident Response Playbook and
 * Alert Investigation Guide), with the snake_case shapes the runbook's `jq` paths rely on.
 * Extra fields are allowed; a missing or mistyped field the runbook reads is an error. */
const num = z.number().finite();
const pct = num.min(0);

const performance = z.looseObject({
  p95_latency: num.nonnegative(),
  error_rate: pct,
  cache_hit_ratio: pct,
  cache_memory_usage: num.nonnegative().optional(),
  eviction_rate: num.nonnegative().optional(),
  circuit_breaker_state: z.string().optional(),
  http2_adoption_rate: pct.optional(),
  connection_reuse_rate: pct.optional(),
  requests_per_second: num.nonnegative(),
  memory_usage_mb: num.nonnegative().optional(),
});

export const ENDPOINT_SCHEMAS = {
  "/health/live": null,
  "/health/ready": null,
  "/health": z.looseObject({ status: z.string() }),
  "/metrics/performance": performance,
  "/metrics/system": z.looseObject({
    memory_usage: pct.max(100),
    cpu_usage: pct.max(100),
    disk_usage: pct.max(100),
    memory_usage_mb: num.nonnegative().optional(),
    cpu_usage_percent: pct.max(100).optional(),
  }),
  "/metrics/errors": z.looseObject({ errors_by_type: z.record(z.string(), num.nonnegative()) }),
  "/alerts/active": z.array(z.looseObject({ name: z.string(), severity: z.string() })),
  "/cache/stats": z.looseObject({
    hit_ratio: pct,
    size: num.nonnegative(),
    memory_usage: num.nonnegative(),
    eviction_count: num.nonnegative(),
    recent_evictions: num.nonnegative().optional(),
    default_ttl: z.string(),
    average_age: z.string().optional(),
  }),
  "/cache/invalidation-stats": z.looseObject({ invalidation_rate: num.nonnegative() }),
  "/circuit-breaker/status": z.looseObject({ state: z.string(), failure_count: num.nonnegative() }),
} as const satisfies Record<string, z.ZodType | null>;

export type OptimizerEndpoint = keyof typeof ENDPOINT_SCHEMAS;
export const OPTIMIZER_ENDPOINTS = Object.keys(ENDPOINT_SCHEMAS) as OptimizerEndpoint[];

export function isOptimizerEndpoint(path: string): path is OptimizerEndpoint {
  return (OPTIMIZER_ENDPOINTS as string[]).includes(path);
}

/** Ratio fields per endpoint, reported in the service's declared unit (percent or fraction). */
const RATIO_FIELDS: Partial<Record<OptimizerEndpoint, string[]>> = {
  "/metrics/performance": ["error_rate", "cache_hit_ratio", "http2_adoption_rate", "connection_reuse_rate"],
  "/cache/stats": ["hit_ratio"],
};

/** Converts the ratio fields to percent (the runbook's unit: `… > 5`, `… < 50`). */
export function normaliseRatios(endpoint: OptimizerEndpoint, body: unknown, unit: RatioUnit): unknown {
  const fields = RATIO_FIELDS[endpoint];
  if (!fields || !body || typeof body !== "object") return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const f of fields) {
    const v = out[f];
    if (typeof v === "number") out[f] = ratioToPercent(v, unit);
  }
  return out;
}
