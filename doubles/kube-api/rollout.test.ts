import { describe, expect, it } from "vitest";

import { resolveIntOrPercent, rollingStep } from "./rollout";

describe("maxSurge / maxUnavailable resolution", () => {
  it("rounds a surge percentage up and an unavailable percentage down, like the controller", () => {
    expect(resolveIntOrPercent("25%", 3, true, "25%")).toBe(1);
    expect(resolveIntOrPercent("25%", 3, false, "25%")).toBe(0);
    expect(resolveIntOrPercent(undefined, 10, true, "25%")).toBe(3);
    expect(resolveIntOrPercent(2, 10, false, "25%")).toBe(2);
  });
});

describe("one rolling-update pass", () => {
  const base = { desired: 3, maxSurge: 1, maxUnavailable: 0 };

  it("surges the new ReplicaSet by maxSurge first", () => {
    expect(rollingStep({ ...base, newReplicas: 0, newReady: 0, old: [{ replicas: 3, ready: 3 }] })).toEqual({
      newReplicas: 1,
      oldReplicas: [3],
    });
  });

  it("keeps old pods while the new one is not ready (maxUnavailable 0)", () => {
    expect(rollingStep({ ...base, newReplicas: 1, newReady: 0, old: [{ replicas: 3, ready: 3 }] })).toEqual({
      newReplicas: 1,
      oldReplicas: [3],
    });
  });

  it("scales an old ReplicaSet down once a new pod is ready", () => {
    expect(rollingStep({ ...base, newReplicas: 1, newReady: 1, old: [{ replicas: 3, ready: 3 }] })).toEqual({
      newReplicas: 1,
      oldReplicas: [2],
    });
  });

  it("removes unready old pods even when availability allows no other scale-down", () => {
    expect(
      rollingStep({
        ...base,
        newReplicas: 2,
        newReady: 2,
        old: [
          { replicas: 1, ready: 1 },
          { replicas: 1, ready: 0 },
        ],
      }),
    ).toEqual({ newReplicas: 2, oldReplicas: [1, 0] });
  });

  it("drains the oldest ReplicaSet first", () => {
    expect(
      rollingStep({
        ...base,
        newReplicas: 1,
        newReady: 1,
        old: [
          { replicas: 2, ready: 2 },
          { replicas: 1, ready: 1 },
        ],
      }),
    ).toEqual({ newReplicas: 1, oldReplicas: [1, 1] });
  });

  it("with maxSurge and maxUnavailable both 0 it still progresses (unavailable 1)", () => {
    expect(
      rollingStep({
        desired: 2,
        maxSurge: 0,
        maxUnavailable: 0,
        newReplicas: 0,
        newReady: 0,
        old: [{ replicas: 2, ready: 2 }],
      }),
    ).toEqual({ newReplicas: 0, oldReplicas: [1] });
  });

  it("caps the new ReplicaSet at the desired count after a scale-down", () => {
    expect(rollingStep({ ...base, newReplicas: 5, newReady: 5, old: [{ replicas: 1, ready: 1 }] })).toEqual({
      newReplicas: 3,
      oldReplicas: [1],
    });
  });
});
