import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

import { freePort, post, startDouble, waitFor, type Proc } from "@/lib/testing/spawn";

// The collector against the optimizer double as a real process and a real Postgres.
let db: TestDatabase;
let double: Proc & { url: string };
let fractionDouble: Proc & { url: string };
let collector: typeof import("./collector");
let store: typeof import("./store");
let services: typeof import("@/lib/services/commands");

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.COLLECTOR_INTERVAL_SCALE = "0.05"; // fast group every 1.5 s
  [double, fractionDouble] = await Promise.all([
    startDouble("optimizer", ["--noise", "0"]),
    startDouble("optimizer", ["--noise", "0", "--unit", "fraction"]),
  ]);
  collector = await import("./collector");
  store = await import("./store");
  services = await import("@/lib/services/commands");
});

afterAll(async () => {
  await Promise.all([double?.stop(), fractionDouble?.stop()]);
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await db?.drop();
});

beforeEach(async () => {
  await post(`${double.url}/__double/scenario`, { name: "healthy" });
  await fetch(`${double.url}/__double/faults`, { method: "DELETE" });
});

let n = 0;
async function service(baseUrl: string, ratioUnit: "percent" | "fraction" = "percent") {
  n++;
  return services.createService({
    name: `svc-${n}`,
    metricsSource: "optimizer",
    metricsBaseUrl: baseUrl,
    promQueries: {},
    ratioUnit,
    thresholdOverrides: {},
    k8sNamespace: "default",
    k8sDeployment: `svc-${n}`,
    k8sService: `svc-${n}`,
    selectorLabel: "version",
    stableValue: "stable",
    autoDeclare: false,
  });
}

const at = (i: number) => new Date(Date.UTC(2026, 10, 20, 0, 0, 0) + i * 30_000);
const errorsOf = async (serviceId: number) =>
  (await store.listPollErrors({ serviceId, from: at(-1), to: at(100) })).map((e) => e.error).join("\n");

