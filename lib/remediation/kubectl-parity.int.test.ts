// Contract: Firebreak's rollback, undo, scale and restart leave the cluster in the same state
// as the kubectl commands they stand for, against the same Kubernetes API double.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

import type { ActionRequest } from "./schemas";
import {
  declareTestIncident,
  doubleControl,
  registerDemoService,
  runKubectl,
  TEST_ACTOR,
} from "@/lib/testing/remediation";

let db: TestDatabase;
let kube: RunningKubeDouble;
let cacheDir: string;
let actions: typeof import("./run-action");

beforeAll(async () => {
  [db, kube] = await Promise.all([createTestDatabase(), startKubeDouble({ readyDelayMs: 0 })]);
  cacheDir = mkdtempSync(path.join(tmpdir(), "kubectl-parity-"));
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "5000",
  });
  actions = await import("./run-action");
  await registerDemoService("http://127.0.0.1:9");
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
      if (k === "kubectl.kubernetes.io/restartedAt") {
        out[k] = "<timestamp>";
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

async function clusterState() {
  const svc = await get("/api/v1/namespaces/default/services/api-optimizer");
  const dep = await get("/apis/apps/v1/namespaces/default/deployments/api-optimizer");
  const rs = (await get(
    "/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dapi-optimizer,version%3Dnew",
  )) as {
    items: Array<{
      metadata: { annotations: Json };
      spec: { template: { spec: { containers: Array<{ image: string }> } } };
    }>;
  };
  return normalize({
    selector: (svc.spec as Json).selector,
    deployment: { annotations: (dep.metadata as Json).annotations, spec: dep.spec },
    revisions: rs.items
      .map(
        (r) =>
          `${String(r.metadata.annotations["deployment.kubernetes.io/revision"])}:${r.spec.template.spec.containers[0]!.image}`,
      )
      .sort(),
  });
}

async function afterKubectl(args: string[]) {
  await doubleControl(kube.url, "reset");
  const initial = await clusterState();
  const r = await runKubectl(kube.kubeconfigPath, cacheDir, args);
  expect(r.code, r.stderr).toBe(0);
  const state = await clusterState();
  expect(state, "the kubectl command changed nothing").not.toEqual(initial);
  return state;
}

async function afterFirebreak(request: Omit<ActionRequest, "incidentId">) {
  await doubleControl(kube.url, "reset");
  const incidentId = await declareTestIncident();
  const result = await actions.runAction({ incidentId, ...request }, TEST_ACTOR, { verify: false });
  expect(result.status).toBe("done");
  return clusterState();
}

describe("Firebreak actions vs kubectl against the same double", () => {
  it("emergency rollback = kubectl patch service --type=json (runbook command)", async () => {
    const kubectl = await afterKubectl([
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      `-p=[{"op":"replace","path":"/spec/selector/version","value":"stable"}]`,
    ]);
    expect(kubectl).toMatchObject({ selector: { version: "stable" } });
    expect(await afterFirebreak({ kind: "rollback" })).toEqual(kubectl);
  });

  it("rollout undo = kubectl rollout undo", async () => {
    const kubectl = await afterKubectl(["rollout", "undo", "deployment/api-optimizer"]);
    expect(await afterFirebreak({ kind: "undo" })).toEqual(kubectl);
  });

  it("rollout undo to a chosen revision = kubectl rollout undo --to-revision=1", async () => {
    const kubectl = await afterKubectl(["rollout", "undo", "deployment/api-optimizer", "--to-revision=1"]);
    expect(await afterFirebreak({ kind: "undo", toRevision: 1 })).toEqual(kubectl);
  });

  it("scale = kubectl scale --replicas=10 (runbook: scale up for high load)", async () => {
    const kubectl = await afterKubectl(["scale", "deployment/api-optimizer", "--replicas=10"]);
    expect(kubectl).toMatchObject({ deployment: { spec: { replicas: 10 } } });
    expect(await afterFirebreak({ kind: "scale", replicas: 10 })).toEqual(kubectl);
  });

  it("restart = kubectl rollout restart", async () => {
    const kubectl = await afterKubectl(["rollout", "restart", "deployment/api-optimizer"]);
    expect(JSON.stringify(kubectl)).toContain("restartedAt");
    expect(await afterFirebreak({ kind: "restart" })).toEqual(kubectl);
  });
});
