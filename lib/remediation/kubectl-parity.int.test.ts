// Contract: the kubectl command Firebreak shows for each action, run as shown (in a shell,
// with the real kubectl) against the Kubernetes API double, leaves the cluster in the same
// state as Firebreak's own request.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import {
  createExpressionSelectedApp,
  declareIncidentOn,
  doubleControl,
  registerService,
  runShownCommand,
  TEST_ACTOR,
} from "@/lib/testing/remediation";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

import type { ActionRequest } from "./schemas";

let db: TestDatabase;
let kube: RunningKubeDouble;
let cacheDir: string;
let actions: typeof import("./run-action");
let preview: typeof import("./preview");

beforeAll(async () => {
  [db, kube] = await Promise.all([createTestDatabase(), startKubeDouble({ readyDelayMs: 0 })]);
  cacheDir = mkdtempSync(path.join(tmpdir(), "kubectl-parity-"));
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "5000",
  });
  actions = await import("./run-action");
  preview = await import("./preview");
  await registerService("api-optimizer", { deployment: "api-optimizer", service: "api-optimizer" });
  await registerService("edge", { deployment: "edge", service: "edge" });
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await Promise.all([db?.drop(), kube?.stop()]);
  rmSync(cacheDir, { recursive: true, force: true });
});

type Json = Record<string, unknown>;
const get = async (p: string): Promise<Json> => (await fetch(`${kube.url}${p}`)).json() as Promise<Json>;

/** Drops what differs by construction (timestamps, uids, resourceVersions, kubectl's Go zero values). */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (
        ["creationTimestamp", "resourceVersion", "uid", "managedFields", "generation", "status"].includes(k)
      )
        continue;
      if (
        k === "kubectl.kubernetes.io/restartedAt" ||
        k === "kubectl.kubernetes.io/last-applied-configuration" ||
        k === "pod-template-hash"
      ) {
        out[k] = "<set>";
        continue;
      }
      const n = normalize(v);
      if (n === null || (typeof n === "object" && !Array.isArray(n) && Object.keys(n as Json).length === 0))
        continue;
      out[k] = n;
    }
    return out;
  }
  return value;
}

async function clusterState(app: string) {
  const svc = await get(`/api/v1/namespaces/default/services/${app}`);
  const dep = await get(`/apis/apps/v1/namespaces/default/deployments/${app}`);
  const rs = (await get(`/apis/apps/v1/namespaces/default/replicasets`)) as {
    items: Array<{ metadata: { annotations: Json; ownerReferences?: Array<{ name: string }> }; spec: Json }>;
  };
  const policies = (await get(`/apis/networking.k8s.io/v1/namespaces/default/networkpolicies`)) as {
    items: Array<{ metadata: Json; spec: Json }>;
  };
  return normalize({
    selector: (svc.spec as Json).selector,
    deployment: { annotations: (dep.metadata as Json).annotations, spec: dep.spec },
    revisions: rs.items
      .filter((r) => r.metadata.ownerReferences?.[0]?.name === app)
      .map((r) => ({ revision: r.metadata.annotations["deployment.kubernetes.io/revision"], spec: r.spec }))
      .sort((a, b) => String(a.revision).localeCompare(String(b.revision))),
    policies: policies.items.map((p) => ({ name: p.metadata.name, labels: p.metadata.labels, spec: p.spec })),
  });
}

type Case = { app: string; request: Omit<ActionRequest, "incidentId">; setup?: () => Promise<void> };

async function fresh(c: Case) {
  await doubleControl(kube.url, "reset");
  if (c.app === "edge") await createExpressionSelectedApp(kube.url);
  await c.setup?.();
}

