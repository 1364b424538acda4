import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { testActor } from "@/lib/testing/actors";
import { post, startDouble, type Proc } from "@/lib/testing/spawn";
import { createWatchedService } from "@/lib/testing/watched-service";

setupAppDatabase();

let optimizer: Proc & { url: string };
let incidentId: number;
let runId: number;
const riley = testActor("responder", "Riley Responder");
const sam = testActor("responder", "Sam Second");

async function hits(): Promise<Record<string, number>> {
  return (await (await fetch(`${optimizer.url}/__double/requests`)).json()) as Record<string, number>;
}

beforeAll(async () => {
  optimizer = await startDouble("optimizer", ["--noise", "0"]);
  await post(`${optimizer.url}/__double/scenario`, { name: "latency_spike" });
  await createWatchedService("api-optimizer", { metricsBaseUrl: optimizer.url });
  const { declareIncident } = await import("@/lib/incidents/commands");
  const { startSeverityPlaybook } = await import("./runs");
  incidentId = (
    await declareIncident({ title: "p95 up", severity: "SEV1", service: "api-optimizer", summary: "" }, riley)
  ).id;
  runId = (await startSeverityPlaybook(incidentId, riley)).id;
}, 60_000);

afterAll(async () => {
  await optimizer?.stop();
});

describe("running one playbook step twice at once", () => {
  it("makes one probe of each of Step 1's six metrics, one timeline event, and both callers get that result", async () => {
    const { runStep } = await import("./execute");
    const { getDb } = await import("@/lib/db/client");
    await fetch(`${optimizer.url}/__double/requests`, { method: "DELETE" });

    const ref = { runId, stepId: "step-1-assess", seenAttempt: 0 };
    const [a, b] = await Promise.all([runStep(ref, riley), runStep(ref, sam)]);

    expect(await hits()).toEqual({
      "GET /health/live": 1,
      "GET /health/ready": 1,
      "GET /metrics/performance": 3,
      "GET /alerts/active": 1,
    });
    const events = await getDb().timelineEvent.findMany({ where: { incidentId, kind: "playbook_step" } });
    expect(events).toHaveLength(1);
    expect([a.ranByMe, b.ranByMe].sort()).toEqual([false, true]);
    expect(a.outcome).toBe(b.outcome);
    expect(a.eventId).toBe(events[0]!.id);
    expect(a.state).toBe("done");
    expect(a.outcome).toContain("p95 60 ms > 50 ms");
    expect(events[0]!.body).toContain("p95 60 ms > 50 ms");
  }, 30_000);

  it("a late second press with the attempt it saw returns the result without probing again", async () => {
    const { runStep } = await import("./execute");
    await fetch(`${optimizer.url}/__double/requests`, { method: "DELETE" });
    const again = await runStep({ runId, stepId: "step-1-assess", seenAttempt: 0 }, sam);
    expect(again.ranByMe).toBe(false);
    expect(again.attempt).toBe(1);
    expect(await hits()).toEqual({});
  });

  it("the high-latency rule points to the emergency rollback at p95 60 ms", async () => {
    const { runStep } = await import("./execute");
    const r = await runStep({ runId, stepId: "latency-recommendation", seenAttempt: 0 }, riley);
    expect(r.outcome).toBe("p95 60 ms > 50 ms → CRITICAL: Consider immediate rollback");
    expect((r.result as { branch: { do: string } }).branch.do).toBe("emergency-rollback");
  });
});
