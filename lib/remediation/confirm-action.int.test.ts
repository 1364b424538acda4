// The confirm click's server action end to end (defineAction → approvals → runAction) against
// the Kubernetes API double: its audit row is written with the run's outcome, exactly once.
import { beforeAll, describe, expect, it, vi } from "vitest";

import type { Actor } from "@/lib/auth/permissions";
import { testActor } from "@/lib/testing/actors";
import { setupRemediationHarness } from "@/lib/testing/remediation-harness";
import { declareTestIncident, doubleControl, readServiceVersion } from "@/lib/testing/remediation";

const signedIn = vi.hoisted(() => ({ actor: null as null | Actor }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => signedIn.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const h = setupRemediationHarness({ kubeTimeoutMs: 3000 });
let confirm: (input: unknown) => Promise<{ ok: boolean; error?: string; data?: unknown }>;

beforeAll(async () => {
  process.env.JOBS_ENABLED = "false"; // the rollback's verification is queued, not worked, here
  confirm = (await import("@/app/(console)/actions/actions")).runClusterActionAction;
});

async function auditRows(incidentId: number) {
  const { getDb } = await import("@/lib/db/client");
  return getDb().auditEntry.findMany({
    where: { action: "action.run", target: `incident ${incidentId}` },
    orderBy: { id: "asc" },
  });
}

async function actionEvents(incidentId: number) {
  const { getDb } = await import("@/lib/db/client");
  return getDb().timelineEvent.findMany({ where: { incidentId, kind: "action" }, orderBy: { id: "asc" } });
}

describe("the confirm click's server action", () => {
  it("rolls back with one audit row, written with the run's outcome and its timeline event", async () => {
    signedIn.actor = testActor("responder", "Alex Audit");
    const incidentId = await declareTestIncident();
    const result = await confirm({ incidentId: String(incidentId), kind: "rollback" });
    expect(result).toMatchObject({ ok: true, data: { status: "done" } });
    expect(await readServiceVersion(h.kube.url)).toBe("stable");
    const rows = await auditRows(incidentId);
    expect(rows.map((r) => [r.actorName, r.outcome, r.message])).toEqual([["Alex Audit", "ok", null]]);
    expect(rows[0]!.data).toEqual({ incidentId, kind: "rollback" });
    const events = await actionEvents(incidentId);
    expect(events[0]!.body).toMatch(/Emergency rollback #\d+ by Alex Audit succeeded/);
  });

  it("answers a repeated confirm 'already done' with its own audit row, and sends one PATCH", async () => {
    signedIn.actor = testActor("responder", "Alex Audit");
    const incidentId = await declareTestIncident();
    const input = { incidentId: String(incidentId), kind: "rollback" };
    const [a, b] = await Promise.all([confirm(input), confirm(input)]);
    const statuses = [a, b].map((r) => (r.data as { status: string }).status).sort();
    expect(statuses).toEqual(["already_done", "done"]);
    expect((await auditRows(incidentId)).map((r) => r.outcome)).toEqual(["ok", "ok"]);
  });

  it("records a failed PATCH as failed in the audit row, never as a success", async () => {
    signedIn.actor = testActor("responder", "Alex Audit");
    const incidentId = await declareTestIncident();
    await doubleControl(h.kube.url, "faults", "POST", {
      kind: "status",
      status: 500,
      method: "PATCH",
      path: "^[^?]*/services/api-optimizer(?!.*dryRun=All)",
      times: 1,
    });
    const result = await confirm({ incidentId: String(incidentId), kind: "rollback" });
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringContaining("The Kubernetes API failed (500"),
    });
    expect(await readServiceVersion(h.kube.url)).toBe("new");
    const rows = await auditRows(incidentId);
    expect(rows.map((r) => r.outcome)).toEqual(["failed"]);
    expect(rows[0]!.message).toContain("The Kubernetes API failed (500");
    expect((await actionEvents(incidentId))[0]!.body).toMatch(/FAILED/);
  });

  it("refuses a caller without cluster:act before anything runs, with no audit row", async () => {
    signedIn.actor = testActor("viewer");
    const incidentId = await declareTestIncident();
    expect((await confirm({ incidentId: String(incidentId), kind: "rollback" })).ok).toBe(false);
    expect(await readServiceVersion(h.kube.url)).toBe("new");
    expect(await auditRows(incidentId)).toEqual([]);
  });
});
