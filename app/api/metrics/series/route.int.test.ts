import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { createWatchedService } from "@/lib/testing/watched-service";
import { testActor } from "@/lib/testing/actors";

// Route handlers ask who is calling; these tests call as a signed-in responder.
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => ({ name: "Dana", roles: ["responder"] }) }));

let GET: typeof import("./route").GET;
let loadPanel: typeof import("@/lib/dashboards/load-panel").loadPanel;
let getDb: typeof import("@/lib/db/client").getDb;
const NOW = Date.now();

function get(query: string) {
  return GET(new Request(`http://localhost/api/metrics/series?${query}`));
}

setupAppDatabase();

beforeAll(async () => {
  ({ GET } = await import("./route"));
  ({ loadPanel } = await import("@/lib/dashboards/load-panel"));
  ({ getDb } = await import("@/lib/db/client"));
  const { recordSamples } = await import("@/lib/metrics/store");
  const { declareIncident } = await import("@/lib/incidents/commands");
  const { id: serviceId } = await createWatchedService("charted", {
    thresholdOverrides: { p95_latency_ms: { warning: 20 } },
  });
  // A month of sparse p95 samples, then 20 minutes of 30 s samples with one failed poll (null).
  const start = NOW - 31 * 86_400_000;
  for (let t = start; t <= NOW; t += 6 * 3_600_000)
    await recordSamples({ serviceId, at: new Date(t), values: { p95_latency_ms: 5 } });
  for (let i = 0; i < 40; i++) {
    const at = new Date(NOW - (40 - i) * 30_000);
    await recordSamples({ serviceId, at, values: { p95_latency_ms: i === 20 ? null : 8 + i } });
  }
  const { id } = await declareIncident(
    { title: "Slow", severity: "SEV2", service: "charted" },
    testActor("responder", "Dana"),
  );
  await getDb().actionRun.create({
    data: {
      incidentId: id,
      kind: "rollback",
      actor: "Dana",
      service: "charted",
      namespace: "default",
      targetKind: "Service",
      targetName: "charted",
      desired: "version=stable",
      idempotencyKey: "test-rollback",
      kubectlCommand: "kubectl patch service charted ...",
      outcome: "succeeded",
    },
  });
});

describe("GET /api/metrics/series", () => {
  it("answers 400 with the problem for bad or missing parameters", async () => {
    for (const q of [
      "service=charted&panel=latency&range=2h",
      "service=charted&panel=disk&range=1h",
      "panel=latency&range=1h",
      "service=charted&panel=latency&range=1h&x=1",
    ]) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect((await res.json()).issues.length, q).toBeGreaterThan(0);
    }
  });

  it("answers 404 for a service not under watch", async () => {
    expect((await get("service=nope&panel=latency&range=1h")).status).toBe(404);
  });

  it("sends at most 1000 points over 30 days, with the service's thresholds", async () => {
    const res = await get("service=charted&panel=latency&range=30d");
    expect(res.status).toBe(200);
    const body = await res.json();
    const [chart] = body.charts;
    expect(chart.unit).toBe("ms");
    expect(chart.points.length).toBeGreaterThan(100);
    expect(chart.points.length).toBeLessThanOrEqual(1000);
    expect(chart.thresholds.map((t: { label: string }) => t.label)).toEqual([
      "warning 20 ms",
      "critical 50 ms",
    ]);
  });

  it("lets a 30-day chart be kept until its bucket ends (a revalidation in the bucket is a 304 without a read), never a short range", async () => {
    const first = await get("service=charted&panel=latency&range=30d");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"charted:latency:30d:\d+"$/);
    const maxAge = Number(/max-age=(\d+)/.exec(first.headers.get("cache-control") ?? "")?.[1]);
    expect(first.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(45 * 60);
    const again = await GET(
      new Request("http://localhost/api/metrics/series?service=charted&panel=latency&range=30d", {
        headers: { "if-none-match": etag! },
      }),
    );
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    const short = await get("service=charted&panel=latency&range=1h");
    expect(short.headers.get("etag")).toBeNull();
    expect(short.headers.get("cache-control")).toMatch(/no-store/);
  });

  it("keeps a failed poll as a gap (null) and marks the incident and its action", async () => {
    const body = await (await get("service=charted&panel=latency&range=15m")).json();
    const points = body.charts[0].points as Array<{ t: number; v: number | null }>;
    expect(points.some((p) => p.v === null)).toBe(true);
    expect(points.filter((p) => p.v !== null).every((p) => p.v !== 0)).toBe(true);
    expect(body.markers.map((m: { kind: string; label: string }) => `${m.kind}: ${m.label}`)).toEqual([
      expect.stringMatching(/^incident_start: #\d+ SEV-2 declared$/),
      "action: rollback charted (succeeded)",
    ]);
  });

  it("draws each system chart's warning and critical lines from the catalog", async () => {
    const body = await (await get("service=charted&panel=system&range=1h")).json();
    expect(
      body.charts.map((c: { id: string; thresholds: Array<{ value: number }> }) => [
        c.id,
        c.thresholds.map((t) => t.value),
      ]),
    ).toEqual([
      ["cpu_pct", [70, 90]],
      ["memory_pct", [80, 95]],
      ["disk_pct", [80, 95]],
      ["open_connections_pct", [80, 95]],
    ]);
  });
});

describe("retries panel", () => {
  it("plots one point per scanner run: retry ratio, and error pressure in percent", async () => {
    const { ingestScannerReport } = await import("@/lib/scanner/ingest");
    const text = readFileSync("lib/scanner/fixtures/report-pretty.json", "utf8");
    await ingestScannerReport(text, { kind: "upload", name: "report-pretty.json" }, "Dana");
    const data = await loadPanel("charted", "retries", "1h", new Date("2026-04-03T12:30:00Z"));
    const [retry, pressure] = data.charts;
    expect(retry?.points).toHaveLength(1);
    expect(retry?.points[0]?.v).toBeCloseTo(37 / 412);
    expect(retry?.thresholds.map((t) => t.value)).toEqual([0.2, 0.35]);
    expect(pressure?.unit).toBe("%");
    expect(pressure?.thresholds.map((t) => t.value)).toEqual([2, 5]);
  });
});
