// Watching a rollout Firebreak observes (a Deployment's new revision) against the real Kubernetes
// API double (its controller makes the ReplicaSets and revisions) and the optimizer double, with
// real Postgres and the real job queue; the one-minute interval scaled by configuration.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { testActor } from "@/lib/testing/actors";
import { setupDeploymentHarness } from "@/lib/testing/deployment-harness";
import { countRealPatches, doubleControl } from "@/lib/testing/remediation";
import { post, waitFor } from "@/lib/testing/spawn";

const h = setupDeploymentHarness();
let rollouts: typeof import("./rollouts");
let store: typeof import("./store");
let endWatch: typeof import("./end").endWatch;
let getDb: typeof import("@/lib/db/client").getDb;
const COMMANDER = testActor("commander", "carol");
const DEPLOYMENT = "/apis/apps/v1/namespaces/default/deployments/api-optimizer";

beforeAll(async () => {
  rollouts = await import("./rollouts");
  store = await import("./store");
  endWatch = (await import("./end")).endWatch;
  getDb = (await import("@/lib/db/client")).getDb;
});

type Deployment = {
  spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
  metadata: { annotations?: Record<string, string> };
  status: { readyReplicas?: number; updatedReplicas?: number };
};

async function readDeployment(): Promise<Deployment> {
  return (await (await fetch(`${h.kube.url}${DEPLOYMENT}`)).json()) as Deployment;
}

const imageNow = async () => (await readDeployment()).spec.template.spec.containers[0]!.image;

/** `kubectl set image`: the double's controller makes a new ReplicaSet, the next revision. */
async function rollOut(tag: string): Promise<void> {
  const res = await fetch(`${h.kube.url}${DEPLOYMENT}`, {
    method: "PATCH",
    headers: { "content-type": "application/json-patch+json" },
    body: JSON.stringify([
      {
        op: "replace",
        path: "/spec/template/spec/containers/0/image",
        value: `registry.local/api-optimizer:${tag}`,
      },
    ]),
  });
  expect(res.ok).toBe(true);
  await waitFor(
    async () => {
      const d = await readDeployment();
      return d.status.updatedReplicas === d.spec.replicas && d.status.readyReplicas === d.spec.replicas;
    },
    15_000,
    `rollout of ${tag}`,
  );
}

beforeEach(async () => {
  await doubleControl(h.kube.url, "reset");
  await post(`${h.optimizer.url}/__double/scenario`, { name: "healthy" });
  await getDb().$executeRaw`UPDATE "incidents" SET "status" = 'closed'`;
});

const ended = (id: number) =>
  waitFor(
    async () => {
      const w = await store.getWatch(id);
      return w !== null && w.state !== "watching" ? w : undefined;
    },
    30_000,
    `watch ${id} to end`,
  );

async function declare() {
  const { declareIncident } = await import("@/lib/incidents/commands");
  const incident = await declareIncident(
    { title: "api-optimizer 2.2.0 rollout", severity: "SEV2", service: "api-optimizer" },
    COMMANDER,
  );
  return incident.id;
}

describe("rollouts Firebreak observes", () => {
  it("lists a watched service's new Deployment revision with the revision undo returns to, not yet watched", async () => {
    await rollOut("2.2.0");
    const { rollouts: seen, unreadable } = await rollouts.observeRollouts(COMMANDER);
    expect(unreadable).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      service: "api-optimizer",
      namespace: "default",
      deployment: "api-optimizer",
      revision: 4,
      images: ["registry.local/api-optimizer:2.2.0"],
      previous: { revision: 3, images: ["registry.local/api-optimizer:2.1.1"] },
      pods: { ready: 3, updated: 3, desired: 3 },
      settled: true,
      watch: null,
    });
  });

  it("refuses to watch a revision the Deployment is no longer on", async () => {
    await expect(rollouts.startRolloutWatch("api-optimizer", 2, COMMANDER)).rejects.toThrow(
      /Deployment api-optimizer is on revision 3 now, not 2/,
    );
  });
});

