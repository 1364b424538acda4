// REST semantics of the double without HTTP: the store, handlers and controller wired as in server.ts.
import { describe, expect, it } from "vitest";

import { Controller, REVISION } from "./controller";
import { ResourceHandlers } from "./handlers";
import { findResourceType } from "./resources";
import { seedCluster } from "./seed";
import { ApiError } from "./status";
import { Store } from "./store";
import { scaleRequest } from "./subresources";
import type { KObject } from "./types";

const SERVICES = findResourceType("", "v1", "services")!;
const DEPLOYMENTS = findResourceType("apps", "v1", "deployments")!;
const REPLICASETS = findResourceType("apps", "v1", "replicasets")!;
const PODS = findResourceType("", "v1", "pods")!;
const ENDPOINTS = findResourceType("", "v1", "endpoints")!;
const q = (s = "") => new URLSearchParams(s);

function cluster() {
  const store = new Store();
  const controller = new Controller(store, 0);
  const handlers = new ResourceHandlers(store);
  seedCluster(store, controller, handlers, { demo: true });
  return { store, controller, handlers };
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

const svc = (store: Store) => store.get(SERVICES, "default", "api-optimizer")!;
const selectorVersion = (o: KObject) => (o.spec!.selector as Record<string, string>).version;

describe("writes", () => {
  it("a patch bumps resourceVersion and is seen by the next read", () => {
    const { store, handlers } = cluster();
    const before = svc(store).metadata.resourceVersion!;
    const r = handlers.patch(
      SERVICES,
      "default",
      "api-optimizer",
      "json",
      [{ op: "replace", path: "/spec/selector/version", value: "stable" }],
      q(),
    );
    expect(Number((r.body as KObject).metadata.resourceVersion)).toBeGreaterThan(Number(before));
    expect(selectorVersion(svc(store))).toBe("stable");
  });

  it("a write that changes nothing keeps the resourceVersion (idempotent rollback)", () => {
    const { store, handlers } = cluster();
    const patch = [{ op: "replace", path: "/spec/selector/version", value: "stable" }];
    handlers.patch(SERVICES, "default", "api-optimizer", "json", patch, q());
    const rv = svc(store).metadata.resourceVersion;
    const again = handlers.patch(SERVICES, "default", "api-optimizer", "json", patch, q());
    expect((again.body as KObject).metadata.resourceVersion).toBe(rv);
    expect(store.resourceVersion).toBe(Number(rv));
  });

  it("a stale resourceVersion in the body is a 409 Conflict Status and changes nothing", () => {
    const { store, handlers } = cluster();
    const stale = svc(store);
    handlers.patch(
      SERVICES,
      "default",
      "api-optimizer",
      "merge",
      { metadata: { labels: { touched: "yes" } } },
      q(),
    );
    const err = errorOf(() =>
      handlers.patch(
        SERVICES,
        "default",
        "api-optimizer",
        "merge",
        {
          metadata: { resourceVersion: stale.metadata.resourceVersion },
          spec: { selector: { version: "stable" } },
        },
        q(),
      ),
    );
    expect(err.code).toBe(409);
    expect(err.toStatus()).toMatchObject({
      kind: "Status",
      status: "Failure",
      reason: "Conflict",
      code: 409,
      details: { name: "api-optimizer", kind: "services" },
    });
    expect(err.message).toContain("the object has been modified");
    expect(selectorVersion(svc(store))).toBe("new");
    const put = errorOf(() => handlers.replace(SERVICES, "default", "api-optimizer", stale, q()));
    expect(put.code).toBe(409);
  });

  it("a current resourceVersion in the body is accepted", () => {
    const { store, handlers } = cluster();
    const current = svc(store);
    const r = handlers.patch(
      SERVICES,
      "default",
      "api-optimizer",
      "merge",
      {
        metadata: { resourceVersion: current.metadata.resourceVersion },
        spec: { selector: { version: "stable" } },
      },
      q(),
    );
    expect(selectorVersion(r.body as KObject)).toBe("stable");
  });

  it("dryRun=All returns the result without storing it or bumping versions", () => {
    const { store, handlers } = cluster();
    const before = svc(store);
    const rv = store.resourceVersion;
    const r = handlers.patch(
      SERVICES,
      "default",
      "api-optimizer",
      "json",
      [{ op: "replace", path: "/spec/selector/version", value: "stable" }],
      q("dryRun=All"),
    );
    expect(selectorVersion(r.body as KObject)).toBe("stable");
    expect(svc(store)).toEqual(before);
    expect(store.resourceVersion).toBe(rv);
    expect(
      errorOf(() => handlers.patch(SERVICES, "default", "api-optimizer", "json", [], q("dryRun=Some"))).code,
    ).toBe(400);
    handlers.create(SERVICES, "default", { metadata: { name: "dry" }, spec: {} }, q("dryRun=All"));
    expect(store.get(SERVICES, "default", "dry")).toBeUndefined();
    handlers.delete(SERVICES, "default", "api-optimizer", q("dryRun=All"), undefined);
    expect(store.get(SERVICES, "default", "api-optimizer")).toBeDefined();
  });

  it("metadata.generation bumps on spec changes only; status is kept on main-resource writes", () => {
    const { store, handlers } = cluster();
    const d = store.get(DEPLOYMENTS, "default", "api-optimizer")!;
    handlers.patch(
      DEPLOYMENTS,
      "default",
      "api-optimizer",
      "merge",
      { metadata: { labels: { x: "y" } }, status: { replicas: 99 } },
      q(),
    );
    const labelled = store.get(DEPLOYMENTS, "default", "api-optimizer")!;
    expect(labelled.metadata.generation).toBe(d.metadata.generation);
    expect(labelled.status!.replicas).toBe(3);
    handlers.patch(DEPLOYMENTS, "default", "api-optimizer", "merge", { spec: { replicas: 4 } }, q());
    expect(store.get(DEPLOYMENTS, "default", "api-optimizer")!.metadata.generation).toBe(
      d.metadata.generation! + 1,
    );
  });

  it("refuses invalid objects with 422 and unknown objects with 404", () => {
    const { handlers } = cluster();
    const neg = errorOf(() =>
      handlers.patch(DEPLOYMENTS, "default", "api-optimizer", "merge", { spec: { replicas: -1 } }, q()),
    );
    expect(neg.code).toBe(422);
    expect(neg.message).toContain('Deployment.apps "api-optimizer" is invalid: spec.replicas');
    expect(
      errorOf(() =>
        handlers.patch(
          DEPLOYMENTS,
          "default",
          "api-optimizer",
          "merge",
          { spec: { selector: { matchLabels: { a: "b" } } } },
          q(),
        ),
      ).code,
    ).toBe(422);
    const missing = errorOf(() => handlers.get(SERVICES, "default", "nope", undefined));
    expect(missing.toStatus()).toMatchObject({
      code: 404,
      reason: "NotFound",
      message: 'services "nope" not found',
    });
    expect(
      errorOf(() => handlers.create(SERVICES, "default", { metadata: { name: "api-optimizer" } }, q()))
        .reason,
    ).toBe("AlreadyExists");
  });
});

describe("controller", () => {
  it("seeds three revisions of api-optimizer with only the newest scaled up", () => {
    const { store } = cluster();
    const owned = store.list(REPLICASETS, "default").filter((rs) => rs.metadata.labels?.version === "new");
    expect(owned.map((rs) => [rs.metadata.annotations![REVISION], rs.spec!.replicas]).sort()).toEqual([
      ["1", 0],
      ["2", 0],
      ["3", 3],
    ]);
    for (const rs of owned)
      expect(rs.metadata.ownerReferences![0]).toMatchObject({
        kind: "Deployment",
        name: "api-optimizer",
        controller: true,
      });
    const pods = store.list(PODS, "default").filter((p) => p.metadata.labels?.version === "new");
    expect(pods).toHaveLength(3);
    const rsOf = owned.find((rs) => rs.spec!.replicas === 3)!;
    for (const p of pods)
      expect(p.metadata.labels!["pod-template-hash"]).toBe(rsOf.metadata.labels!["pod-template-hash"]);
  });

  it("scaling through /scale changes pods and endpoints", async () => {
    const { store, handlers } = cluster();
    const r = scaleRequest(
      handlers,
      DEPLOYMENTS,
      "default",
      "api-optimizer",
      "PATCH",
      q(),
      { spec: { replicas: 5 } },
      "merge",
    );
    expect(r.body).toMatchObject({
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      spec: { replicas: 5 },
      status: { selector: "app=api-optimizer,version=new" },
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.list(PODS, "default").filter((p) => p.metadata.labels?.version === "new")).toHaveLength(5);
    const ep = store.get(ENDPOINTS, "default", "api-optimizer")!;
    expect((ep.subsets as Array<{ addresses: unknown[] }>)[0]!.addresses).toHaveLength(5);
    const d = store.get(DEPLOYMENTS, "default", "api-optimizer")!;
    expect(d.status).toMatchObject({
      observedGeneration: d.metadata.generation,
      replicas: 5,
      updatedReplicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
    });
  });

  it("switching the Service selector recomputes its endpoints from the other version's ready pods", async () => {
    const { store, handlers } = cluster();
    handlers.patch(
      SERVICES,
      "default",
      "api-optimizer",
      "json",
      [{ op: "replace", path: "/spec/selector/version", value: "stable" }],
      q(),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    const stableIps = store
      .list(PODS, "default")
      .filter((p) => p.metadata.labels?.version === "stable")
      .map((p) => p.status!.podIP)
      .sort();
    const ep = store.get(ENDPOINTS, "default", "api-optimizer")!;
    expect(
      (ep.subsets as Array<{ addresses: Array<{ ip: string }> }>)[0]!.addresses.map((a) => a.ip).sort(),
    ).toEqual(stableIps);
  });

  it("a pod created directly through the API is scheduled and started", async () => {
    const { store, handlers } = cluster();
    const created = handlers.create(
      PODS,
      "default",
      {
        metadata: { name: "debug", labels: { app: "debug" } },
        spec: { containers: [{ name: "debug", image: "busybox" }] },
      },
      q(),
    );
    expect((created.body as KObject).status).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const pod = store.get(PODS, "default", "debug")!;
    expect(pod.spec!.nodeName).toBe("firebreak-node-1");
    expect(pod.status).toMatchObject({ phase: "Running", podIP: expect.stringMatching(/^10\.244\./) });
  });

  it("deleting a deployment garbage-collects its ReplicaSets and pods", async () => {
    const { store, handlers } = cluster();
    handlers.delete(DEPLOYMENTS, "default", "api-optimizer", q(), undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(
      store.list(REPLICASETS, "default").filter((rs) => rs.metadata.labels?.version === "new"),
    ).toHaveLength(0);
    expect(store.list(PODS, "default").filter((p) => p.metadata.labels?.version === "new")).toHaveLength(0);
    expect(store.list(PODS, "default")).toHaveLength(3);
  });
});
