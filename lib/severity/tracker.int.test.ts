import { beforeAll, describe, expect, it } from "vitest";

import type { MetricValues } from "@/lib/metrics/store";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { createWatchedService } from "@/lib/testing/watched-service";
import { testActor } from "@/lib/testing/actors";

let tracker: typeof import("./tracker");
let store: typeof import("@/lib/metrics/store");
let incidents: typeof import("@/lib/incidents/queries");
let commands: typeof import("@/lib/incidents/commands");
let getDb: typeof import("@/lib/db/client").getDb;

const HEALTHY: MetricValues = {
  live: 1,
  p95_latency_ms: 5,
  error_rate_pct: 0.1,
  cache_hit_pct: 90,
  rps: 200,
  cpu_pct: 30,
  memory_pct: 40,
  disk_pct: 30,
  open_connections_pct: 20,
};
const responder = testActor("responder", "Dana On-call");
const T0 = Date.UTC(2026, 10, 23, 3, 0, 0);
let slot = 0;

async function createService(name: string, autoDeclare: boolean): Promise<number> {
  return (await createWatchedService(name, { autoDeclare })).id;
}

/** Records one 30 s poll of every metric and evaluates, as the collector does. */
async function poll(serviceId: number, values: MetricValues) {
  const at = new Date(T0 + ++slot * 30_000);
  await store.recordSamples({ serviceId, at, values: { ...HEALTHY, ...values } });
  return tracker.evaluateService(serviceId, at);
}

async function breachEvents(incidentId: number) {
  return (await incidents.listTimeline(incidentId)).filter((e) => e.kind === "metric_breach");
}

setupAppDatabase();

beforeAll(async () => {
  tracker = await import("./tracker");
  store = await import("@/lib/metrics/store");
  incidents = await import("@/lib/incidents/queries");
  commands = await import("@/lib/incidents/commands");
  getDb = (await import("@/lib/db/client")).getDb;
});

describe("evaluateService", () => {
  it("raises after two breaching samples, clears after four clean ones, and writes both on the open incident", async () => {
    const serviceId = await createService("tracked", false);
    const { id: incidentId } = await commands.declareIncident(
      { title: "Latency looks off", severity: "SEV2", service: "tracked" },
      responder,
    );

    const first = await poll(serviceId, { p95_latency_ms: 60 });
    expect(first).toMatchObject({ level: null, candidate: "SEV1", changed: false });
    const second = await poll(serviceId, { p95_latency_ms: 60 });
    expect(second).toMatchObject({ previous: null, level: "SEV1", changed: true, appendedTo: [incidentId] });
    expect(second.reasons.map((r) => r.text)).toContain("p95 60 ms > 50 ms");

    const raised = await breachEvents(incidentId);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ actor: "Firebreak (auto)", body: "SEV-1: p95 60 ms > 50 ms" });
    expect(raised[0]?.data).toMatchObject({
      from: null,
      to: "SEV1",
      snapshot: { values: { p95_latency_ms: 60 } },
    });

    for (let i = 0; i < 3; i++) expect((await poll(serviceId, {})).level).toBe("SEV1");
    const cleared = await poll(serviceId, {});
    expect(cleared).toMatchObject({ previous: "SEV1", level: null, changed: true });
    const events = await breachEvents(incidentId);
    expect(events.map((e) => e.body)).toEqual([
      "SEV-1: p95 60 ms > 50 ms",
      "SEV cleared (was SEV-1): all metrics within thresholds",
    ]);

    const state = await getDb().serviceSevState.findUniqueOrThrow({ where: { serviceId } });
    expect(state).toMatchObject({ level: null, candidate: null });
    const history = await getDb().serviceSevChange.findMany({ where: { serviceId }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.fromLevel, h.toLevel])).toEqual([
      [null, "SEV1"],
      ["SEV1", null],
    ]);
  });

  it("auto-declares one incident only, then records later changes on it", async () => {
    const serviceId = await createService("auto-svc", true);
    await poll(serviceId, { cache_hit_pct: 55 });
    const raised = await poll(serviceId, { cache_hit_pct: 55 });
    expect(raised.level).toBe("SEV2");
    expect(raised.declaredIncidentId).not.toBeNull();
    for (let i = 0; i < 3; i++) await poll(serviceId, { cache_hit_pct: 55, live: 0 });

    const open = await incidents.listOpenIncidentsForService("auto-svc");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ id: raised.declaredIncidentId, severity: "SEV2" });
    const incident = await incidents.getIncidentOrThrow(open[0]!.id);
    expect(incident).toMatchObject({ declaredBy: "Firebreak (auto)", service: "auto-svc" });
    const events = await breachEvents(open[0]!.id);
    expect(events.map((e) => e.body)).toEqual([
      "SEV-2: cache hit 55 % < 60 %",
      "SEV-0: /health/live not 200",
    ]);
  });

  it("does not auto-declare when the service has not opted in", async () => {
    const serviceId = await createService("manual-svc", false);
    await poll(serviceId, { live: 0 });
    expect((await poll(serviceId, { live: 0 })).level).toBe("SEV0");
    expect(await incidents.listOpenIncidentsForService("manual-svc")).toHaveLength(0);
  });
});

describe("declareFromSignal", () => {
  it("declares with the computed SEV and the metric snapshot as the first metric_breach event", async () => {
    const serviceId = await createService("signal-svc", false);
    await poll(serviceId, { error_rate_pct: 7 });
    await poll(serviceId, { error_rate_pct: 7 });
    const { id } = await tracker.declareFromSignal(serviceId, responder);
    const incident = await incidents.getIncidentOrThrow(id);
    expect(incident).toMatchObject({ severity: "SEV1", service: "signal-svc", declaredBy: "Dana On-call" });
    const [event] = await breachEvents(id);
    expect(event).toMatchObject({ actor: "Dana On-call", body: "SEV-1: error rate 7 % > 5 %" });
    expect(event?.data).toMatchObject({
      to: "SEV1",
      snapshot: { values: { error_rate_pct: 7, p95_latency_ms: 5 } },
    });
  });

  it("refuses below SEV-2", async () => {
    const serviceId = await createService("calm-svc", false);
    await poll(serviceId, {});
    await expect(tracker.declareFromSignal(serviceId, responder)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("setAutoDeclare", () => {
  it("turns the per-service option on and off", async () => {
    const serviceId = await createService("toggle-svc", false);
    expect(await (await import("@/lib/services/commands")).setAutoDeclare(serviceId, true)).toEqual({
      autoDeclare: true,
    });
    expect((await getDb().service.findUniqueOrThrow({ where: { id: serviceId } })).autoDeclare).toBe(true);
    expect(await (await import("@/lib/services/commands")).setAutoDeclare(serviceId, false)).toEqual({
      autoDeclare: false,
    });
  });
});
