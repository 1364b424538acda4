import { beforeAll, describe, expect, it } from "vitest";

import { setupRemediationHarness } from "@/lib/testing/remediation-harness";

import {
  countRealPatches,
  declareTestIncident,
  doubleControl,
  readServiceVersion,
  TEST_ACTOR,
} from "@/lib/testing/remediation";

const h = setupRemediationHarness({ readyDelayMs: 50, kubeTimeoutMs: 3000 });
let actions: typeof import("./run-action");
let preview: typeof import("./preview");
let views: typeof import("./read-views");
let store: typeof import("./store");

beforeAll(async () => {
  [actions, preview, views, store] = await Promise.all([
    import("./run-action"),
    import("./preview"),
    import("./read-views"),
    import("./store"),
  ]);
});

const get = async <T>(p: string): Promise<T> => (await fetch(`${h.kube.url}${p}`)).json() as Promise<T>;

describe("preview (server-side dry run + access check)", () => {
  it("shows version: new → stable and the runbook command without changing the service", async () => {
    const incidentId = await declareTestIncident();
    const p = await preview.previewAction({ incidentId, kind: "rollback" });
    expect(p.diff).toEqual([{ path: "version", before: "new", after: "stable" }]);
    expect(p.kubectl).toBe(
      `kubectl patch service api-optimizer -n default --type=json -p '[{"op":"test","path":"/spec/selector/version","value":"new"},{"op":"replace","path":"/spec/selector/version","value":"stable"}]'`,
    );
    expect(p.serving).toMatchObject({ ready: 3, summary: "3 ready pods will serve after the switch" });
    expect(p.refusal).toBeNull();
    expect(p.access).toEqual({
      state: "allowed",
      allowed: true,
      reasons: ["allowed to patch services in default"],
    });
    expect(await readServiceVersion(h.kube.url)).toBe("new");
    const { requests } = (await doubleControl(h.kube.url, "requests?method=PATCH", "GET")) as {
      requests: Array<{ query: Record<string, string> }>;
    };
    expect(requests.map((r) => r.query.dryRun)).toEqual(["All"]);
  });

  it("says when the credentials may not patch the service (SelfSubjectAccessReview)", async () => {
    await doubleControl(h.kube.url, "ssar", "POST", { deny: [{ verb: "patch", resource: "services" }] });
    const p = await preview.previewAction({ incidentId: await declareTestIncident(), kind: "rollback" });
    expect(p.access.allowed).toBe(false);
    expect(p.access.reasons[0]).toMatch(/not allowed to patch services in default/);
    expect(p.dryRunError).toMatch(/not allowed to patch service default\/api-optimizer \(403\)/);
  });
});

