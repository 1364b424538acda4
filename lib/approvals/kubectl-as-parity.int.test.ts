// Proof with the real kubectl: `kubectl --as=<user> --as-group=<group>` against the Kubernetes
// API double gets the same answers — the access review and the real (server dry-run) request —
// as Firebreak's permission preview for that person, allowed and refused alike.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { assertKubectlPresent, runKubectl } from "@/doubles/kube-api/kubectl";
import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import type { Role } from "@/lib/auth/permissions";
import { kubectlAsFlags, kubeIdentityFor } from "@/lib/kube/impersonation";
import { testActor } from "@/lib/testing/actors";
import { declareTestIncident, doubleControl, registerDemoService } from "@/lib/testing/remediation";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

let db: TestDatabase;
let kube: RunningKubeDouble;
let cacheDir: string;
let preview: typeof import("@/lib/remediation/preview");
let factory: typeof import("@/lib/remediation/cluster-factory");
let incidentId: number;

beforeAll(async () => {
  assertKubectlPresent();
  [db, kube] = await Promise.all([createTestDatabase(), startKubeDouble({ readyDelayMs: 0 })]);
  cacheDir = mkdtempSync(path.join(tmpdir(), "kubectl-as-"));
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "5000",
  });
  [preview, factory] = await Promise.all([
    import("@/lib/remediation/preview"),
    import("@/lib/remediation/cluster-factory"),
  ]);
  await registerDemoService("http://127.0.0.1:9");
  incidentId = await declareTestIncident();
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await Promise.all([db?.drop(), kube?.stop()]);
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

const CONFIG = { enabled: true, userFrom: "email" as const, groupPrefix: "firebreak:" };
const PATCH = '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]';

async function asBoth(role: Role) {
  const person = testActor(role);
  const identity = kubeIdentityFor(person, CONFIG)!;
  const target = { kubeconfig: kube.kubeconfigPath, cacheDir };
  const flags = kubectlAsFlags(identity);
  const canI = await runKubectl(target, ["auth", "can-i", "patch", "services", "-n", "default", ...flags]);
  const patch = await runKubectl(target, [
    "patch",
    "service",
    "api-optimizer",
    "-n",
    "default",
    "--type=json",
    "-p",
    PATCH,
    "--dry-run=server",
    ...flags,
  ]);
  const ours = await preview.previewAction(
    { incidentId, kind: "rollback" },
    { cluster: factory.getCluster(undefined, identity) },
  );
  return { identity, canI, patch, ours };
}

describe("kubectl --as and Firebreak's preview agree", () => {
  it("allowed: the responder may patch the Service in default, by both", async () => {
    const { canI, patch, ours } = await asBoth("responder");
    expect(canI.stdout.trim()).toBe("yes");
    expect(patch.code).toBe(0);
    expect(ours.access.state).toBe("allowed");
    expect(ours.dryRunError).toBeNull();
    expect(ours.diff).toEqual([{ path: "version", before: "new", after: "stable" }]);
  });

  it("refused: the viewer gets 'no' and the real API's 403 from kubectl, and the same from Firebreak", async () => {
    const viewer = testActor("viewer");
    const identity = kubeIdentityFor(viewer, CONFIG)!;
    const flags = kubectlAsFlags(identity);
    const target = { kubeconfig: kube.kubeconfigPath, cacheDir };
    const canI = await runKubectl(target, ["auth", "can-i", "patch", "services", "-n", "default", ...flags]);
    const patch = await runKubectl(target, [
      "patch",
      "service",
      "api-optimizer",
      "-n",
      "default",
      "--type=json",
      "-p",
      PATCH,
      "--dry-run=server",
      ...flags,
    ]);
    const forbidden = `services "api-optimizer" is forbidden: User "${identity.user}" cannot patch resource "services" in API group "" in the namespace "default"`;
    expect(canI.stdout.trim()).toBe("no");
    expect(canI.code).not.toBe(0);
    expect(patch.code).not.toBe(0);
    // kubectl reads the object before patching it; Firebreak's preview does too: same refusal.
    const readForbidden = forbidden.replace("cannot patch", "cannot get");
    expect(patch.stderr).toContain(`Error from server (Forbidden): ${readForbidden}`);

    const cluster = factory.getCluster(undefined, identity);
    const review = await cluster.checkAccess({
      verb: "patch",
      group: "",
      resource: "services",
      namespace: "default",
    });
    expect(review.allowed).toBe(false);
    const ref = { namespace: "default", name: "api-optimizer" };
    const ops = JSON.parse(PATCH) as Parameters<typeof cluster.patchService>[1];
    await expect(cluster.patchService(ref, ops, { dryRun: true })).rejects.toThrow(forbidden);
    // The preview itself cannot even read the Service as the viewer, and says so in the API's words.
    await expect(preview.previewAction({ incidentId, kind: "rollback" }, { cluster })).rejects.toThrow(
      readForbidden,
    );
  });

  it("refused for the responder: deleting, or patching outside default — kubectl and Firebreak agree", async () => {
    const identity = kubeIdentityFor(testActor("responder"), CONFIG)!;
    const target = { kubeconfig: kube.kubeconfigPath, cacheDir };
    const canI = await runKubectl(target, [
      "auth",
      "can-i",
      "delete",
      "deployments",
      "-n",
      "default",
      ...kubectlAsFlags(identity),
    ]);
    expect(canI.stdout.trim()).toBe("no");
    const review = await factory
      .getCluster(undefined, identity)
      .checkAccess({ verb: "patch", group: "apps", resource: "deployments", namespace: "payments" });
    const kubectlPayments = await runKubectl(target, [
      "auth",
      "can-i",
      "patch",
      "deployments",
      "-n",
      "payments",
      ...kubectlAsFlags(identity),
    ]);
    expect(review.allowed).toBe(kubectlPayments.stdout.trim() === "yes");
    expect(review.allowed).toBe(false);
  });

  it("answers 403 with the real Status body and logs whom the request acted as", async () => {
    await doubleControl(kube.url, "requests", "DELETE");
    const res = await fetch(`${kube.url}/api/v1/namespaces/default/services/api-optimizer`, {
      method: "PATCH",
      headers: {
        "content-type": "application/json-patch+json",
        "impersonate-user": "viewer@firebreak.test",
        "impersonate-group": "firebreak:viewer",
      },
      body: PATCH,
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        'services "api-optimizer" is forbidden: User "viewer@firebreak.test" cannot patch resource "services" in API group "" in the namespace "default"',
      reason: "Forbidden",
      details: { name: "api-optimizer", kind: "services" },
      code: 403,
    });
    const { requests } = (await doubleControl(kube.url, "requests?method=PATCH", "GET")) as {
      requests: Array<{ impersonatedUser: string | null }>;
    };
    expect(requests.map((r) => r.impersonatedUser)).toEqual(["viewer@firebreak.test"]);
  });
});
