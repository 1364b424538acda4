// @kubernetes/client-node (what Firebreak uses) against the double: patch types, conflicts, watch, faults, SSAR, metrics.
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "./spawn";

let double: RunningKubeDouble;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
let authz: k8s.AuthorizationV1Api;
let kc: k8s.KubeConfig;
const ref = { name: "api-optimizer", namespace: "default" };
const rollback = [{ op: "replace", path: "/spec/selector/version", value: "stable" }];

async function control(path: string, method = "POST", body?: unknown) {
  const res = await fetch(`${double.url}/__double/${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  expect(res.ok).toBe(true);
  return res.json() as Promise<Record<string, unknown>>;
}

async function rejection(p: Promise<unknown>): Promise<k8s.ApiException<string>> {
  try {
    await p;
  } catch (e) {
    return e as k8s.ApiException<string>;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  double = await startKubeDouble({ readyDelayMs: 300 });
  kc = new k8s.KubeConfig();
  kc.loadFromFile(double.kubeconfigPath);
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  authz = kc.makeApiClient(k8s.AuthorizationV1Api);
}, 30_000);

afterAll(async () => {
  await double?.stop();
});

beforeEach(async () => {
  await control("reset");
});

describe("client-node against the Kubernetes API double", () => {
  it("loads the written kubeconfig (context firebreak-double, namespace default) and reaches the double", async () => {
    expect(kc.getCurrentContext()).toBe("firebreak-double");
    expect(kc.getContextObject("firebreak-double")?.namespace).toBe("default");
    await core.readNamespacedService(ref);
    const { requests } = (await control("requests", "GET")) as { requests: Array<{ userAgent: string }> };
    expect(requests.at(-1)!.userAgent).toContain("kubernetes-client-javascript");
  });

  it("JSON-patches the Service selector (default patch type) and counts exactly one PATCH", async () => {
    await control("requests", "DELETE");
    const svc = await core.patchNamespacedService({ ...ref, body: rollback, fieldManager: "firebreak" });
    expect(svc.spec?.selector).toEqual({ app: "api-optimizer", version: "stable" });
    const { requests } = (await control("requests?method=PATCH", "GET")) as {
      requests: Array<{ contentType: string }>;
    };
    expect(requests.map((r) => r.contentType)).toEqual(["application/json-patch+json"]);
  });

  it("merge patch and strategic merge patch through setHeaderOptions", async () => {
    const merged = await core.patchNamespacedService(
      { ...ref, body: { metadata: { annotations: { "firebreak/incident": "7" } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    expect(merged.metadata?.annotations?.["firebreak/incident"]).toBe("7");
    const scale = await apps.patchNamespacedDeploymentScale(
      { ...ref, body: { spec: { replicas: 4 } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.StrategicMergePatch),
    );
    expect(scale.spec?.replicas).toBe(4);
    expect((await apps.readNamespacedDeployment(ref)).spec?.replicas).toBe(4);
  });

  it("dryRun=All answers with the change and stores nothing", async () => {
    const before = await core.readNamespacedService(ref);
    const dry = await core.patchNamespacedService({ ...ref, body: rollback, dryRun: "All" });
    expect(dry.spec?.selector?.version).toBe("stable");
    const after = await core.readNamespacedService(ref);
    expect(after.spec?.selector?.version).toBe("new");
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
  });

  it("a replace with a stale resourceVersion fails with 409 and a Conflict Status body", async () => {
    const stale = await core.readNamespacedService(ref);
    await core.patchNamespacedService({ ...ref, body: rollback });
    const err = await rejection(core.replaceNamespacedService({ ...ref, body: stale }));
    expect(err.code).toBe(409);
    expect(JSON.parse(err.body)).toMatchObject({ kind: "Status", reason: "Conflict", code: 409 });
  });

  it("lists ReplicaSets with revision annotations and controller owner references", async () => {
    const d = await apps.readNamespacedDeployment(ref);
    const list = await apps.listNamespacedReplicaSet({
      namespace: "default",
      labelSelector: "app=api-optimizer,version=new",
    });
    const owned = list.items.filter((rs) =>
      rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === d.metadata?.uid),
    );
    expect(owned.map((rs) => rs.metadata?.annotations?.["deployment.kubernetes.io/revision"]).sort()).toEqual(
      ["1", "2", "3"],
    );
    expect(d.metadata?.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
  });

  it("Watch streams MODIFIED events until a scaled deployment is fully ready", async () => {
    const seen: Array<{ phase: string; ready?: number }> = [];
    const done = new Promise<void>((resolve, reject) => {
      void new k8s.Watch(kc)
        .watch(
          "/apis/apps/v1/namespaces/default/deployments",
          { fieldSelector: "metadata.name=api-optimizer" },
          (phase, obj: k8s.V1Deployment) => {
            seen.push({ phase, ready: obj.status?.readyReplicas });
            if (
              obj.spec?.replicas === 5 &&
              obj.status?.readyReplicas === 5 &&
              obj.status.updatedReplicas === 5
            )
              resolve();
          },
          (err) => (err ? reject(err) : undefined),
        )
        .then((ctl) => done.finally(() => ctl.abort()));
    });
    await new Promise((r) => setTimeout(r, 100));
    await apps.patchNamespacedDeploymentScale(
      { ...ref, body: { spec: { replicas: 5 } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    await done;
    expect(seen[0]!.phase).toBe("ADDED");
    expect(seen.filter((s) => s.phase === "MODIFIED").length).toBeGreaterThan(1);
  }, 20_000);

  it("a watch resumed from a list resourceVersion replays what happened since", async () => {
    const list = await core.listNamespacedService({ namespace: "default" });
    await core.patchNamespacedService({ ...ref, body: rollback });
    const res = await fetch(
      `${double.url}/api/v1/namespaces/default/services?watch=true&resourceVersion=${list.metadata?.resourceVersion}&timeoutSeconds=1`,
    );
    const events = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; object: k8s.V1Service });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "MODIFIED",
      object: { spec: { selector: { version: "stable" } } },
    });
  });

  it("a label-selector watch reports an object leaving the selection as DELETED and an expired version as 410", async () => {
    const list = await core.listNamespacedService({ namespace: "default" });
    await core.patchNamespacedService(
      { ...ref, body: { metadata: { labels: { app: "moved" } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    const res = await fetch(
      `${double.url}/api/v1/namespaces/default/services?watch=true&labelSelector=app%3Dapi-optimizer&resourceVersion=${list.metadata?.resourceVersion}&timeoutSeconds=1`,
    );
    const events = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; object: k8s.V1Service });
    expect(events.map((e) => [e.type, e.object.metadata?.labels?.app])).toEqual([["DELETED", "moved"]]);
    const expired = await fetch(
      `${double.url}/api/v1/namespaces/default/services?watch=true&resourceVersion=1`,
    );
    expect(JSON.parse((await expired.text()).trim())).toMatchObject({
      type: "ERROR",
      object: { kind: "Status", code: 410, reason: "Expired" },
    });
  });

  it("injected 500 and 409 faults fail the call once, then the retry succeeds", async () => {
    await control("faults", "POST", [
      { method: "PATCH", path: "/services/api-optimizer", kind: "status", status: 500 },
      { method: "PATCH", path: "/services/api-optimizer", kind: "status", status: 409 },
    ]);
    expect((await rejection(core.patchNamespacedService({ ...ref, body: rollback }))).code).toBe(500);
    expect((await rejection(core.patchNamespacedService({ ...ref, body: rollback }))).code).toBe(409);
    expect((await core.readNamespacedService(ref)).spec?.selector?.version).toBe("new");
    expect((await core.patchNamespacedService({ ...ref, body: rollback })).spec?.selector?.version).toBe(
      "stable",
    );
  });

  it("latency, timeout and dropped-connection faults", async () => {
    await control("faults", "POST", { path: "/services/api-optimizer", kind: "latency", ms: 400 });
    const t0 = Date.now();
    await core.readNamespacedService(ref);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);

    await control("faults", "POST", { method: "GET", path: "/services/api-optimizer", kind: "timeout" });
    const timedOut = await fetch(`${double.url}/api/v1/namespaces/default/services/api-optimizer`, {
      signal: AbortSignal.timeout(500),
    }).catch((e: Error) => e);
    expect(timedOut).toBeInstanceOf(Error);
    expect((timedOut as Error).name).toBe("TimeoutError");

    await control("faults", "POST", { method: "PATCH", kind: "drop" });
    const dropped = await rejection(core.patchNamespacedService({ ...ref, body: rollback }));
    expect(dropped.code).toBeUndefined();
    expect((await core.readNamespacedService(ref)).spec?.selector?.version).toBe("new");
  });

  it("SelfSubjectAccessReview is allowed until a denial is configured", async () => {
    const review = (verb: string) =>
      authz.createSelfSubjectAccessReview({
        body: {
          spec: {
            resourceAttributes: { namespace: "default", verb, resource: "services", name: "api-optimizer" },
          },
        },
      });
    expect((await review("patch")).status?.allowed).toBe(true);
    await control("ssar", "POST", { deny: [{ verb: "patch", resource: "services" }] });
    expect((await review("patch")).status).toMatchObject({ allowed: false, denied: true });
    expect((await review("get")).status?.allowed).toBe(true);
    expect((await rejection(core.patchNamespacedService({ ...ref, body: rollback }))).code).toBe(403);
  });

  it("follow=true streams the log and keeps the connection open for new lines", async () => {
    const pods = await core.listNamespacedPod({ namespace: "default", labelSelector: "version=stable" });
    const ctl = new AbortController();
    const res = await fetch(
      `${double.url}/api/v1/namespaces/default/pods/${pods.items[0]!.metadata!.name}/log?follow=true&tailLines=2`,
      { signal: ctl.signal },
    );
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.trim().split("\n")).toHaveLength(2);
    const next = await Promise.race([
      reader.read().then(() => "data-or-end"),
      new Promise((r) => setTimeout(() => r("still open"), 300)),
    ]);
    expect(next).toBe("still open");
    ctl.abort();
  });

  it("answers verbs a resource does not support with a 405 Status, unknown paths with 404", async () => {
    // Namespaces can be created and labelled (an installation's deploy/), never deleted here.
    const del = await fetch(`${double.url}/api/v1/namespaces/default`, { method: "DELETE" });
    expect(del.status).toBe(405);
    expect(await del.json()).toMatchObject({ kind: "Status", reason: "MethodNotAllowed", code: 405 });
    const missing = await fetch(`${double.url}/apis/apps/v1/namespaces/default/statefulsets`);
    expect(missing.status).toBe(404);
    expect((await core.listNamespace()).items.map((n) => n.metadata?.name)).toEqual([
      "default",
      "kube-system",
    ]);
  });

  it("pod logs honour sinceSeconds and the metrics API can be switched off", async () => {
    const pods = await core.listNamespacedPod({ namespace: "default", labelSelector: "version=new" });
    const log = await core.readNamespacedPodLog({
      name: pods.items[0]!.metadata!.name!,
      namespace: "default",
      sinceSeconds: 60,
      timestamps: true,
    });
    expect(log.trim().split("\n").length).toBeGreaterThanOrEqual(3);
    expect(log.trim().split("\n").length).toBeLessThanOrEqual(5);
    const metricsUrl = `${double.url}/apis/metrics.k8s.io/v1beta1/namespaces/default/pods`;
    const metrics = (await (await fetch(metricsUrl)).json()) as {
      items: Array<{ containers: Array<{ usage: { cpu: string } }> }>;
    };
    expect(metrics.items).toHaveLength(6);
    expect(metrics.items[0]!.containers[0]!.usage.cpu).toMatch(/^\d+m$/);
    await control("metrics", "POST", { available: false });
    expect((await fetch(metricsUrl)).status).toBe(503);
  });
});