describe("other actions", () => {
  it("scales to the runbook's 10 replicas with one audit row and timeline event", async () => {
    const incidentId = await declareTestIncident();
    const r = await actions.runAction({ incidentId, kind: "scale", replicas: 10 }, TEST_ACTOR);
    expect(r.status === "done" && r.run.diff).toEqual([{ path: "replicas", before: 3, after: 10 }]);
    const dep = await get<{ spec: { replicas: number } }>(
      "/apis/apps/v1/namespaces/default/deployments/api-optimizer",
    );
    expect(dep.spec.replicas).toBe(10);
    expect(await store.listRuns({ incidentId, kind: "scale" })).toHaveLength(1);
  });

  it("treats a double-click restart as one restart", async () => {
    const incidentId = await declareTestIncident();
    const [a, b] = await Promise.all([
      actions.runAction({ incidentId, kind: "restart" }, TEST_ACTOR),
      actions.runAction({ incidentId, kind: "restart" }, TEST_ACTOR),
    ]);
    expect([a.status, b.status].sort()).toEqual(["already_done", "done"]);
    expect(await countRealPatches(h.kube.url, "/deployments/api-optimizer")).toBe(1);
    const again = await actions.runAction({ incidentId, kind: "restart" }, TEST_ACTOR);
    expect(again.status).toBe("already_done");
  });

  it("rolls the deployment back to the previous revision's image", async () => {
    const incidentId = await declareTestIncident();
    const { service } = await (await import("./target")).getIncidentTarget(incidentId);
    const history = await views.getRolloutHistory(service);
    const previous = history.revisions.find((r) => r.revision === (history.current ?? 0) - 1)!;
    const r = await actions.runAction({ incidentId, kind: "undo" }, TEST_ACTOR);
    expect(r.status).toBe("done");
    const dep = await get<{ spec: { template: { spec: { containers: Array<{ image: string }> } } } }>(
      "/apis/apps/v1/namespaces/default/deployments/api-optimizer",
    );
    expect(dep.spec.template.spec.containers[0]!.image).toBe(previous.images[0]);
  });

  it("contains a security incident: logs saved, ingress denied, scaled to 0", async () => {
    const incidentId = await declareTestIncident();
    const r = await actions.runAction({ incidentId, kind: "containment" }, TEST_ACTOR);
    expect(r.status).toBe("done");
    const policy = await get<{
      spec: {
        podSelector: { matchLabels: Record<string, string> };
        policyTypes: string[];
        ingress?: unknown[];
      };
    }>("/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/firebreak-deny-ingress-api-optimizer");
    expect(policy.spec).toMatchObject({
      podSelector: { matchLabels: { app: "api-optimizer", version: "new" } },
      policyTypes: ["Ingress"],
    });
    expect(policy.spec.ingress ?? []).toEqual([]);
    const dep = await get<{ spec: { replicas: number } }>(
      "/apis/apps/v1/namespaces/default/deployments/api-optimizer",
    );
    expect(dep.spec.replicas).toBe(0);
    const { getDb } = await import("@/lib/db/client");
    const events = await getDb().timelineEvent.findMany({
      where: { incidentId, kind: "action" },
      orderBy: { id: "asc" },
    });
    expect(events[0]!.body).toMatch(/Saved the last 24 h of logs of 3 pod\(s\)/);
    expect(String((events[0]!.data as { logs: string }).logs)).toContain("=== api-optimizer-");
    expect(events[1]!.body).toMatch(/Security containment #\d+ .* succeeded/);
  });
});

describe("errors in plain words, recorded as failed", () => {
  it("403 on the patch", async () => {
    const incidentId = await declareTestIncident();
    await doubleControl(h.kube.url, "faults", "POST", {
      kind: "status",
      status: 403,
      method: "PATCH",
      path: "/services/",
    });
    await expect(
      actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false }),
    ).rejects.toThrow(/not allowed to patch service default\/api-optimizer \(403\)/);
    expect((await store.listRuns({ incidentId }))[0]).toMatchObject({ outcome: "failed" });
    expect(await readServiceVersion(h.kube.url)).toBe("new");
  });

  it("a dropped connection before any change is recorded as a failed attempt", async () => {
    const incidentId = await declareTestIncident();
    await doubleControl(h.kube.url, "faults", "POST", {
      kind: "drop",
      method: "GET",
      path: "/services/api-optimizer",
    });
    await expect(
      actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false }),
    ).rejects.toThrow(/unreachable/);
    const [run] = await store.listRuns({ incidentId });
    expect(run).toMatchObject({ outcome: "failed", desired: "unplanned" });
  });
});

describe("read views", () => {
  it("lists pods with readiness, recent error lines and says when the metrics API is unavailable", async () => {
    const { service } = await (await import("./target")).getIncidentTarget(await declareTestIncident());
    const pods = await views.getServicePods(service);
    expect(pods.length).toBeGreaterThanOrEqual(6);
    expect(pods.every((p) => typeof p.restarts === "number" && p.conditions.length > 0)).toBe(true);
    const errors = await views.getRecentErrorLogs(service);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((l) => /error/i.test(l.text))).toBe(true);
    await doubleControl(h.kube.url, "metrics", "POST", { available: false });
    expect(await views.getPodUsage(service)).toMatchObject({
      available: false,
      reason: expect.stringContaining("metrics API unavailable"),
    });
  });
});
