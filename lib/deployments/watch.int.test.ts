// The deployment watch against the real Kubernetes API double and optimizer double processes,
// with real Postgres and the real job queue; the one-minute interval scaled to 0.6 s by
// configuration (DEPLOY_WATCH_INTERVAL_SCALE), the code path unchanged.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { testActor } from "@/lib/testing/actors";
import { setupDeploymentHarness } from "@/lib/testing/deployment-harness";
import { doubleControl, readServiceVersion } from "@/lib/testing/remediation";
import { post, waitFor } from "@/lib/testing/spawn";

const h = setupDeploymentHarness({ ACTION_VERIFY_TIMEOUT_MS: "2000" });
let switchMod: typeof import("./switch");
let store: typeof import("./store");
let jobs: typeof import("@/lib/jobs/queue");
let getDb: typeof import("@/lib/db/client").getDb;
const COMMANDER = testActor("commander", "carol");

beforeAll(async () => {
  switchMod = await import("./switch");
  store = await import("./store");
  jobs = await import("@/lib/jobs/queue");
  getDb = (await import("@/lib/db/client")).getDb;
});

/** Traffic on the stable version before each switch (the demo cluster starts on `new`). */
async function serveStable() {
  await doubleControl(h.kube.url, "reset");
  const res = await fetch(`${h.kube.url}/api/v1/namespaces/default/services/api-optimizer`, {
    method: "PATCH",
    headers: { "content-type": "application/json-patch+json" },
    body: JSON.stringify([{ op: "replace", path: "/spec/selector/version", value: "stable" }]),
  });
  expect(res.ok).toBe(true);
}

beforeEach(async () => {
  await serveStable();
  await post(`${h.optimizer.url}/__double/scenario`, { name: "healthy" });
  await getDb().$executeRaw`UPDATE "incidents" SET "status" = 'closed'`;
});

const ended = (id: number): Promise<import("./store").WatchDto> =>
  waitFor(
    async () => {
      const w = await store.getWatch(id);
      return w !== null && w.state !== "watching" ? w : undefined;
    },
    30_000,
    `watch ${id} to end`,
  );

async function declare(severity: "SEV0" | "SEV1" | "SEV2") {
  const { declareIncident } = await import("@/lib/incidents/commands");
  return (await declareIncident({ title: "Deploy 2.2.0", severity, service: "api-optimizer" }, COMMANDER)).id;
}

