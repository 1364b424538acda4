import { describe, expect, it } from "vitest";

import { activeAlertsSchema, parseEndpoint } from "./optimizer-parse";

const perf = {
  p95_latency: 6.2,
  error_rate: 0.3,
  cache_hit_ratio: 92,
  cache_memory_usage: 245,
  eviction_rate: 2,
  circuit_breaker_state: "closed",
  http2_adoption_rate: 85,
  connection_reuse_rate: 90,
  requests_per_second: 120,
  memory_usage_mb: 1843,
};
const system = {
  memory_usage: 45,
  cpu_usage: 35,
  disk_usage: 40,
  memory_usage_mb: 1843,
  cpu_usage_percent: 35,
  open_connections: 850,
  max_connections: 1000,
};

describe("parseEndpoint /metrics/performance", () => {
  it("maps the runbook fields to canonical metrics (percent declared)", () => {
    expect(parseEndpoint("/metrics/performance", perf, "percent")).toEqual({
      values: { p95_latency_ms: 6.2, error_rate_pct: 0.3, cache_hit_pct: 92, rps: 120 },
      errors: [],
    });
  });

  it("converts ratios of a service declared 'fraction'", () => {
    const r = parseEndpoint(
      "/metrics/performance",
      { ...perf, error_rate: 0.08, cache_hit_ratio: 0.55 },
      "fraction",
    );
    expect(r.values).toMatchObject({ error_rate_pct: 8, cache_hit_pct: 55, p95_latency_ms: 6.2 });
  });

  it("a ratio outside the declared unit is a gap with an error, other fields still count", () => {
    const r = parseEndpoint("/metrics/performance", perf, "fraction");
    expect(r.values).toEqual({ p95_latency_ms: 6.2, error_rate_pct: 30, cache_hit_pct: null, rps: 120 });
    expect(r.errors).toEqual([expect.stringMatching(/cache_hit_ratio: 92 is outside 0–1/)]);
  });

  it("refuses apilo's placeholder Go struct (PascalCase, nanoseconds): an error, never zeros", () => {
    expect(() =>
      parseEndpoint(
        "/metrics/performance",
        { RequestsPerSecond: 0, P95Latency: 0, CacheHitRatio: 0, ErrorRate: 0 },
        "percent",
      ),
    ).toThrow(/invalid answer: p95_latency: .*expected number/);
  });

  it("refuses a string where a number is expected and a negative latency", () => {
    expect(() => parseEndpoint("/metrics/performance", { ...perf, p95_latency: "6ms" }, "percent")).toThrow(
      /p95_latency/,
    );
    expect(() => parseEndpoint("/metrics/performance", { ...perf, p95_latency: -1 }, "percent")).toThrow(
      /p95_latency/,
    );
    expect(() => parseEndpoint("/metrics/performance", null, "percent")).toThrow(/invalid answer/);
  });
});

describe("parseEndpoint /metrics/system", () => {
  it("reads cpu/memory/disk percent and open connections as % of max", () => {
    expect(parseEndpoint("/metrics/system", system, "percent").values).toEqual({
      cpu_pct: 35,
      memory_pct: 45,
      disk_pct: 40,
      open_connections_pct: 85,
    });
  });

  it("usage above 100 % or a missing max_connections is invalid", () => {
    expect(() => parseEndpoint("/metrics/system", { ...system, cpu_usage: 140 }, "percent")).toThrow(
      /cpu_usage/,
    );
    const { max_connections: _omit, ...noMax } = system;
    void _omit;
    expect(() => parseEndpoint("/metrics/system", noMax, "percent")).toThrow(/max_connections/);
  });
});

describe("/alerts/active", () => {
  it("accepts the runbook's array of {name, severity}", () => {
    expect(
      activeAlertsSchema.parse([{ name: "HighLatencyP95", severity: "critical", value: 60 }]),
    ).toHaveLength(1);
  });
  it("refuses apilo's {Rule: {Name}} shape", () => {
    expect(activeAlertsSchema.safeParse([{ Rule: { Name: "x", Severity: 2 } }]).success).toBe(false);
  });
});
