// The rollback's pre-flight against the real Kubernetes API double: a switch that would leave
// the Service with no ready endpoints is refused and nothing is sent.
import { beforeAll, describe, expect, it } from "vitest";

import {
  countRealPatches,
  declareTestIncident,
  doubleControl,
  dropVersionLabel,
  makePodsUnready,
  readServiceVersion,
  TEST_ACTOR,
} from "@/lib/testing/remediation";
import { setupRemediationHarness } from "@/lib/testing/remediation-harness";

const h = setupRemediationHarness();
let actions: typeof import("./run-action");
let preview: typeof import("./preview");
let store: typeof import("./store");

beforeAll(async () => {
  actions = await import("./run-action");
  preview = await import("./preview");
  store = await import("./store");
});

const rollback = (incidentId: number, variant?: "add-label") =>
  actions.runAction({ incidentId, kind: "rollback", variant }, TEST_ACTOR, { verify: false });

describe("rollback pre-flight", () => {
  it("shows how many ready pods will serve after the switch, and the pods", async () => {
    const p = await preview.previewAction({ incidentId: await declareTestIncident(), kind: "rollback" });
    expect(p.refusal).toBeNull();
    expect(p.serving?.summary).toBe("3 ready pods will serve after the switch");
    expect(p.serving?.pods.every((pod) => pod.name.startsWith("api-optimizer-stable-") && pod.ready)).toBe(
      true,
    );
  });

  it("refuses a Service whose selector has no version label, sends nothing, and records the refusal", async () => {
    await dropVersionLabel(h.kube.url);
    const incidentId = await declareTestIncident();
    const p = await preview.previewAction({ incidentId, kind: "rollback" });
    expect(p.refusal?.code).toBe("missing_label");
    expect(p.labelToAdd).toBe("version=stable");
    await doubleControl(h.kube.url, "requests", "DELETE");
    await expect(rollback(incidentId)).rejects.toThrow(/has no "version" label.*Nothing was sent/);
    expect(await countRealPatches(h.kube.url, "/services/")).toBe(0);
    expect(await readServiceVersion(h.kube.url)).toBeUndefined();
    const [run] = await store.listRuns({ incidentId });
    expect(run).toMatchObject({ outcome: "failed", error: expect.stringMatching(/no "version" label/) });
  });

  it("the explicit add-label variant shows the pods it would select, then adds the label", async () => {
    await dropVersionLabel(h.kube.url);
    const incidentId = await declareTestIncident();
    const p = await preview.previewAction({ incidentId, kind: "rollback", variant: "add-label" });
    expect(p.refusal).toBeNull();
    expect(p.serving).toMatchObject({ selector: { app: "api-optimizer", version: "stable" }, ready: 3 });
    expect(p.diff).toMatchObject([{ path: "version", after: "stable" }]);
    const result = await rollback(incidentId, "add-label");
    expect(result.status).toBe("done");
    expect(await readServiceVersion(h.kube.url)).toBe("stable");
  });

  it("refuses when the stable pods are not ready (zero ready endpoints would cut traffic)", async () => {
    expect(await makePodsUnready(h.kube.url, "app=api-optimizer,version=stable")).toBe(3);
    const incidentId = await declareTestIncident();
    const p = await preview.previewAction({ incidentId, kind: "rollback" });
    expect(p.refusal?.code).toBe("no_ready_pods");
    expect(p.serving).toMatchObject({ ready: 0 });
    await doubleControl(h.kube.url, "requests", "DELETE");
    await expect(rollback(incidentId)).rejects.toThrow(
      /None of the 3 pods matching .* is Ready.*cut all traffic/,
    );
    expect(await countRealPatches(h.kube.url, "/services/")).toBe(0);
    expect(await readServiceVersion(h.kube.url)).toBe("new");
  });

  it("counts ready endpoints, so verification can fail fast when a switch leaves none", async () => {
    const { readyEndpointCount } = await import("./serving");
    const { getCluster } = await import("./cluster-factory");
    const ref = { namespace: "default", name: "api-optimizer" };
    expect(await readyEndpointCount(getCluster(), ref)).toEqual({ ready: 3, total: 3 });
    await makePodsUnready(h.kube.url, "app=api-optimizer,version=new");
    await expect.poll(() => readyEndpointCount(getCluster(), ref)).toEqual({ ready: 0, total: 3 });
  });
});
