import { describe, expect, it } from "vitest";

import type { DeploymentView, RevisionView } from "@/lib/kube/cluster";

import { currentRollout, judgeRollout, shortImages } from "./rollout-view";

function deployment(over: Partial<DeploymentView> = {}): DeploymentView {
  return {
    namespace: "default",
    name: "api-optimizer",
    uid: "u1",
    resourceVersion: "10",
    generation: 4,
    observedGeneration: 4,
    replicas: 3,
    readyReplicas: 3,
    updatedReplicas: 3,
    availableReplicas: 3,
    revision: 4,
    matchLabels: { app: "api-optimizer" },
    selector: { matchLabels: { app: "api-optimizer" } },
    annotations: {},
    template: {},
    images: ["registry.local/api-optimizer:2.2.0"],
    restartedAt: null,
    ...over,
  };
}

function revision(n: number, image: string): RevisionView {
  return {
    revision: n,
    replicaSet: `api-optimizer-${n}abc`,
    images: [`registry.local/api-optimizer:${image}`],
    template: {},
    replicas: 0,
    annotations: {},
    createdAt: `2026-11-2${n}T10:00:00Z`,
    changeCause: `deploy ${image}`,
  };
}

// History with a gap, as after a `rollout undo` (the reused ReplicaSet takes the next number).
const HISTORY = [revision(4, "2.2.0"), revision(2, "2.1.0"), revision(3, "2.1.1")];

describe("the rollout a watch follows", () => {
  it("is the Deployment's current revision, with the newest older revision as the undo target", () => {
    expect(currentRollout(deployment(), HISTORY)).toEqual({
      revision: 4,
      replicaSet: "api-optimizer-4abc",
      images: ["registry.local/api-optimizer:2.2.0"],
      changeCause: "deploy 2.2.0",
      createdAt: "2026-11-24T10:00:00Z",
      previous: { revision: 3, images: ["registry.local/api-optimizer:2.1.1"] },
      pods: { ready: 3, updated: 3, desired: 3 },
      settled: true,
    });
  });

  it("is not settled while the controller has not seen the newest spec or pods are not all updated and ready", () => {
    expect(currentRollout(deployment({ observedGeneration: 3 }), HISTORY)!.settled).toBe(false);
    expect(currentRollout(deployment({ updatedReplicas: 1 }), HISTORY)!.settled).toBe(false);
    expect(currentRollout(deployment({ readyReplicas: 2 }), HISTORY)!.settled).toBe(false);
  });

  it("has no undo target on the first revision, and no rollout at all before one exists", () => {
    expect(currentRollout(deployment({ revision: 1 }), [revision(1, "2.0.3")])!.previous).toBeNull();
    expect(currentRollout(deployment({ revision: null }), [])).toBeNull();
  });
});

describe("a watched rollout at one check", () => {
  it("is fine with every replica ready on the watched revision", () => {
    expect(judgeRollout(deployment(), 4)).toEqual({ superseded: null, problem: null });
  });

  it("is a problem when fewer pods are ready than desired", () => {
    expect(judgeRollout(deployment({ readyReplicas: 2 }), 4)).toEqual({
      superseded: null,
      problem: "2/3 pods ready on revision 4",
    });
  });

  it("is superseded when the Deployment moved on to another revision", () => {
    expect(judgeRollout(deployment({ revision: 5 }), 4)).toEqual({ superseded: 5, problem: null });
  });
});

it("shortens image names to their last path segment", () => {
  expect(shortImages(["registry.local/api-optimizer:2.2.0", "busybox:1"])).toBe(
    "api-optimizer:2.2.0, busybox:1",
  );
  expect(shortImages([])).toBe("(no image)");
});
