import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEFAULT_SERIES } from "@/doubles/prometheus/server";

import { post, startDouble, type Proc } from "@/lib/testing/spawn";

import { prometheusSource } from "./prometheus";

// The Prometheus source against the Prometheus double (a real process answering the HTTP API).
const [UP, P95, ERR, HIT, RPS] = Object.keys(DEFAULT_SERIES) as [string, string, string, string, string];
let prom: Proc & { url: string };

beforeAll(async () => {
  prom = await startDouble("prometheus");
});
afterAll(async () => {
  await prom?.stop();
});

const source = (promQueries: Record<string, string>, ratioUnit: "percent" | "fraction" = "fraction") =>
  prometheusSource({ metricsBaseUrl: prom.url, ratioUnit, promQueries }, 2000);

describe("Prometheus source", () => {
  it("runs one instant query per metric of the group and converts declared-fraction ratios to percent", async () => {
    await post(`${prom.url}/__double/series`, { reset: true });
    const fast = await source({ live: UP, p95_latency_ms: P95, error_rate_pct: ERR }).poll("fast");
    expect(fast).toEqual({ values: { live: 1, p95_latency_ms: 6.2, error_rate_pct: 0.3 }, errors: [] });
    const medium = await source({ cache_hit_pct: HIT, rps: RPS }).poll("medium");
    expect(medium).toEqual({ values: { cache_hit_pct: 92, rps: 120 }, errors: [] });
  });

  it("follows values changed at run time", async () => {
    await post(`${prom.url}/__double/series`, { query: P95, value: 60 });
    expect((await source({ p95_latency_ms: P95 }).poll("fast")).values.p95_latency_ms).toBe(60);
  });

  it("an empty vector is a gap (null) with the reason, never 0", async () => {
    await post(`${prom.url}/__double/series`, { query: ERR, value: null });
    const r = await source({ error_rate_pct: ERR }).poll("fast");
    expect(r.values).toEqual({ error_rate_pct: null });
    expect(r.errors[0]).toMatch(/empty result/);
  });

  it("a bad_data answer (HTTP 400) is an error and a gap", async () => {
    await post(`${prom.url}/__double/series`, {
      query: "rate(x[5m]",
      value: 1,
      error: "1:11: parse error: unclosed left parenthesis",
    });
    const r = await source({ cpu_pct: "rate(x[5m]" }).poll("fast");
    expect(r.values).toEqual({ cpu_pct: null });
    expect(r.errors[0]).toMatch(/bad_data: invalid parameter "query": 1:11: parse error/);
  });

  it("several series are refused (the expression must aggregate to one)", async () => {
    await post(`${prom.url}/__double/series`, { query: "node_memory_pct", value: 40, series: 3 });
    const r = await source({ memory_pct: "node_memory_pct" }, "percent").poll("fast");
    expect(r.values).toEqual({ memory_pct: null });
    expect(r.errors[0]).toMatch(/expected one series, got 3/);
  });

  it("a fraction value from a service declared 'fraction' that exceeds 1 is refused", async () => {
    await post(`${prom.url}/__double/series`, { query: HIT, value: 92 });
    const r = await source({ cache_hit_pct: HIT }).poll("medium");
    expect(r.values).toEqual({ cache_hit_pct: null });
    expect(r.errors[0]).toMatch(/outside 0–1/);
  });

  it("an unreachable Prometheus is an error for each metric", async () => {
    const r = await prometheusSource(
      { metricsBaseUrl: "http://127.0.0.1:1", ratioUnit: "percent", promQueries: { live: UP } },
      500,
    ).poll("fast");
    expect(r.values).toEqual({ live: null });
    expect(r.errors[0]).toMatch(/live \(up\{job="api-optimizer"\}\): /);
  });
});
