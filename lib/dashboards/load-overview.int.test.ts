import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createWatchedService } from "@/lib/testing/watched-service";

let db: TestDatabase;
let server: Server;
let alertsUrl: string;
let loadOverview: typeof import("./load-overview").loadOverview;
let getDb: typeof import("@/lib/db/client").getDb;
let alertCalls = 0;

function addService(
  name: string,
  metricsBaseUrl: string,
  metricsSource: "optimizer" | "prometheus" = "optimizer",
) {
  return createWatchedService(name, {
    metricsSource,
    metricsBaseUrl,
    promQueries: metricsSource === "prometheus" ? { p95_latency_ms: "histogram_quantile(0.95, x)" } : {},
  });
}

beforeAll(async () => {
  // A real HTTP endpoint answering /alerts/active the way the optimizer does.
  server = createServer((req, res) => {
    alertCalls++;
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify([
        {
          name: "HighLatencyP95",
          severity: "critical",
          metric: "p95_latency",
          value: 60,
          threshold: 50,
          message: "p95 60ms > 50ms",
        },
      ]),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  alertsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  ({ loadOverview } = await import("./load-overview"));
  ({ getDb } = await import("@/lib/db/client"));
});

afterAll(async () => {
  server.close();
  await getDb().$disconnect();
  await db.drop();
});

describe("loadOverview", () => {
  it("shows each service's SEV, reasons, latest samples, sparklines and alerts — or says why not", async () => {
    const { recordSamples } = await import("@/lib/metrics/store");
    const { evaluateService } = await import("@/lib/severity/tracker");
    const hot = await addService("hot", alertsUrl);
    const down = await addService("unreachable", "http://127.0.0.1:9");
    await addService("prom", "http://127.0.0.1:9", "prometheus");
    const now = Date.now();
    for (const [i, p95] of [6, 60, 60].entries()) {
      const at = new Date(now - (3 - i) * 30_000);
      await recordSamples({
        serviceId: hot.id,
        at,
        values: { live: 1, p95_latency_ms: p95, error_rate_pct: 0.3, cache_hit_pct: 92 },
      });
      await evaluateService(hot.id, at);
    }
    await recordSamples({
      serviceId: down.id,
      at: new Date(now - 30_000),
      values: { live: 1, p95_latency_ms: null },
    });

    const data = await loadOverview(new Date(now));
    const byName = Object.fromEntries(data.services.map((s) => [s.name, s]));

    expect(byName.hot).toMatchObject({
      level: "SEV1",
      declarable: true,
      reasons: [{ level: "SEV1", text: "p95 60 ms > 50 ms" }],
    });
    const p95 = byName.hot!.sparklines.find((s) => s.metric === "p95_latency_ms");
    expect(p95?.latest).toBe(60);
    expect(p95?.points.length).toBeLessThanOrEqual(60);
    expect(p95?.points.some((p) => p.v !== null)).toBe(true);
    expect(byName.hot!.alerts).toEqual({
      ok: true,
      items: [{ name: "HighLatencyP95", severity: "critical", message: "p95 60ms > 50ms" }],
    });

    expect(byName.unreachable).toMatchObject({ level: null, evaluatedAt: null, declarable: false });
    expect(byName.unreachable!.sparklines.find((s) => s.metric === "p95_latency_ms")?.latest).toBeNull();
    expect(byName.unreachable!.alerts.ok).toBe(false);

    expect(byName.prom!.alerts.ok).toBeNull();
  });

  it("shares one /alerts/active call between overviews refreshed within a few seconds", async () => {
    const before = alertCalls;
    await Promise.all([loadOverview(), loadOverview(), loadOverview()]);
    expect(alertCalls - before).toBeLessThanOrEqual(1);
  });
});
