import { describe, expect, it } from "vitest";

import type { MetricKey } from "@/lib/runbook/catalog";

import { isWorse, type Severity } from "@/lib/runbook/sev-levels";

import { evaluateSeverity } from "./engine";

type Row = [metric: MetricKey, threshold: number, direction: "above" | "below", level: Severity];

// Every SEV boundary of the runbook, as (metric, threshold, direction, level when crossed).
// The expected numbers are written out here on purpose: the test pins the catalog's values.
const BOUNDARIES: Row[] = [
  ["p95_latency_ms", 50, "above", "SEV1"],
  ["error_rate_pct", 5, "above", "SEV1"],
  ["p95_latency_ms", 10, "above", "SEV2"],
  ["cache_hit_pct", 60, "below", "SEV2"],
  ["cache_hit_pct", 70, "below", "SEV3"],
  ["error_rate_pct", 1, "above", "SEV3"],
  ["rps", 50, "below", "SEV3"],
  ["cpu_pct", 70, "above", "SEV3"],
  ["memory_pct", 80, "above", "SEV3"],
  ["disk_pct", 80, "above", "SEV3"],
  ["open_connections_pct", 80, "above", "SEV3"],
];

/** The level just on the clean side of a boundary: the next less severe boundary of the same
 * metric, or null. */
function levelBelow(metric: MetricKey, threshold: number, direction: "above" | "below"): Severity | null {
  const lesser = BOUNDARIES.filter(
    ([m, t]) => m === metric && (direction === "above" ? t < threshold : t > threshold),
  ).sort((a, b) => (direction === "above" ? b[1] - a[1] : a[1] - b[1]))[0];
  return lesser ? lesser[3] : null;
}

describe("evaluateSeverity at every threshold", () => {
  describe.each(BOUNDARIES)("%s at %d (%s → %s)", (metric, threshold, direction, level) => {
    const step = 0.01;
    const breaching = direction === "above" ? threshold + step : threshold - step;
    const clean = direction === "above" ? threshold - step : threshold + step;

    it("breaches just past the threshold", () => {
      const r = evaluateSeverity({ [metric]: breaching });
      expect(r.level).toBe(level);
      expect(r.reasons[0]).toMatchObject({ metric, level, threshold, value: breaching });
    });

    it("does not breach at exactly the threshold (strict comparison)", () => {
      expect(evaluateSeverity({ [metric]: threshold }).level).toBe(levelBelow(metric, threshold, direction));
    });

    it("does not breach just on the clean side", () => {
      expect(evaluateSeverity({ [metric]: clean }).level).toBe(levelBelow(metric, threshold, direction));
    });
  });

  it("is SEV-0 when /health/live is not 200, and not when it is", () => {
    expect(evaluateSeverity({ live: 0 })).toMatchObject({
      level: "SEV0",
      reasons: [{ metric: "live", comparator: "!=", threshold: 1, text: "/health/live not 200" }],
    });
    expect(evaluateSeverity({ live: 1 }).level).toBeNull();
  });
});

describe("evaluateSeverity reasons", () => {
  it("words the reasons as the runbook does", () => {
    expect(evaluateSeverity({ p95_latency_ms: 60 }).reasons.map((r) => r.text)).toEqual([
      "p95 60 ms > 50 ms",
    ]);
    expect(evaluateSeverity({ cache_hit_pct: 55 }).reasons.map((r) => r.text)).toEqual([
      "cache hit 55 % < 60 %",
    ]);
    expect(evaluateSeverity({ rps: 12.345 }).reasons.map((r) => r.text)).toEqual([
      "throughput 12.35 RPS < 50 RPS",
    ]);
  });

  it("returns every breach, worst first, one per metric, and takes the worst level", () => {
    const r = evaluateSeverity({
      live: 1,
      cpu_pct: 75,
      p95_latency_ms: 20,
      error_rate_pct: 6,
      cache_hit_pct: 65,
    });
    expect(r.level).toBe("SEV1");
    expect(r.reasons.map((x) => [x.level, x.metric])).toEqual([
      ["SEV1", "error_rate_pct"],
      ["SEV2", "p95_latency_ms"],
      ["SEV3", "cache_hit_pct"],
      ["SEV3", "cpu_pct"],
    ]);
  });

  it("cites the runbook line of each threshold", () => {
    const [reason] = evaluateSeverity({ error_rate_pct: 6 }).reasons;
    expect(reason?.source).toMatch(/SEV-1/);
    expect(reason?.source).toMatch(/critical_metrics\.error_rate/);
  });

  it("ignores missing, null and non-finite values (no data is not zero)", () => {
    expect(evaluateSeverity({})).toEqual({ level: null, reasons: [] });
    expect(evaluateSeverity({ live: null, rps: null, cache_hit_pct: Number.NaN }).level).toBeNull();
  });

  it("treats zero as a real value, not as no data", () => {
    expect(evaluateSeverity({ rps: 0 }).level).toBe("SEV3");
  });
});

describe("evaluateSeverity with per-service overrides", () => {
  it("moves the critical line", () => {
    expect(evaluateSeverity({ p95_latency_ms: 60 }, { p95_latency_ms: { critical: 100 } }).level).toBe(
      "SEV2",
    );
    expect(
      evaluateSeverity({ p95_latency_ms: 40 }, { p95_latency_ms: { critical: 30 } }).reasons[0]?.text,
    ).toBe("p95 40 ms > 30 ms");
  });

  it("moves the warning line", () => {
    expect(evaluateSeverity({ cpu_pct: 75 }, { cpu_pct: { warning: 85 } }).level).toBeNull();
    expect(evaluateSeverity({ cpu_pct: 85 }, { cpu_pct: { warning: 85 } }).level).toBeNull();
    expect(evaluateSeverity({ cpu_pct: 85.5 }, { cpu_pct: { warning: 85 } }).level).toBe("SEV3");
  });

  it("switches a line off with null and keeps the catalog value when undefined", () => {
    expect(evaluateSeverity({ error_rate_pct: 3 }, { error_rate_pct: { warning: null } }).level).toBeNull();
    expect(evaluateSeverity({ error_rate_pct: 6 }, { error_rate_pct: { warning: null } }).level).toBe("SEV1");
  });

  it("moves the SEV-2 cache line with the cache critical override", () => {
    expect(evaluateSeverity({ cache_hit_pct: 55 }, { cache_hit_pct: { critical: 50 } }).level).toBe("SEV3");
    expect(
      evaluateSeverity({ cache_hit_pct: 49 }, { cache_hit_pct: { critical: 50 } }).reasons[0]?.text,
    ).toBe("cache hit 49 % < 50 %");
  });
});

describe("isWorse", () => {
  it("orders SEV-0 worst and healthy (null) best", () => {
    expect(isWorse("SEV0", "SEV1")).toBe(true);
    expect(isWorse("SEV3", null)).toBe(true);
    expect(isWorse(null, "SEV3")).toBe(false);
    expect(isWorse("SEV2", "SEV2")).toBe(false);
  });
});
