import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

import {
  countRealPatches,
  declareTestIncident,
  doubleControl,
  readServiceVersion,
  registerDemoService,
  startLiveEndpoint,
  TEST_ACTOR,
} from "@/lib/testing/remediation";
import { testActor } from "@/lib/testing/actors";

let db: TestDatabase;
let kube: RunningKubeDouble;
let live: Awaited<ReturnType<typeof startLiveEndpoint>>;
let actions: typeof import("./run-action");
let store: typeof import("./store");

beforeAll(async () => {
  [db, kube, live] = await Promise.all([
    createTestDatabase(),
    startKubeDouble({ readyDelayMs: 100 }),
    startLiveEndpoint(),
  ]);
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "3000",
    ACTION_VERIFY_INTERVAL_MS: "100",
    ACTION_VERIFY_TIMEOUT_MS: "15000",
  });
  actions = await import("./run-action");
  store = await import("./store");
  await registerDemoService(live.url);
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await Promise.all([db?.drop(), kube?.stop(), live?.stop()]);
});

beforeEach(async () => {
  await doubleControl(kube.url, "reset");
});

async function timelineOf(incidentId: number) {
  const { getDb } = await import("@/lib/db/client");
  return getDb().timelineEvent.findMany({ where: { incidentId, kind: "action" }, orderBy: { id: "asc" } });
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

describe("emergency rollback against the Kubernetes API double", () => {
  it("switches the service to stable, writes the audit row and timeline event, then verifies", async () => {
    const incidentId = await declareTestIncident();
    expect(await readServiceVersion(kube.url)).toBe("new");
    const result = await actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR);
    expect(result.status).toBe("done");
    expect(await readServiceVersion(kube.url)).toBe("stable");
    const runs = await store.listRuns({ incidentId });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      outcome: "succeeded",
      actor: "alice",
      diff: [{ path: "version", before: "new", after: "stable" }],
    });
    expect(runs[0]!.kubectlCommand).toContain(`patch service api-optimizer -n default --type=json`);
    expect(runs[0]!.durationMs).toBeGreaterThanOrEqual(0);
    const events = await timelineOf(incidentId);
    expect(events[0]!.body).toMatch(
      /Emergency rollback #\d+ by alice succeeded in \d+ ms — version: new → stable/,
    );

    const verified = await waitFor(
      () => store.getRun(runs[0]!.id),
      (r) => r?.verification !== "verifying",
    );
    expect(verified).toMatchObject({ verification: "verified" });
    expect(verified!.verifyDetail).toMatch(
      /verified in [\d.]+ s: 3\/3 endpoints on ready stable pods, \/health\/live 200/,
    );
    expect((await timelineOf(incidentId)).at(-1)!.body).toMatch(/verified in/);
  });

  it("makes exactly one PATCH for 20 concurrent submissions; 19 answer already done", async () => {
    const incidentId = await declareTestIncident();
    await doubleControl(kube.url, "requests", "DELETE");
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false }),
      ),
    );
    expect(results.filter((r) => r.status === "done")).toHaveLength(1);
    const repeats = results.filter((r) => r.status === "already_done");
    expect(repeats).toHaveLength(19);
    for (const r of repeats)
      expect(r.status === "already_done" && r.message).toMatch(/already done by alice at \d\d:\d\d:\d\d UTC/);
    expect(await countRealPatches(kube.url, "/services/api-optimizer")).toBe(1);
    expect(await store.listRuns({ incidentId })).toHaveLength(1);
  });

  it("makes one change when responders on two incidents of the service act at once", async () => {
    const [first, second] = await Promise.all([
      declareTestIncident("First bridge"),
      declareTestIncident("Second bridge"),
    ]);
    await doubleControl(kube.url, "requests", "DELETE");
    const bob = testActor("responder", "bob");
    const results = await Promise.all([
      actions.runAction({ incidentId: first, kind: "rollback" }, TEST_ACTOR, { verify: false }),
      actions.runAction({ incidentId: second, kind: "rollback" }, bob, { verify: false }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["already_done", "done"]);
    expect(await countRealPatches(kube.url, "/services/api-optimizer")).toBe(1);
  });

  it.each([
    ["a 500", { kind: "status", status: 500 }, /Kubernetes API failed \(500/],
    ["a 409", { kind: "status", status: 409 }, /changed the object first \(409/],
    [
      "a timeout",
      { kind: "timeout" },
      /did not answer within 3 s \(patch service default\/api-optimizer\)\. The cluster shows the change did not land \(the Service selects version=new\): nothing was changed\./,
    ],
  ])(
    "records %s as failed, leaves the service unchanged, and a retry succeeds",
    async (_name, fault, message) => {
      const incidentId = await declareTestIncident();
      await doubleControl(kube.url, "faults", "POST", {
        ...fault,
        method: "PATCH",
        path: "/services/api-optimizer",
        times: 1,
      });
      await expect(
        actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false }),
      ).rejects.toThrow(message);
      expect(await readServiceVersion(kube.url)).toBe("new");
      const [failed] = await store.listRuns({ incidentId });
      expect(failed).toMatchObject({ outcome: "failed", error: expect.stringMatching(message) });
      expect((await timelineOf(incidentId))[0]!.body).toMatch(/FAILED/);

      const retry = await actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false });
      expect(retry.status).toBe("done");
      expect(await readServiceVersion(kube.url)).toBe("stable");
      expect((await store.listRuns({ incidentId })).map((r) => r.outcome)).toEqual(["succeeded", "failed"]);
    },
  );

  it("refuses to overwrite a selector someone else changed after the plan (json-patch test op)", async () => {
    const incidentId = await declareTestIncident();
    await doubleControl(kube.url, "requests", "DELETE");
    await doubleControl(kube.url, "faults", "POST", {
      kind: "latency",
      ms: 1000,
      method: "PATCH",
      path: "/services/api-optimizer",
      times: 1,
    });
    const pending = actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false });
    // Once Firebreak's PATCH is held by the double, someone else changes the selector.
    while ((await countRealPatches(kube.url, "/services/api-optimizer")) === 0)
      await new Promise((r) => setTimeout(r, 20));
    const res = await fetch(`${kube.url}/api/v1/namespaces/default/services/api-optimizer`, {
      method: "PATCH",
      headers: { "content-type": "application/merge-patch+json" },
      body: JSON.stringify({ spec: { selector: { version: "canary" } } }),
    });
    expect(res.ok).toBe(true);
    await expect(pending).rejects.toThrow(/\((409|422), patch service default\/api-optimizer\)/);
    expect(await readServiceVersion(kube.url)).toBe("canary");
    expect((await store.listRuns({ incidentId }))[0]).toMatchObject({ outcome: "failed" });
  });

  it("answers already done when the service already selects stable", async () => {
    const first = await declareTestIncident();
    await actions.runAction({ incidentId: first, kind: "rollback" }, TEST_ACTOR, { verify: false });
    const second = await declareTestIncident("Another responder");
    const result = await actions.runAction(
      { incidentId: second, kind: "rollback" },
      testActor("responder", "bob"),
      { verify: false },
    );
    expect(result).toMatchObject({ status: "already_done", by: "alice" });
    expect(await store.listRuns({ incidentId: second })).toHaveLength(0);
  });
});
