// The permission preview is advice, never a gate: against an API server whose access review
// fails (404 not served, 403, timeout) the preview says it could not check and the action
// still runs — the API server decides on the real request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { testActor } from "@/lib/testing/actors";
import { declareTestIncident, doubleControl, registerDemoService } from "@/lib/testing/remediation";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

let db: TestDatabase;
let kube: RunningKubeDouble;
let preview: typeof import("@/lib/remediation/preview");
let factory: typeof import("@/lib/remediation/cluster-factory");
let guarded: typeof import("./run-guarded");
const rita = testActor("responder", "Rita Responder");

beforeAll(async () => {
  [db, kube] = await Promise.all([createTestDatabase(), startKubeDouble({ readyDelayMs: 0 })]);
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "1500",
  });
  [preview, factory, guarded] = await Promise.all([
    import("@/lib/remediation/preview"),
    import("@/lib/remediation/cluster-factory"),
    import("./run-guarded"),
  ]);
  await registerDemoService("http://127.0.0.1:9");
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await Promise.all([db?.drop(), kube?.stop()]);
});

beforeEach(async () => {
  await doubleControl(kube.url, "reset");
});

describe("permission preview as advice", () => {
  it.each([
    [
      "not served (404)",
      { kind: "status", status: 404, message: "the server could not find the requested resource" },
    ],
    ["forbidden (403)", { kind: "status", status: 403 }],
    ["timing out", { kind: "timeout" }],
  ])("says 'could not check' when the review is %s, and the action still runs", async (_what, fault) => {
    const incidentId = await declareTestIncident();
    await doubleControl(kube.url, "faults", "POST", { ...fault, path: "selfsubjectaccessreviews", times: 5 });
    const cluster = factory.getClusterAs(null, rita);
    const p = await preview.previewAction({ incidentId, kind: "rollback" }, { cluster });
    expect(p.access.state).toBe("unknown");
    expect(p.access.reasons[0]).toMatch(/^Could not check; the API server will decide\./);
    expect(p.dryRunError).toBeNull();
    expect(p.diff).toEqual([{ path: "version", before: "new", after: "stable" }]);

    const run = await guarded.runGuardedAction({ incidentId, kind: "rollback" }, rita, { verify: false });
    expect(run.status).toBe("done");
  });

  it("shows an explicit denial as denied", async () => {
    const incidentId = await declareTestIncident();
    await doubleControl(kube.url, "ssar", "POST", { deny: [{ verb: "patch", resource: "services" }] });
    const p = await preview.previewAction(
      { incidentId, kind: "rollback" },
      { cluster: factory.getClusterAs(null, rita) },
    );
    expect(p.access).toMatchObject({ state: "denied", allowed: false });
  });
});
