// Fidelity proof: the real kubectl (/usr/bin/kubectl, v1.32) against the double, asserting the resulting state
// through the double's own API. These are the runbook's commands (seeds/001).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { assertKubectlPresent, runKubectl, runKubectlOk } from "./kubectl";
import { startKubeDouble, type RunningKubeDouble } from "./spawn";

const NS = "/api/v1/namespaces/default";
const APPS = "/apis/apps/v1/namespaces/default";

let double: RunningKubeDouble;
let cacheDir: string;

type Obj = {
  metadata: {
    name: string;
    resourceVersion: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec: Record<string, never>;
  status: Record<string, never>;
};

async function api<T = Obj>(p: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${double.url}${p}`, { ...init, signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${p} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const target = () => ({ kubeconfig: double.kubeconfigPath, cacheDir });
const kubectl = (...args: string[]) => runKubectl(target(), args);
const ok = (...args: string[]) => runKubectlOk(target(), args);

const image = (d: { spec: { template?: { spec: { containers: Array<{ image: string }> } } } }) =>
  d.spec.template!.spec.containers[0]!.image;
type Deploy = {
  metadata: Obj["metadata"];
  spec: {
    replicas: number;
    template: {
      metadata: { annotations?: Record<string, string> };
      spec: { containers: Array<{ image: string }> };
    };
  };
  status: { updatedReplicas?: number; readyReplicas?: number; replicas?: number };
};
type Pod = { metadata: Obj["metadata"]; status: { podIP: string; phase: string } };
type RS = {
  metadata: Obj["metadata"];
  spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
};

const revisions = async () =>
  (await api<{ items: RS[] }>(`${APPS}/replicasets?labelSelector=app%3Dapi-optimizer,version%3Dnew`)).items
    .map((rs) => ({
      revision: Number(rs.metadata.annotations!["deployment.kubernetes.io/revision"]),
      image: rs.spec.template.spec.containers[0]!.image,
      replicas: rs.spec.replicas,
    }))
    .sort((a, b) => a.revision - b.revision);

beforeAll(async () => {
  assertKubectlPresent();
  cacheDir = mkdtempSync(path.join(tmpdir(), "kubectl-cache-"));
  double = await startKubeDouble({ readyDelayMs: 400 });
}, 30_000);

afterAll(async () => {
  await double?.stop();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await api("/__double/reset", { method: "POST" });
});

describe("kubectl against the Kubernetes API double", () => {
  it("get deploy,svc,pods lists the blue/green demo app with server-side columns", async () => {
    const out = await ok("get", "deploy,svc,pods");
    expect(out).toMatch(/deployment\.apps\/api-optimizer\s+3\/3\s+3\s+3/);
    expect(out).toMatch(/deployment\.apps\/api-optimizer-stable\s+3\/3\s+3\s+3/);
    expect(out).toMatch(/service\/api-optimizer\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP/);
    expect(out.match(/^pod\/api-optimizer-\S+\s+1\/1\s+Running/gm)).toHaveLength(6);
    expect(await ok("get", "deploy", "api-optimizer", "-o", "wide")).toMatch(
      /api-optimizer\s+3\/3\s+3\s+3\s+\S+\s+api-optimizer\s+registry\.local\/api-optimizer:2\.1\.1\s+app=api-optimizer,version=new/,
    );
  });

  it("reads the Service selector with jsonpath", async () => {
    expect(await ok("get", "svc", "api-optimizer", "-o", "jsonpath={.spec.selector.version}")).toBe("new");
  });

  it("the runbook's emergency rollback (json patch of the selector) switches the Service and its endpoints to stable", async () => {
    await api("/__double/requests", { method: "DELETE" });
    const out = await ok(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]',
    );
    expect(out.trim()).toBe("service/api-optimizer patched");
    const svc = await api<{ spec: { selector: Record<string, string> } }>(`${NS}/services/api-optimizer`);
    expect(svc.spec.selector).toEqual({ app: "api-optimizer", version: "stable" });
    const stableIps = (await api<{ items: Pod[] }>(`${NS}/pods?labelSelector=version%3Dstable`)).items
      .map((p) => p.status.podIP)
      .sort();
    const ep = await api<{ subsets: Array<{ addresses: Array<{ ip: string }> }> }>(
      `${NS}/endpoints/api-optimizer`,
    );
    expect(ep.subsets[0]!.addresses.map((a) => a.ip).sort()).toEqual(stableIps);
    const { requests } = await api<{
      requests: Array<{
        method: string;
        path: string;
        contentType: string;
        body: unknown;
        query: Record<string, string>;
      }>;
    }>("/__double/requests?method=PATCH");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      path: `${NS}/services/api-optimizer`,
      contentType: "application/json-patch+json",
      query: { fieldManager: "kubectl-patch" },
      body: [{ op: "replace", path: "/spec/selector/version", value: "stable" }],
    });
    expect(await ok("get", "svc", "api-optimizer", "-o", "jsonpath={.spec.selector.version}")).toBe("stable");
  });

  it("get endpoints shows the ready pods behind the Service", async () => {
    const out = await ok("get", "endpoints", "api-optimizer");
    const newIps = (await api<{ items: Pod[] }>(`${NS}/pods?labelSelector=version%3Dnew`)).items.map(
      (p) => p.status.podIP,
    );
    for (const ip of newIps) expect(out).toContain(`${ip}:8080`);
  });

  it("rollout history lists the three revisions with their change causes", async () => {
    const out = await ok("rollout", "history", "deployment/api-optimizer");
    expect(out).toMatch(/1\s+initial release 2\.0\.3\n2\s+image bump to 2\.1\.0\n3\s+image bump to 2\.1\.1/);
  });

  it("rollout undo goes back to the previous revision, reusing its ReplicaSet under a new revision number", async () => {
    const before = await revisions();
    expect(await ok("rollout", "undo", "deployment/api-optimizer")).toContain("rolled back");
    const d = await api<Deploy>(`${APPS}/deployments/api-optimizer`);
    expect(image(d)).toBe("registry.local/api-optimizer:2.1.0");
    expect(d.metadata.annotations!["deployment.kubernetes.io/revision"]).toBe("4");
    const after = await revisions();
    expect(after).toHaveLength(before.length); // reused, not a new ReplicaSet
    expect(after.map((r) => r.revision)).toEqual([1, 3, 4]);
    expect((await ok("rollout", "status", "deployment/api-optimizer", "--timeout=30s")).trim()).toMatch(
      /successfully rolled out$/,
    );
    expect((await revisions()).find((r) => r.revision === 4)).toMatchObject({
      image: "registry.local/api-optimizer:2.1.0",
      replicas: 3,
    });
    expect((await revisions()).filter((r) => r.replicas > 0)).toHaveLength(1);
  }, 60_000);

  it("rollout undo --to-revision picks that revision", async () => {
    await ok("rollout", "undo", "deployment/api-optimizer", "--to-revision=1");
    expect(image(await api<Deploy>(`${APPS}/deployments/api-optimizer`))).toBe(
      "registry.local/api-optimizer:2.0.3",
    );
    const out = await ok("rollout", "history", "deployment/api-optimizer");
    expect(out).toMatch(
      /2\s+image bump to 2\.1\.0\n3\s+image bump to 2\.1\.1 \(route cache rewrite\)\n4\s+initial release 2\.0\.3/,
    );
  });

  it("scale changes the replica count and rollout status waits until the new pods are ready", async () => {
    // Long enough that rollout status surely starts before the new pods are ready, even on a loaded machine.
    await api("/__double/ready-delay", { method: "POST", body: JSON.stringify({ ms: 2500 }) });
    expect((await ok("scale", "deployment/api-optimizer", "--replicas=5")).trim()).toBe(
      "deployment.apps/api-optimizer scaled",
    );
    expect((await api<Deploy>(`${APPS}/deployments/api-optimizer`)).spec.replicas).toBe(5);
    const status = await ok("rollout", "status", "deployment/api-optimizer", "--timeout=30s");
    expect(status).toContain('Waiting for deployment "api-optimizer" rollout to finish');
    expect(status.trim()).toMatch(/deployment "api-optimizer" successfully rolled out$/);
    const pods = (await api<{ items: Pod[] }>(`${NS}/pods?labelSelector=app%3Dapi-optimizer,version%3Dnew`))
      .items;
    expect(pods.filter((p) => p.status.phase === "Running")).toHaveLength(5);
    expect(
      (await api<{ spec: { replicas: number } }>(`${APPS}/deployments/api-optimizer/scale`)).spec.replicas,
    ).toBe(5);
  }, 60_000);

  it("rollout restart stamps the template and rolls every pod onto a new ReplicaSet", async () => {
    const oldPods = (await api<{ items: Pod[] }>(`${NS}/pods?labelSelector=version%3Dnew`)).items.map(
      (p) => p.metadata.name,
    );
    expect(await ok("rollout", "restart", "deployment/api-optimizer")).toContain("restarted");
    const d = await api<Deploy>(`${APPS}/deployments/api-optimizer`);
    expect(d.spec.template.metadata.annotations!["kubectl.kubernetes.io/restartedAt"]).toMatch(
      /^\d{4}-\d\d-\d\dT/,
    );
    expect(d.metadata.annotations!["deployment.kubernetes.io/revision"]).toBe("4");
    await ok("rollout", "status", "deployment/api-optimizer", "--timeout=30s");
    const pods = (await api<{ items: Pod[] }>(`${NS}/pods?labelSelector=version%3Dnew`)).items;
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(oldPods).not.toContain(p.metadata.name);
  }, 60_000);

  it("rollout status fails with a timeout while pods are not ready", async () => {
    await api("/__double/ready-delay", { method: "POST", body: JSON.stringify({ ms: 60_000 }) });
    await ok("rollout", "restart", "deployment/api-optimizer");
    const r = await kubectl("rollout", "status", "deployment/api-optimizer", "--timeout=2s");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/timed out waiting for the condition/);
  }, 30_000);

  it("logs -l --since=15m returns recent lines from every selected pod", async () => {
    await api("/__double/requests", { method: "DELETE" });
    const started = Date.now();
    const out = await ok("logs", "-l", "app=api-optimizer,version=new", "--since=15m", "--tail=-1");
    const lines = out.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3 * 59);
    for (const line of lines)
      expect(Date.parse(line.split(" ")[0]!)).toBeGreaterThanOrEqual(started - 15 * 60_000 - 1000);
    expect(lines.filter((l) => /error/i.test(l)).length).toBeGreaterThan(0);
    const { requests } = await api<{ requests: Array<{ path: string; query: Record<string, string> }> }>(
      "/__double/requests?path=/log",
    );
    expect(requests).toHaveLength(3);
    for (const r of requests) expect(r.query.sinceSeconds).toBe("900");
    // Without --tail kubectl asks for the last 10 lines per pod when a selector is used.
    expect((await ok("logs", "-l", "app=api-optimizer", "--since=15m")).trim().split("\n")).toHaveLength(60);
  });

  it("patch --dry-run=server returns the change but leaves the Service untouched", async () => {
    const before = await api(`${NS}/services/api-optimizer`);
    const out = await ok(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]',
      "--dry-run=server",
      "-o",
      "jsonpath={.spec.selector.version}",
    );
    expect(out).toBe("stable");
    const after = await api(`${NS}/services/api-optimizer`);
    expect(after).toEqual(before);
    const { requests } = await api<{ requests: Array<{ query: Record<string, string> }> }>(
      "/__double/requests?method=PATCH",
    );
    expect(requests.at(-1)!.query.dryRun).toBe("All");
  });

  it("a failing json-patch test op is refused and nothing changes", async () => {
    const r = await kubectl(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"test","path":"/spec/selector/version","value":"stable"},{"op":"replace","path":"/spec/selector/version","value":"new"}]',
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("testing value /spec/selector/version failed");
    expect(
      (await api<{ spec: { selector: Record<string, string> } }>(`${NS}/services/api-optimizer`)).spec
        .selector.version,
    ).toBe("new");
  });

  it("an injected 500 reaches kubectl as an error and the Service is unchanged; the retry succeeds", async () => {
    await api("/__double/faults", {
      method: "POST",
      body: JSON.stringify({ method: "PATCH", path: "/services/api-optimizer", kind: "status", status: 500 }),
    });
    const failed = await kubectl(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]',
    );
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/injected fault: 500|Internal error/i);
    expect(
      (await api<{ spec: { selector: Record<string, string> } }>(`${NS}/services/api-optimizer`)).spec
        .selector.version,
    ).toBe("new");
    await ok(
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      "-p",
      '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]',
    );
    expect(
      (await api<{ spec: { selector: Record<string, string> } }>(`${NS}/services/api-optimizer`)).spec
        .selector.version,
    ).toBe("stable");
  });

  it("a denial configured for SelfSubjectAccessReview also forbids the real request", async () => {
    await api("/__double/ssar", {
      method: "POST",
      body: JSON.stringify({ deny: [{ verb: "patch", resource: "services" }] }),
    });
    const denied = await kubectl("auth", "can-i", "patch", "services");
    expect(denied.code).not.toBe(0);
    expect(denied.stdout.trim()).toMatch(/^no\b/);
    expect((await kubectl("auth", "can-i", "get", "services")).stdout.trim()).toBe("yes");
    const r = await kubectl("patch", "service", "api-optimizer", "-p", '{"metadata":{"labels":{"x":"y"}}}');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('cannot patch resource "services"');
  });
});