describe("a watched rollout", () => {
  it("that degrades at check 3 offers the undo and sends nothing; a person's undo goes through the action path", async () => {
    const incidentId = await declare();
    await rollOut("2.2.0");
    await doubleControl(h.kube.url, "requests", "DELETE");
    const watch = await rollouts.startRolloutWatch("api-optimizer", 4, COMMANDER);
    expect(watch).toMatchObject({
      mode: "rollout",
      toValue: "revision 4",
      previousRevision: 3,
      autoUndo: false,
    });
    expect((await rollouts.observeRollouts(COMMANDER)).rollouts[0]!.watch).toEqual({
      id: watch.id,
      state: "watching",
    });
    await waitFor(async () => (await store.getWatch(watch.id))!.checks.length === 2, 20_000, "check 2");
    await post(`${h.optimizer.url}/__double/scenario`, { name: "outage" });
    const done = await ended(watch.id);
    expect(done.state).toBe("degraded");
    expect(done.checks.map((c) => c.ok)).toEqual([true, true, false]);
    expect(done.outcome).toMatch(
      /^check 3\/10 failed \(\/health\/live 503.*\) — rollout undo to revision 3 is offered; nothing was undone$/,
    );
    expect(await countRealPatches(h.kube.url, "/deployments/")).toBe(0);
    expect(await imageNow()).toBe("registry.local/api-optimizer:2.2.0");

    await post(`${h.optimizer.url}/__double/scenario`, { name: "healthy" });
    expect(await endWatch(watch.id, "rollback", COMMANDER)).toMatch(
      /^rolled back to revision 3 \(rollout undo\) by carol after 3 checks \(action #\d+\)$/,
    );
    expect(await imageNow()).toBe("registry.local/api-optimizer:2.1.1");
    const after = (await store.getWatch(watch.id))!;
    expect(after.state).toBe("rolled_back");
    const run = await getDb().actionRun.findUniqueOrThrow({ where: { id: after.rollbackRunId! } });
    expect(run).toMatchObject({ kind: "undo", outcome: "succeeded", actor: "carol", incidentId });
    expect(run.desired).toBe("revision=3");
    expect(run.kubectlCommand).toContain("rollout undo deployment/api-optimizer");
    const bodies = (
      await getDb().timelineEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } })
    ).map((e) => e.body);
    expect(bodies).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Deployment watch #\d+ started on the rollout of api-optimizer to revision 4/),
        expect.stringMatching(/\(api-optimizer → revision 4\): check 3\/10 failed .* is offered/),
        expect.stringMatching(/^Rollout undo #\d+ by carol succeeded/),
        expect.stringMatching(
          /\(api-optimizer → revision 4\): rolled back to revision 3 \(rollout undo\) by carol/,
        ),
      ]),
    );
    // The undo made a new revision: a rollout Firebreak has not watched yet.
    expect((await rollouts.observeRollouts(COMMANDER)).rollouts[0]).toMatchObject({
      revision: 5,
      watch: null,
    });
    // Ended once: a second undo is not sent.
    expect(await endWatch(watch.id, "rollback", COMMANDER)).toMatch(/had already ended \(rolled_back\)/);
  }, 40_000);

  it("undoes by itself on a failed check when configured to", async () => {
    await rollOut("2.2.0");
    await post(`${h.optimizer.url}/__double/scenario`, { name: "outage" });
    const watch = await rollouts.startRolloutWatch("api-optimizer", 4, COMMANDER, { autoUndo: true });
    const done = await ended(watch.id);
    expect(done.state).toBe("rolled_back");
    expect(done.outcome).toMatch(
      /^check 1\/10 failed \(.*\) — rolled back automatically to revision 3 \(rollout undo\) \(action #\d+\)$/,
    );
    expect(await imageNow()).toBe("registry.local/api-optimizer:2.1.1");
    const run = await getDb().actionRun.findUniqueOrThrow({ where: { id: done.rollbackRunId! } });
    expect(run).toMatchObject({ kind: "undo", outcome: "succeeded", actor: "Firebreak (deployment watch)" });
  }, 40_000);

  it("that stays healthy completes its 10 checks and keeps the revision", async () => {
    await rollOut("2.2.0");
    const watch = await rollouts.startRolloutWatch("api-optimizer", 4, COMMANDER);
    const done = await ended(watch.id);
    expect(done.state).toBe("completed");
    expect(done.checks.map((c) => c.ok)).toEqual(Array.from({ length: 10 }, () => true));
    expect(await imageNow()).toBe("registry.local/api-optimizer:2.2.0");
  }, 40_000);

  it("ends when a newer revision replaces the one watched, with nothing undone", async () => {
    await rollOut("2.2.0");
    const watch = await rollouts.startRolloutWatch("api-optimizer", 4, COMMANDER);
    await waitFor(async () => (await store.getWatch(watch.id))!.checks.length >= 1, 20_000, "check 1");
    await rollOut("2.2.1");
    const done = await ended(watch.id);
    expect(done.state).toBe("ended");
    expect(done.outcome).toMatch(/^revision 5 replaced revision 4 after \d+ checks; the watch ended$/);
    expect(await imageNow()).toBe("registry.local/api-optimizer:2.2.1");
  }, 40_000);
});
