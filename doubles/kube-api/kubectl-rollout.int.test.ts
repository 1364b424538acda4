// Fidelity proof, rollouts: the runbook's (seeds/001) `rollout history|undo|restart|status` and `scale` run by
// the real kubectl against the double, asserting Deployments and ReplicaSets through the double's own API.
import { describe, expect, it } from "vitest";

import { NS, type Pod, type Meta, withKubectlDouble } from "./kubectl-harness";

const APPS = "/apis/apps/v1/namespaces/default";

type Deploy = {
  metadata: Meta;
  spec: {
    replicas: number;
    template: {
      metadata: { annotations?: Record<string, string> };
      spec: { containers: Array<{ image: string }> };
    };
  };
};
type RS = {
  metadata: Meta;
  spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
};

const { api, kubectl, ok } = withKubectlDouble({ readyDelayMs: 400 });

const image = (d: Deploy) => d.spec.template.spec.containers[0]!.image;
const revisions = async () =>
  (await api<{ items: RS[] }>(`${APPS}/replicasets?labelSelector=app%3Dapi-optimizer,version%3Dnew`)).items
    .map((rs) => ({
      revision: Number(rs.metadata.annotations!["deployment.kubernetes.io/revision"]),
      image: rs.spec.template.spec.containers[0]!.image,
      replicas: rs.spec.replicas,
    }))
    .sort((a, b) => a.revision - b.revision);

describe("kubectl rollouts against the Kubernetes API double", () => {
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
});
