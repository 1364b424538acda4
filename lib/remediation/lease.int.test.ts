// Nothing stuck, nothing lost: an action run whose process died is reconciled from the live
// cluster object by the next request; a change that landed while the database failed is
// reported as landed and recorded once the database answers.
import { spawn } from "node:child_process";

import pg from "pg";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";

import { pgAdminUrl } from "@/lib/testing/pg-admin";
import {
  declareTestIncident,
  doubleControl,
  patchInDouble,
  readServiceVersion,
  TEST_ACTOR,
} from "@/lib/testing/remediation";
import { setupRemediationHarness } from "@/lib/testing/remediation-harness";

const h = setupRemediationHarness();
let actions: typeof import("./run-action");
let store: typeof import("./store");

beforeAll(async () => {
  actions = await import("./run-action");
  store = await import("./store");
});

async function rollbackKey(): Promise<string> {
  const svc = (await (
    await fetch(`${h.kube.url}/api/v1/namespaces/default/services/api-optimizer`)
  ).json()) as {
    metadata: { resourceVersion: string };
  };
  return `rollback:default/api-optimizer:version=stable@${svc.metadata.resourceVersion}`;
}

async function claimExpired(incidentId: number, key: string) {
  const claim = await store.claimRun({
    incidentId,
    kind: "rollback",
    actor: "bob",
    service: "api-optimizer",
    namespace: "default",
    targetKind: "Service",
    targetName: "api-optimizer",
    desired: "version=stable",
    idempotencyKey: key,
    params: { selectorLabel: "version", from: "new", to: "stable" },
    kubectlCommand: "",
    leaseMs: 1,
    leaseOwner: "gone:1",
  });
  await new Promise((r) => setTimeout(r, 20));
  return claim!.id;
}

const timeline = async (incidentId: number) => {
  const { getDb } = await import("@/lib/db/client");
  return getDb().timelineEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
};

describe("action leases", () => {
  it("a run left pending whose change never landed is recorded as failed, and the rollback proceeds", async () => {
    const incidentId = await declareTestIncident();
    const stuck = await claimExpired(incidentId, await rollbackKey());
    const result = await actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false });
    expect(result.status).toBe("done");
    expect(result.notices).toEqual([
      expect.stringMatching(/#\d+ by bob: .*did not land .*recorded as failed/),
    ]);
    expect(await readServiceVersion(h.kube.url)).toBe("stable");
    expect(await store.getRun(stuck)).toMatchObject({ outcome: "failed" });
    const bodies = (await timeline(incidentId)).map((e) => e.body);
    expect(bodies.filter((b) => /did not land/.test(b ?? ""))).toHaveLength(1);
  });

  it("a periodic sweep settles expired runs on any target, once", async () => {
    const incidentId = await declareTestIncident();
    const stuck = await claimExpired(incidentId, await rollbackKey());
    const { reconcileAllExpiredRuns } = await import("./reconcile");
    expect(await reconcileAllExpiredRuns()).toEqual([expect.stringMatching(/#\d+ by bob: .*did not land/)]);
    expect(await reconcileAllExpiredRuns()).toEqual([]);
    expect(await store.getRun(stuck)).toMatchObject({ outcome: "failed" });
  });

  it("a run left pending whose change landed is recorded as done with the observed diff", async () => {
    const incidentId = await declareTestIncident();
    const stuck = await claimExpired(incidentId, await rollbackKey());
    // Its process sent the PATCH, then died before recording it.
    await patchInDouble(
      h.kube.url,
      "/api/v1/namespaces/default/services/api-optimizer",
      "application/json-patch+json",
      [{ op: "replace", path: "/spec/selector/version", value: "stable" }],
    );
    const result = await actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false });
    expect(result).toMatchObject({ status: "already_done", by: "bob" });
    expect(result.notices).toEqual([expect.stringMatching(/change landed .*recorded as done/)]);
    expect(await store.getRun(stuck)).toMatchObject({
      outcome: "succeeded",
      diff: [{ path: "version", before: "new", after: "stable" }],
    });
  });

  it("a Firebreak process SIGKILLed holding a run: the next rollback reconciles it once the lease runs out", async () => {
    const incidentId = await declareTestIncident();
    // node itself (tsx as a loader, not its wrapper process), so SIGKILL hits the claimer.
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=react-server",
        "lib/testing/claim-and-hang.ts",
        String(incidentId),
        await rollbackKey(),
        "1500",
      ],
      { env: { ...process.env, DATABASE_URL: h.db.url }, stdio: ["ignore", "pipe", "pipe"] },
    );
    onTestFinished(() => void (child.exitCode === null && child.kill("SIGKILL")));
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const runId = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        const m = /"claimed":(\d+)/.exec(c.toString());
        if (m) resolve(Number(m[1]));
      });
      child.once("exit", (code) => reject(new Error(`claimer exited ${code}: ${err}`)));
    });
    // While it lives, it renews the lease: the run is "in progress", not reconcilable.
    await new Promise((r) => setTimeout(r, 1800));
    expect(await store.findExpiredRuns({ namespace: "default", targetName: "api-optimizer" })).toEqual([]);
    child.kill("SIGKILL");
    await expect
      .poll(() => store.findExpiredRuns({ namespace: "default", targetName: "api-optimizer" }), {
        timeout: 5000,
      })
      .toHaveLength(1);
    const result = await actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false });
    expect(result.status).toBe("done");
    expect(result.notices[0]).toMatch(/killed-process.*did not land/);
    expect(await store.getRun(runId)).toMatchObject({ outcome: "failed" });
    expect(await readServiceVersion(h.kube.url)).toBe("stable");
  }, 60_000);

  it("a change that landed while the database failed says so, then is recorded once the database is back", async () => {
    const incidentId = await declareTestIncident();
    await doubleControl(h.kube.url, "faults", "POST", {
      kind: "latency",
      ms: 1500,
      method: "PATCH",
      path: "/services/api-optimizer",
      times: 1,
    });
    const admin = new pg.Client({ connectionString: pgAdminUrl() });
    await admin.connect();
    try {
      const running = actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false });
      // The PATCH is in flight: take the database away.
      await expect
        .poll(
          async () =>
            ((await doubleControl(h.kube.url, "requests?method=PATCH", "GET")) as { requests: [] }).requests,
        )
        .toHaveLength(1);
      await admin.query(`ALTER DATABASE ${h.db.name} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
        h.db.name,
      ]);
      const result = await running;
      expect(result.status).toBe("landed_unrecorded");
      expect(result.status === "landed_unrecorded" && result.message).toMatch(
        /landed in the cluster .*recording it is pending/,
      );
      expect(await readServiceVersion(h.kube.url)).toBe("stable");
    } finally {
      await admin.query(`ALTER DATABASE ${h.db.name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await expect
      .poll(async () => (await store.listRuns({ incidentId }))[0]?.outcome, { timeout: 15_000 })
      .toBe("succeeded");
    const events = (await timeline(incidentId)).filter((e) =>
      /Emergency rollback #\d+ by alice succeeded/.test(e.body ?? ""),
    );
    expect(events).toHaveLength(1);
  });
});
