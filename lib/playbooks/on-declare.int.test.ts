import { beforeAll, describe, expect, it } from "vitest";

import type { MetricValues } from "@/lib/metrics/store";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { createWatchedService } from "@/lib/testing/watched-service";

// Every way an incident gets declared — the declare form, the tracker's auto-declare, the
// overview's "Declare incident" from the signal, an Alertmanager alert under the "declare"
// policy — starts the SEV's playbook (runbook 001 · Severity Levels).
let tracker: typeof import("@/lib/severity/tracker");
let store: typeof import("@/lib/metrics/store");
let getDb: typeof import("@/lib/db/client").getDb;

const HEALTHY: MetricValues = { live: 1, p95_latency_ms: 5, error_rate_pct: 0.1, cache_hit_pct: 90 };
const T0 = Date.UTC(2026, 10, 28, 4, 0, 0);
let slot = 0;
async function poll(serviceId: number, values: MetricValues) {
  const at = new Date(T0 + ++slot * 30_000);
  await store.recordSamples({ serviceId, at, values: { ...HEALTHY, ...values } });
  return tracker.evaluateService(serviceId, at);
}

const runsOf = (incidentId: number) =>
  getDb().playbookRun.findMany({
    where: { incidentId },
    select: { playbookId: true, status: true, startedBy: true, steps: { select: { stepId: true } } },
  });

setupAppDatabase();
beforeAll(async () => {
  // What the collector and console processes load at start (registers the declaration hook).
  await import("@/lib/boot/metrics");
  tracker = await import("@/lib/severity/tracker");
  store = await import("@/lib/metrics/store");
  getDb = (await import("@/lib/db/client")).getDb;
});

describe("declared incidents start their SEV's playbook", () => {
  it("runs the SEV-0 playbook on an incident auto-declared by the tracker", async () => {
    const svc = await createWatchedService("auto-down", { autoDeclare: true });
    expect((await poll(svc.id, { live: 0 })).declaredIncidentId).toBeNull();
    const raised = await poll(svc.id, { live: 0 });
    expect(raised).toMatchObject({ level: "SEV0", changed: true });
    expect(raised.declaredIncidentId).not.toBeNull();

    const runs = await runsOf(raised.declaredIncidentId!);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      playbookId: "sev-0",
      status: "active",
      startedBy: tracker.AUTO_ACTOR.name,
    });
    expect(runs[0]!.steps.length).toBeGreaterThan(0);
  });

  it("runs the SEV-2 playbook on an incident declared from the overview's signal", async () => {
    const svc = await createWatchedService("signal-slow");
    await poll(svc.id, { cache_hit_pct: 55 });
    expect((await poll(svc.id, { cache_hit_pct: 55 })).level).toBe("SEV2");
    const actor = { ...tracker.AUTO_ACTOR, id: "u-1", name: "Casey Commander", via: "oidc" as const };
    const { id } = await tracker.declareFromSignal(svc.id, actor);
    expect(await runsOf(id)).toMatchObject([{ playbookId: "sev-2", startedBy: "Casey Commander" }]);
  });

  it("runs the alert's SEV playbook on an incident an Alertmanager alert declared", async () => {
    const svc = await createWatchedService("alerted-api");
    const { setAlertPolicy } = await import("@/lib/alerts/policy");
    const { receiveAlerts } = await import("@/lib/alerts/intake");
    await setAlertPolicy(svc.id, "declare");
    const result = await receiveAlerts({
      receiver: "firebreak",
      status: "firing",
      alerts: [
        {
          status: "firing",
          labels: { alertname: "HighErrorRate", service: "alerted-api", sev: "SEV1" },
          annotations: { summary: "error rate 7 %" },
          startsAt: new Date(T0).toISOString(),
          fingerprint: "on-declare-0001",
        },
      ],
    });
    expect(result.declared).toHaveLength(1);
    expect(await runsOf(result.declared[0]!)).toMatchObject([
      { playbookId: "sev-1", startedBy: "Alertmanager" },
    ]);
  });
});
