import { describe, expect, it } from "vitest";

import { proposeTuning, ruleValue, tuningDiff, tuningKubectl, tuningPatch } from "./autotune";

const DATA = { cache_size: "1000", default_ttl: "10m", max_connections: "25", eviction_policy: "lru" };
const CALM = { cacheHitPct: 92, p95Ms: 4, rps: 60 };

const keys = (m: Parameters<typeof proposeTuning>[0], data: Record<string, string> = DATA) =>
  proposeTuning(m, data).changes.map((c) => c.key);

describe("auto-tuning rules (runbook 001 · Performance Tuning)", () => {
  it("proposes nothing when every reading is on the calm side", () => {
    expect(proposeTuning(CALM, DATA).changes).toEqual([]);
  });

  it("grows the cache by 1.2 below an 80% hit ratio, not at 80% exactly", () => {
    expect(keys({ ...CALM, cacheHitPct: 80 })).toEqual([]);
    expect(keys({ ...CALM, cacheHitPct: 79.99 })).toEqual(["cache_size"]);
    expect(proposeTuning({ ...CALM, cacheHitPct: 55 }, DATA).changes[0]).toMatchObject({
      key: "cache_size",
      from: "1000",
      to: "1200",
    });
  });

  it("sets the default TTL to 15m above 5 ms p95, not at 5 ms exactly", () => {
    expect(keys({ ...CALM, p95Ms: 5 })).toEqual([]);
    expect(keys({ ...CALM, p95Ms: 5.01 })).toEqual(["default_ttl"]);
    expect(proposeTuning({ ...CALM, p95Ms: 6 }, DATA).changes[0]).toMatchObject({ from: "10m", to: "15m" });
  });

  it("sets max connections to 50 above 80 requests/s, not at 80 exactly", () => {
    expect(keys({ ...CALM, rps: 80 })).toEqual([]);
    expect(keys({ ...CALM, rps: 80.1 })).toEqual(["max_connections"]);
    expect(proposeTuning({ ...CALM, rps: 120 }, DATA).changes[0]).toMatchObject({ from: "25", to: "50" });
  });

  it("fires all three rules at once, in the runbook's order", () => {
    expect(keys({ cacheHitPct: 55, p95Ms: 8, rps: 120 })).toEqual([
      "cache_size",
      "default_ttl",
      "max_connections",
    ]);
  });

  it("changes nothing a rule would set to the value already there, and says so", () => {
    const p = proposeTuning(
      { cacheHitPct: 92, p95Ms: 8, rps: 120 },
      { ...DATA, default_ttl: "15m", max_connections: "50" },
    );
    expect(p.changes).toEqual([]);
    expect(p.notes).toContain("default_ttl: p95 latency 8 ms > 5 ms, already 15m");
  });

  it("does not evaluate a rule whose metric was not read", () => {
    const p = proposeTuning({ cacheHitPct: null, p95Ms: null, rps: null }, DATA);
    expect(p.changes).toEqual([]);
    expect(p.notes).toHaveLength(3);
    expect(p.notes[0]).toMatch(/not available/);
  });

  it("refuses to multiply a cache size that is not a number", () => {
    expect(ruleValue("cache_size", "large")).toBeNull();
    expect(ruleValue("cache_size", null)).toBeNull();
    expect(ruleValue("cache_size", "1001")).toBe("1201");
    expect(keys({ ...CALM, cacheHitPct: 10 }, { ...DATA, cache_size: "large" })).toEqual([]);
  });

  it("adds a key the ConfigMap lacks", () => {
    const { changes } = proposeTuning({ ...CALM, rps: 90 }, { cache_size: "1000" });
    expect(changes).toEqual([expect.objectContaining({ key: "max_connections", from: null, to: "50" })]);
    expect(tuningPatch("7", changes)[1]).toEqual({ op: "add", path: "/data/max_connections", value: "50" });
  });

  it("renders the exact diff, a guarded JSON patch and the runbook's kubectl command", () => {
    const { changes } = proposeTuning({ cacheHitPct: 55, p95Ms: 8, rps: 120 }, DATA);
    expect(tuningDiff(changes)).toEqual([
      { path: "data.cache_size", before: "1000", after: "1200" },
      { path: "data.default_ttl", before: "10m", after: "15m" },
      { path: "data.max_connections", before: "25", after: "50" },
    ]);
    expect(tuningPatch("42", changes)).toEqual([
      { op: "test", path: "/metadata/resourceVersion", value: "42" },
      { op: "test", path: "/data/cache_size", value: "1000" },
      { op: "replace", path: "/data/cache_size", value: "1200" },
      { op: "test", path: "/data/default_ttl", value: "10m" },
      { op: "replace", path: "/data/default_ttl", value: "15m" },
      { op: "test", path: "/data/max_connections", value: "25" },
      { op: "replace", path: "/data/max_connections", value: "50" },
    ]);
    expect(tuningKubectl("api-optimizer-config", "default", changes.slice(1, 2))).toBe(
      `kubectl patch configmap api-optimizer-config -n default --type='json' -p='[{"op":"replace","path":"/data/default_ttl","value":"15m"}]'`,
    );
  });
});
