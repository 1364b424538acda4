import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startPrometheus, type Running } from "@/lib/testing/monitoring";
import { startDouble, waitFor, type Proc } from "@/lib/testing/spawn";

import { prometheusSource } from "./prometheus";

// The Prometheus source against the real Prometheus server scraping the optimizer double's
// /metrics (the double of Prometheus stays for injecting faults: prometheus.int.test.ts).
let optimizer: Proc & { url: string; port: number };
let prom: Running;

const QUERIES = {
  live: 'up{job="api-optimizer"}',
  p95_latency_ms: 'api_p95_latency_ms{job="api-optimizer"}',
  error_rate_pct: 'api_error_rate_percent{job="api-optimizer"}',
  cache_hit_pct: 'api_cache_hit_ratio_percent{job="api-optimizer"}',
  rps: 'api_requests_per_second{job="api-optimizer"}',
};
const source = () =>
  prometheusSource({ metricsBaseUrl: prom.url, ratioUnit: "percent", promQueries: QUERIES }, 3000);

beforeAll(async () => {
  optimizer = await startDouble("optimizer", ["--noise", "0"]);
  prom = await startPrometheus({
    targets: [{ job: "api-optimizer", hostPort: `127.0.0.1:${optimizer.port}` }],
  });
}, 60_000);
afterAll(async () => {
  await prom?.stop();
  await optimizer?.stop();
});

async function scenario(name: string) {
  await fetch(`${optimizer.url}/__double/scenario`, { method: "POST", body: JSON.stringify({ name }) });
}

describe("Prometheus source against the real Prometheus", () => {
  it("reads the scraped values in the runbook's units", async () => {
    const fast = await waitFor(
      async () => {
        const r = await source().poll("fast");
        return r.errors.length === 0 && r.values.live === 1 ? r : undefined;
      },
      20_000,
      "a first scrape",
    );
    expect(fast.values).toEqual({ live: 1, p95_latency_ms: 6, error_rate_pct: 0.3 });
    expect((await source().poll("medium")).values).toEqual({ cache_hit_pct: 92, rps: 120 });
  });

  it("follows a latency spike after the next scrape", async () => {
    await scenario("latency_spike");
    const r = await waitFor(
      async () => {
        const v = (await source().poll("fast")).values.p95_latency_ms;
        return v === 60 ? v : undefined;
      },
      20_000,
      "p95 = 60 ms",
    );
    expect(r).toBe(60);
  });

  it("sees an outage as up = 0, and a PromQL syntax error as a gap with Prometheus's reason", async () => {
    await scenario("outage");
    await waitFor(
      async () => ((await source().poll("fast")).values.live === 0 ? true : undefined),
      20_000,
      "up = 0",
    );
    const bad = await prometheusSource(
      {
        metricsBaseUrl: prom.url,
        ratioUnit: "percent",
        promQueries: { p95_latency_ms: "api_p95_latency_ms{" },
      },
      3000,
    ).poll("fast");
    expect(bad.values).toEqual({ p95_latency_ms: null });
    expect(bad.errors[0]).toMatch(/parse error|unexpected/i);
  });
});
