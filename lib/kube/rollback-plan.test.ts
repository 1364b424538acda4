import { describe, expect, it } from "vitest";

import type { DeploymentView, RevisionView } from "./cluster";
import { applyJsonPatch } from "./json-patch";
import { escapePointer, planRolloutUndo, planScale, planSelectorSwitch } from "./rollback-plan";

const svc = {
  namespace: "default",
  name: "api-optimizer",
  selector: { app: "api-optimizer", version: "new" },
  resourceVersion: "7",
};

function template(image: string, hash: string) {
  return {
    metadata: { labels: { app: "web", "pod-template-hash": hash } },
    spec: { containers: [{ name: "web", image }] },
  };
}

function deployment(over: Partial<DeploymentView> = {}): DeploymentView {
  return {
    namespace: "default",
    name: "web",
    uid: "u1",
    resourceVersion: "42",
    generation: 3,
    observedGeneration: 3,
    replicas: 3,
    readyReplicas: 3,
    updatedReplicas: 3,
    availableReplicas: 3,
    revision: 3,
    matchLabels: { app: "web" },
    selector: { matchLabels: { app: "web" } },
    annotations: { "deployment.kubernetes.io/revision": "3", team: "core" },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "web:3" }] },
    },
    images: ["web:3"],
    restartedAt: null,
    ...over,
  };
}

function revision(n: number, extra: Record<string, string> = {}): RevisionView {
  return {
    revision: n,
    replicaSet: `web-${n}`,
    images: [`web:${n}`],
    template: template(`web:${n}`, `h${n}`),
    replicas: 0,
    annotations: { "deployment.kubernetes.io/revision": String(n), ...extra },
    createdAt: null,
    changeCause: null,
  };
}

describe("planSelectorSwitch", () => {
  it("switches version new → stable behind a test of the value it saw", () => {
    const plan = planSelectorSwitch(svc, "version", "stable");
    expect(plan).toMatchObject({ from: "new", to: "stable", isNoop: false });
    expect(plan.ops).toEqual([
      { op: "test", path: "/spec/selector/version", value: "new" },
      { op: "replace", path: "/spec/selector/version", value: "stable" },
    ]);
    expect(plan.after).toEqual({ app: "api-optimizer", version: "stable" });
    expect(plan.addsLabel).toBe(false);
  });

  it("adds a missing label only behind a test of the whole selector it saw", () => {
    const plan = planSelectorSwitch({ ...svc, selector: { app: "web" } }, "version", "stable");
    expect(plan).toMatchObject({ from: null, addsLabel: true, after: { app: "web", version: "stable" } });
    expect(plan.ops).toEqual([
      { op: "test", path: "/spec/selector", value: { app: "web" } },
      { op: "add", path: "/spec/selector/version", value: "stable" },
    ]);
    expect(applyJsonPatch({ spec: { selector: { app: "web" } } }, plan.ops)).toEqual({
      spec: { selector: { app: "web", version: "stable" } },
    });
  });

  it("is a no-op when the service already selects stable", () => {
    expect(planSelectorSwitch({ ...svc, selector: { version: "stable" } }, "version", "stable").isNoop).toBe(
      true,
    );
  });

  it("escapes label keys that contain a slash", () => {
    expect(escapePointer("app.kubernetes.io/version")).toBe("app.kubernetes.io~1version");
  });
});

describe("planRolloutUndo", () => {
  const revisions = [revision(3), revision(2, { "kubernetes.io/change-cause": "v2" }), revision(1)];

  it("picks the previous revision and sends its template without pod-template-hash", () => {
    const plan = planRolloutUndo(deployment(), revisions);
    expect(plan.toRevision).toBe(2);
    expect(plan.ops[0]).toEqual({ op: "test", path: "/metadata/resourceVersion", value: "42" });
    expect(plan.ops[1]).toEqual({
      op: "replace",
      path: "/spec/template",
      value: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "web:2" }] },
      },
    });
  });

  it("keeps the deployment's revision annotation and takes the replica set's others, like kubectl", () => {
    const plan = planRolloutUndo(deployment(), revisions);
    expect(plan.ops[2]).toEqual({
      op: "replace",
      path: "/metadata/annotations",
      value: { "deployment.kubernetes.io/revision": "3", "kubernetes.io/change-cause": "v2" },
    });
  });

  it("goes to a chosen revision and refuses one not in the history", () => {
    expect(planRolloutUndo(deployment(), revisions, 1).toRevision).toBe(1);
    expect(() => planRolloutUndo(deployment(), revisions, 9)).toThrow(/not in the history/);
    expect(() => planRolloutUndo(deployment({ revision: 1 }), [revision(1)])).toThrow(/no previous revision/);
  });

  it("produces a patch that applies cleanly to the deployment document", () => {
    const d = deployment();
    const plan = planRolloutUndo(d, revisions);
    const doc = {
      metadata: { resourceVersion: "42", annotations: d.annotations },
      spec: { template: d.template },
    };
    const after = applyJsonPatch(doc, plan.ops);
    expect(after.spec.template).toMatchObject({ spec: { containers: [{ image: "web:2" }] } });
  });
});

describe("planScale", () => {
  it("scales to the runbook's 10 replicas and to 0 for containment", () => {
    expect(planScale(deployment(), 10)).toEqual({ from: 3, to: 10, isNoop: false });
    expect(planScale(deployment(), 0).to).toBe(0);
    expect(planScale(deployment(), 3).isNoop).toBe(true);
    expect(() => planScale(deployment(), -1)).toThrow();
  });
});