describe("collector: optimizer source", () => {
  it("stores every group's metrics from the double, in canonical units", async () => {
    const s = await service(double.url);
    for (const g of ["fast", "medium", "slow"] as const) await collector.pollServiceOnce(s, g, at(0), 2000);
    expect((await store.latestValues(s.id)).values).toEqual({
      live: 1,
      p95_latency_ms: 6,
      error_rate_pct: 0.3,
      cache_hit_pct: 92,
      rps: 120,
      cpu_pct: 35,
      memory_pct: 45,
      disk_pct: 40,
      open_connections_pct: 22,
    });
    expect(await errorsOf(s.id)).toBe("");
  });

  it("outage: live = 0 and the other metrics are gaps (null), with the reason recorded", async () => {
    const s = await service(double.url);
    await collector.pollServiceOnce(s, "fast", at(0), 2000);
    await post(`${double.url}/__double/scenario`, { name: "outage" });
    await collector.pollServiceOnce(s, "fast", at(1), 2000);
    const latest = await store.latestValues(s.id);
    expect(latest.values).toEqual({
      live: 0,
      p95_latency_ms: null,
      error_rate_pct: null,
      cpu_pct: null,
      memory_pct: null,
    });
    const series = await store.querySeries({
      serviceId: s.id,
      metric: "p95_latency_ms",
      from: at(0),
      to: at(1),
    });
    const valueAt = (t: Date) =>
      series.points.find((p) => p.t <= t.getTime() && t.getTime() < p.t + series.bucketMs)?.v;
    expect(valueAt(at(0))).toBe(6);
    expect(valueAt(at(1))).toBeNull(); // "no data", not 0
    expect(await errorsOf(s.id)).toMatch(
      /\/health\/live answered 503[\s\S]*HTTP 503|HTTP 503[\s\S]*\/health\/live answered 503/,
    );
  });

  it("unreachable service: live = 0 (the runbook's curl prints 000 ≠ 200), metrics are gaps", async () => {
    const s = await service(`http://127.0.0.1:${await freePort()}`); // nothing listens there
    await collector.pollServiceOnce(s, "fast", at(0), 1000);
    expect((await store.latestValues(s.id)).values).toEqual({
      live: 0,
      p95_latency_ms: null,
      error_rate_pct: null,
      cpu_pct: null,
      memory_pct: null,
    });
    // No internal address or port in the message (lib/net), only what happened.
    expect(await errorsOf(s.id)).toMatch(/\/metrics\/performance: connection refused/);
    expect(await errorsOf(s.id)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });

  it("a malformed answer is an error and a gap, never a zero; other endpoints still count", async () => {
    const s = await service(double.url);
    await post(`${double.url}/__double/faults`, {
      path: "/metrics/performance",
      mode: "malformed",
      times: 1,
    });
    await collector.pollServiceOnce(s, "fast", at(0), 2000);
    expect((await store.latestValues(s.id)).values).toEqual({
      live: 1,
      p95_latency_ms: null,
      error_rate_pct: null,
      cpu_pct: 35,
      memory_pct: 45,
    });
    expect(await errorsOf(s.id)).toMatch(/\/metrics\/performance: answered 200 with a body that is not JSON/);
    expect(await errorsOf(s.id)).not.toContain("truncated"); // the body is never quoted
  });

  it("a hanging endpoint times out within the collector timeout and is a gap", async () => {
    const s = await service(double.url);
    await post(`${double.url}/__double/faults`, { path: "/metrics/system", mode: "hang", times: 1 });
    const started = Date.now();
    await collector.pollServiceOnce(s, "fast", at(0), 500);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await store.latestValues(s.id)).values).toMatchObject({
      p95_latency_ms: 6,
      cpu_pct: null,
      memory_pct: null,
    });
    expect(await errorsOf(s.id)).toMatch(/\/metrics\/system: timed out/);
  });

  it("converts by the DECLARED unit: fraction → percent; a fraction declared as percent stays as sent", async () => {
    const declaredFraction = await service(fractionDouble.url, "fraction");
    const declaredPercent = await service(fractionDouble.url, "percent");
    for (const s of [declaredFraction, declaredPercent])
      await collector.pollServiceOnce(s, "medium", at(0), 2000);
    expect((await store.latestValues(declaredFraction.id)).values.cache_hit_pct).toBe(92);
    // The pinned mismatch: 0.92 read as 0.92 % (the runbook's own bash would say CRITICAL too).
    expect((await store.latestValues(declaredPercent.id)).values.cache_hit_pct).toBe(0.92);
  });

  it("startCollector leads, stamps samples at slot starts and calls the SEV evaluation after fast polls", async () => {
    const s = await service(double.url);
    const evaluated: number[] = [];
    const c = collector.startCollector({
      databaseUrl: db.url,
      timeoutMs: 1000,
      retentionDays: 30,
      leaderCheckMs: 200,
      afterFastPoll: async (id) => void evaluated.push(id),
      log: () => {},
    });
    try {
      await waitFor(async () => evaluated.filter((id) => id === s.id).length >= 2, 15_000, "two fast polls");
      expect(c.isLeader()).toBe(true);
      const series = await store.querySeries({
        serviceId: s.id,
        metric: "live",
        from: new Date(Date.now() - 60_000),
        to: new Date(),
      });
      expect(series.bucketMs).toBe(1500);
      const { getDb } = await import("@/lib/db/client");
      const rows = await getDb().metricSample.findMany({ where: { serviceId: s.id, metric: "live" } });
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const r of rows) expect(r.at.getTime() % 1500).toBe(0);
    } finally {
      await c.stop();
    }
    expect(c.isLeader()).toBe(false);
  });

  it("stops collecting the moment its lock connection dies, and leads again once it re-takes the lock", async () => {
    const logs: string[] = [];
    const c = collector.startCollector({
      databaseUrl: db.url,
      timeoutMs: 1000,
      retentionDays: 30,
      leaderCheckMs: 300,
      afterFastPoll: async () => {},
      log: (m) => logs.push(m),
    });
    const { getDb } = await import("@/lib/db/client");
    try {
      await waitFor(async () => c.isLeader(), 10_000, "leadership");
      const { COLLECTOR_LOCK_KEY } = await import("./leader-lock");
      await getDb()
        .$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = ${COLLECTOR_LOCK_KEY}::oid`;
      await waitFor(async () => !c.isLeader(), 5_000, "leadership lost");
      expect(logs.join("\n")).toMatch(/lost leadership/);
      await waitFor(async () => c.isLeader(), 10_000, "leadership re-taken");
    } finally {
      await c.stop();
    }
  });
});
