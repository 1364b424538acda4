import { describe, expect, it } from "vitest";

import { FakeCluster } from "@/lib/kube/fake-cluster";
import type { WatchedService } from "@/lib/services/queries";

import { filterErrorLines } from "./read-views-pure";
import { assessMetrics, assessSelectorRollback } from "./verify";

const service = {
  name: "api-optimizer",
  metricsBaseUrl: "",
  k8s: {
    context: null,
    namespace: "default",
    deployment: "api-optimizer",
    service: "api-optimizer",
    selectorLabel: "version",
    stableValue: "stable",
  },
} as unknown as WatchedService;

function pod(name: string, version: string, ready: boolean) {
  return {
    name,
    labels: { app: "api-optimizer", version },
    phase: "Running",
    ready,
    restarts: 0,
    conditions: [],
    startedAt: null,
  };
}

function cluster(version: string, endpoints: Array<[string, boolean]>, pods: ReturnType<typeof pod>[]) {
  const c = new FakeCluster();
  c.services.set("default/api-optimizer", {
    namespace: "default",
    name: "api-optimizer",
    selector: { app: "api-optimizer", version },
    resourceVersion: "1",
  });
  c.endpoints.set(
    "default/api-optimizer",
    endpoints.map(([podName, ready], i) => ({ ip: `10.0.0.${i}`, podName, ready })),
  );
  c.pods.set("default", pods);
  return c;
}

describe("assessSelectorRollback", () => {
  it("is done when every endpoint is a ready stable pod", async () => {
    const c = cluster(
      "stable",
      [
        ["s1", true],
        ["s2", true],
      ],
      [pod("s1", "stable", true), pod("s2", "stable", true), pod("n1", "new", true)],
    );
    expect(await assessSelectorRollback(c, service)).toEqual({
      isDone: true,
      detail: "2/2 endpoints on ready stable pods",
    });
  });

  it("waits while an endpoint is not ready", async () => {
    const c = cluster(
      "stable",
      [
        ["s1", true],
        ["s2", false],
      ],
      [pod("s1", "stable", true), pod("s2", "stable", false)],
    );
    expect(await assessSelectorRollback(c, service)).toMatchObject({
      isDone: false,
      detail: "1/2 endpoints on ready stable pods",
    });
  });

  it("waits while endpoints still point at new pods", async () => {
    const c = cluster("stable", [["n1", true]], [pod("n1", "new", true)]);
    expect((await assessSelectorRollback(c, service)).isDone).toBe(false);
  });

  it("is not done while the service still selects the new version", async () => {
    const c = cluster("new", [["n1", true]], [pod("n1", "new", true)]);
    expect(await assessSelectorRollback(c, service)).toMatchObject({
      isDone: false,
      detail: expect.stringContaining("version=new"),
    });
  });

  it("is not done with no endpoints at all", async () => {
    expect((await assessSelectorRollback(cluster("stable", [], []), service)).detail).toBe(
      "no endpoints yet",
    );
  });
});

describe("filterErrorLines", () => {
  it("keeps lines mentioning error in any case, like grep -i error", () => {
    expect(filterErrorLines("ok\nERROR boom\nan Error here\nfine")).toEqual(["ERROR boom", "an Error here"]);
  });
});

describe("assessMetrics", () => {
  const acked = Date.UTC(2026, 10, 23, 4, 0, 0);
  const at = (deltaMs: number) => new Date(acked + deltaMs);

  it("does not apply when the service has no recent metrics", () => {
    expect(assessMetrics({ at: null, values: {} }, acked, {}).state).toBe("not_applicable");
    expect(assessMetrics({ at: at(-10 * 60_000), values: { p95_latency_ms: 900 } }, acked, {}).state).toBe(
      "not_applicable",
    );
  });

  it("waits for a poll taken after the rollback", () => {
    expect(assessMetrics({ at: at(-1_000), values: { p95_latency_ms: 20 } }, acked, {})).toMatchObject({
      state: "waiting",
    });
  });

  it("waits while a fresh poll is still critical (runbook: p95 > 50 ms)", () => {
    const verdict = assessMetrics({ at: at(2_000), values: { p95_latency_ms: 60, live: 1 } }, acked, {});
    expect(verdict.state).toBe("waiting");
    expect(verdict.detail).toContain("metrics still critical");
  });

  it("is ok once a fresh poll is out of the critical zone", () => {
    expect(
      assessMetrics(
        { at: at(2_000), values: { p95_latency_ms: 20, error_rate_pct: 0.5, live: 1 } },
        acked,
        {},
      ).state,
    ).toBe("ok");
  });
});
