import { describe, expect, it } from "vitest";

import { activeAlerts, BASE, OptimizerState } from "./scenarios";

describe("optimizer double state", () => {
  it("with --noise 0 serves each scenario's exact values", () => {
    const s = new OptimizerState({ seed: 1, noise: 0, recoverMs: 1000 }, 0);
    expect(s.read(0).p95_latency).toBe(6);
    s.setScenario("latency_spike", 0);
    expect(s.read(0).p95_latency).toBe(60);
    s.setScenario("cache_thrash", 0);
    expect(s.read(0)).toMatchObject({ cache_hit_ratio: 55, p95_latency: 8 });
    s.setScenario("error_burst", 0);
    expect(s.read(0).error_rate).toBe(8);
  });

  it("the same seed gives the same noisy readings; noise stays within its amplitude", () => {
    const a = new OptimizerState({ seed: 42, noise: 1, recoverMs: 1000 }, 0);
    const b = new OptimizerState({ seed: 42, noise: 1, recoverMs: 1000 }, 0);
    const ra = Array.from({ length: 50 }, () => a.read(0));
    expect(ra).toEqual(Array.from({ length: 50 }, () => b.read(0)));
    expect(new Set(ra.map((r) => r.p95_latency)).size).toBeGreaterThan(10);
    for (const r of ra) expect(Math.abs(r.p95_latency - BASE.healthy.p95_latency)).toBeLessThanOrEqual(0.8);
  });

  it("recovering drifts from the previous scenario back to healthy", () => {
    const s = new OptimizerState({ seed: 1, noise: 0, recoverMs: 10_000 }, 0);
    s.setScenario("latency_spike", 0);
    s.setScenario("recovering", 1000);
    expect(s.read(1000).p95_latency).toBe(60);
    expect(s.read(6000).p95_latency).toBe(33);
    expect(s.read(11_000).p95_latency).toBe(6);
    expect(s.read(99_000).p95_latency).toBe(6);
  });

  it("active alerts follow the values (none when healthy)", () => {
    expect(activeAlerts(BASE.healthy, "t")).toEqual([]);
    expect(activeAlerts(BASE.latency_spike, "t").map((a) => [a.name, a.severity])).toEqual([
      ["HighLatencyP95", "critical"],
    ]);
    expect(activeAlerts(BASE.cache_thrash, "t").map((a) => [a.name, a.severity])).toEqual([
      ["LowCacheHitRatio", "warning"],
    ]);
    expect(activeAlerts(BASE.error_burst, "t").map((a) => [a.name, a.severity])).toEqual([
      ["HighErrorRate", "critical"],
    ]);
  });
});