/** Firebreak's result and the shown command's result, each from the same fresh state. */
async function both(c: Case) {
  await fresh(c);
  // Each case starts from a fresh cluster whose objects carry the same resourceVersions as an
  // earlier case's: an earlier run on the same target would (rightly) answer "already done".
  const { getDb } = await import("@/lib/db/client");
  await getDb().actionRun.deleteMany({ where: { service: c.app } });
  const incidentId = await declareIncidentOn(c.app);
  const shown = await preview.previewAction({ incidentId, ...c.request });
  expect(shown.refusal).toBeNull();
  const initial = await clusterState(c.app);
  const result = await actions.runAction({ incidentId, ...c.request }, TEST_ACTOR, { verify: false });
  expect(result.status).toBe("done");
  const firebreak = await clusterState(c.app);
  expect(firebreak, "Firebreak changed nothing").not.toEqual(initial);

  await fresh(c);
  const r = await runShownCommand(kube.kubeconfigPath, cacheDir, shown.kubectl);
  expect(r.code, `${shown.kubectl}\n${r.stderr}`).toBe(0);
  return { firebreak, kubectl: await clusterState(c.app), command: shown.kubectl };
}

const dropLabel = async () => {
  const res = await fetch(`${kube.url}/api/v1/namespaces/default/services/api-optimizer`, {
    method: "PATCH",
    headers: { "content-type": "application/json-patch+json" },
    body: JSON.stringify([{ op: "remove", path: "/spec/selector/version" }]),
  });
  expect(res.status).toBe(200);
};

describe("the shown kubectl command = Firebreak's request, run with the real kubectl", () => {
  it("containment of a matchExpressions Deployment denies ingress with the same expressions, not {}", async () => {
    await fresh({ app: "edge", request: { kind: "containment" } });
    const incidentId = await declareIncidentOn("edge");
    await actions.runAction({ incidentId, kind: "containment" }, TEST_ACTOR, { verify: false });
    const policy = await get(
      "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/firebreak-deny-ingress-edge",
    );
    expect((policy.spec as Json).podSelector).toEqual({
      matchExpressions: [
        { key: "app", operator: "In", values: ["edge"] },
        { key: "version", operator: "In", values: ["new"] },
      ],
    });
    // Only the contained Deployment's pods were selected: the stable pods still serve.
    const stable = (await get(
      `/api/v1/namespaces/default/pods?labelSelector=${encodeURIComponent("app=edge,version=stable")}`,
    )) as { items: unknown[] };
    expect(stable.items).toHaveLength(2);
  });

  it.each<[string, Case]>([
    ["emergency rollback", { app: "api-optimizer", request: { kind: "rollback" } }],
    [
      "rollback, add-label variant",
      { app: "api-optimizer", request: { kind: "rollback", variant: "add-label" }, setup: dropLabel },
    ],
    ["rollout undo", { app: "api-optimizer", request: { kind: "undo" } }],
    ["rollout undo to revision 1", { app: "api-optimizer", request: { kind: "undo", toRevision: 1 } }],
    ["scale to 10", { app: "api-optimizer", request: { kind: "scale", replicas: 10 } }],
    ["restart", { app: "api-optimizer", request: { kind: "restart" } }],
    ["containment", { app: "api-optimizer", request: { kind: "containment" } }],
    [
      "containment of a matchExpressions-selected Deployment",
      { app: "edge", request: { kind: "containment" } },
    ],
  ])("%s", async (_name, c) => {
    const { firebreak, kubectl, command } = await both(c);
    expect(kubectl, command).toEqual(firebreak);
  });

  it("shows the rollback's exact guarded JSON patch and the add-label variant's selector test", async () => {
    await fresh({ app: "api-optimizer", request: { kind: "rollback" }, setup: dropLabel });
    const incidentId = await declareIncidentOn("api-optimizer");
    const p = await preview.previewAction({ incidentId, kind: "rollback", variant: "add-label" });
    expect(p.kubectl).toBe(
      `kubectl patch service api-optimizer -n default --type=json -p '[{"op":"test","path":"/spec/selector","value":{"app":"api-optimizer"}},{"op":"add","path":"/spec/selector/version","value":"stable"}]'`,
    );
  });
});
