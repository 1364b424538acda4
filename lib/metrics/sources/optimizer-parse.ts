import { z } from "zod";

import type { MetricKey } from "@/lib/runbook/catalog";
import type { RatioUnit } from "@/lib/services/schema";

import { connectionsPercent, ratioToPercent } from "../units";

/** Zod shapes of the optimizer answers Firebreak reads (the snake_case fields runbook 001's
 * commands read with jq). Extra fields are allowed; missing or mistyped
 * ones make the answer invalid: an error, never a zero. */
const nonNegative = z.number().finite().nonnegative();

export const performanceSchema = z.looseObject({
  p95_latency: nonNegative,
  error_rate: nonNegative,
  cache_hit_ratio: nonNegative,
  requests_per_second: nonNegative,
});

export const systemSchema = z.looseObject({
  memory_usage: nonNegative.max(100),
  cpu_usage: nonNegative.max(100),
  disk_usage: nonNegative.max(100),
  open_connections: nonNegative,
  max_connections: z.number().finite().positive(),
});

export const activeAlertsSchema = z.array(z.looseObject({ name: z.string(), severity: z.string() }));
export type ActiveAlert = z.infer<typeof activeAlertsSchema>[number];

export type Endpoint = "/metrics/performance" | "/metrics/system";

/** Which endpoint each catalog metric is read from; `live` comes from /health/live's status. */
export const ENDPOINT_OF: Record<Exclude<MetricKey, "live">, Endpoint> = {
  p95_latency_ms: "/metrics/performance",
  error_rate_pct: "/metrics/performance",
  cache_hit_pct: "/metrics/performance",
  rps: "/metrics/performance",
  cpu_pct: "/metrics/system",
  memory_pct: "/metrics/system",
  disk_pct: "/metrics/system",
  open_connections_pct: "/metrics/system",
};

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}

/** Validates an endpoint's JSON and maps it to canonical metrics (percent, ms, RPS).
 * An invalid answer throws (every metric of the endpoint is then a gap); a single field that
 * cannot be converted (e.g. outside its declared unit's range) is null with an error.
 * cpu/memory/disk usage are percent per the runbook ("80%/95%") whatever the ratio unit;
 * error_rate and cache_hit_ratio follow the service's declared ratio unit. */
export function parseEndpoint(endpoint: Endpoint, body: unknown, unit: RatioUnit): ParsedEndpoint {
  const out: ParsedEndpoint = { values: {}, errors: [] };
  const set = (key: MetricKey, field: string, f: () => number) => {
    try {
      out.values[key] = f();
    } catch (e) {
      out.values[key] = null;
      out.errors.push(`${endpoint}: ${field}: ${(e as Error).message}`);
    }
  };
  if (endpoint === "/metrics/performance") {
    const p = performanceSchema.safeParse(body);
    if (!p.success) throw new Error(`${endpoint}: invalid answer: ${issuesText(p.error)}`);
    set("p95_latency_ms", "p95_latency", () => p.data.p95_latency);
    set("error_rate_pct", "error_rate", () => ratioToPercent(p.data.error_rate, unit));
    set("cache_hit_pct", "cache_hit_ratio", () => ratioToPercent(p.data.cache_hit_ratio, unit));
    set("rps", "requests_per_second", () => p.data.requests_per_second);
    return out;
  }
  const s = systemSchema.safeParse(body);
  if (!s.success) throw new Error(`${endpoint}: invalid answer: ${issuesText(s.error)}`);
  set("cpu_pct", "cpu_usage", () => s.data.cpu_usage);
  set("memory_pct", "memory_usage", () => s.data.memory_usage);
  set("disk_pct", "disk_usage", () => s.data.disk_usage);
  set("open_connections_pct", "open_connections", () =>
    connectionsPercent(s.data.open_connections, s.data.max_connections),
  );
  return out;
}

export type ParsedEndpoint = { values: Partial<Record<MetricKey, number | null>>; errors: string[] };