describe("blue-green switch with its 10-check watch", () => {
  it("switches to version=new through the action path and completes after 10 passing checks", async () => {
    const watch = await switchMod.startSwitch("api-optimizer", "blue_green", COMMANDER);
    expect(watch.preChecks.map((c) => [c.name, c.ok])).toEqual([
      ["version=new pods ready", true],
      ["/health/live", true],
      ["/health/ready", true],
      ["no SEV-1+ open", true],
    ]);
    expect(await readServiceVersion(h.kube.url)).toBe("new");
    const run = await getDb().actionRun.findUniqueOrThrow({ where: { id: watch.switchRunId! } });
    expect(run).toMatchObject({
      kind: "switch",
      outcome: "succeeded",
      incidentId: null,
      desired: "version=new",
    });
    const done = await ended(watch.id);
    expect(done.state).toBe("completed");
    expect(done.checks.map((c) => [c.n, c.ok])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, true]));
    expect(done.outcome).toMatch(/all 10 checks passed; traffic stays on new/);
    expect(await readServiceVersion(h.kube.url)).toBe("new");
  }, 40_000);

  it("rolls back to version=stable by itself when the service turns unhealthy at check 3, on the incident's timeline", async () => {
    const incidentId = await declare("SEV2");
    const watch = await switchMod.startSwitch("api-optimizer", "blue_green", COMMANDER);
    await waitFor(async () => (await store.getWatch(watch.id))!.checks.length === 2, 20_000, "check 2");
    await post(`${h.optimizer.url}/__double/scenario`, { name: "outage" });
    const done = await ended(watch.id);
    expect(done.state).toBe("rolled_back");
    expect(done.checks.map((c) => c.ok)).toEqual([true, true, false]);
    expect(done.checks[2]!.detail).toMatch(/\/health\/live 503/);
    expect(await readServiceVersion(h.kube.url)).toBe("stable");
    const rollback = await getDb().actionRun.findUniqueOrThrow({ where: { id: done.rollbackRunId! } });
    expect(rollback).toMatchObject({ kind: "rollback", outcome: "succeeded", incidentId });
    const events = await getDb().timelineEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
    const bodies = events.map((e) => e.body);
    expect(
      bodies.filter((b) =>
        /Deployment watch #\d+.*check 3\/10 failed.*rolled back automatically to version=stable/.test(b),
      ),
    ).toHaveLength(1);
    expect(bodies.some((b) => /Traffic switch #\d+ by carol succeeded/.test(b))).toBe(true);
  }, 40_000);

  it("refuses the switch while a SEV-1 incident is open, and sends nothing", async () => {
    await declare("SEV1");
    await expect(switchMod.startSwitch("api-optimizer", "blue_green", COMMANDER)).rejects.toThrow(
      /Pre-checks failed, nothing was sent: no SEV-1\+ open \(SEV-1 incident #\d+ is open\)/,
    );
    expect(await readServiceVersion(h.kube.url)).toBe("stable");
  });

  it("a slice that throws is retried by the queue and the watch still ends exactly once", async () => {
    const watch = await switchMod.startSwitch("api-optimizer", "blue_green", COMMANDER);
    await waitFor(async () => (await store.getWatch(watch.id))!.checks.length === 1, 20_000, "check 1");
    // The automatic rollback's first two reads of the Service fail: its slice throws.
    await doubleControl(h.kube.url, "faults", "POST", {
      kind: "status",
      status: 500,
      method: "GET",
      path: "/services/api-optimizer",
      times: 2,
    });
    await post(`${h.optimizer.url}/__double/scenario`, { name: "outage" });
    const done = await ended(watch.id);
    expect(done.state).toBe("rolled_back");
    expect(await readServiceVersion(h.kube.url)).toBe("stable");
    const [job] = await jobs.listJobs({
      name: "deployments.watch",
      singletonKey: `deploy-watch:${watch.id}`,
    });
    expect(job?.retryCount ?? 0).toBeGreaterThan(0);
    const ends = await getDb().deploymentWatch.count({ where: { id: watch.id, state: "rolled_back" } });
    expect(ends).toBe(1);
    expect(await getDb().deploymentWatchCheck.count({ where: { watchId: watch.id } })).toBe(
      done.checks.length,
    );
  }, 40_000);
});

describe("emergency switch", () => {
  it("switches to version=emergency, keeps checking past 10 without rolling back, and ends only when a person ends it", async () => {
    const { endWatch } = await import("./end");
    // The demo cluster has no emergency pods: label the stable ones as the emergency build.
    for (const pod of await listPodNames("version=stable"))
      await fetch(`${h.kube.url}/api/v1/namespaces/default/pods/${pod}`, {
        method: "PATCH",
        headers: { "content-type": "application/merge-patch+json" },
        body: JSON.stringify({ metadata: { labels: { version: "emergency" } } }),
      });
    const watch = await switchMod.startSwitch("api-optimizer", "emergency", COMMANDER);
    expect(watch.totalChecks).toBeNull();
    expect(await readServiceVersion(h.kube.url)).toBe("emergency");
    await post(`${h.optimizer.url}/__double/scenario`, { name: "outage" });
    await waitFor(async () => (await store.getWatch(watch.id))!.checks.length >= 11, 30_000, "11 checks");
    const during = (await store.getWatch(watch.id))!;
    expect(during.state).toBe("watching");
    expect(during.checks.some((c) => !c.ok)).toBe(true);
    expect(await readServiceVersion(h.kube.url)).toBe("emergency");
    expect(await endWatch(watch.id, "keep", COMMANDER)).toMatch(
      /ended by carol after \d+ checks; traffic stays on emergency/,
    );
    expect(await endWatch(watch.id, "keep", COMMANDER)).toMatch(/had already ended \(ended\)/);
    expect((await store.getWatch(watch.id))!.state).toBe("ended");
  }, 40_000);
});

async function listPodNames(selector: string): Promise<string[]> {
  const res = await fetch(
    `${h.kube.url}/api/v1/namespaces/default/pods?labelSelector=${encodeURIComponent(selector)}`,
  );
  const list = (await res.json()) as { items: Array<{ metadata: { name: string } }> };
  return list.items.map((p) => p.metadata.name);
}
