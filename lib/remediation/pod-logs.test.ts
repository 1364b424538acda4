import { describe, expect, it } from "vitest";

import type { PodView } from "@/lib/kube/cluster";
import { FakeCluster } from "@/lib/kube/fake-cluster";

import { mapLimited, readPodLogsBounded } from "./pod-logs";

const pod = (name: string, containers = ["app", "sidecar"]): PodView => ({
  name,
  labels: { app: "web" },
  phase: "Running",
  ready: true,
  restarts: 0,
  containers,
  conditions: [],
  startedAt: null,
});

describe("bounded pod log reads", () => {
  it("reads the first (app) container of a multi-container pod, capped at its share of the budget", async () => {
    const cluster = new FakeCluster();
    cluster.logs.set("default/a/app", "x".repeat(10_000));
    cluster.logs.set("default/a/sidecar", "sidecar noise");
    const [log] = await readPodLogsBounded(cluster, [pod("a")], {
      namespace: "default",
      tailLines: 100,
      totalBytes: 5_000,
    });
    expect(log).toMatchObject({ pod: "a", container: "app", truncated: true, error: null });
    expect(log!.text).toHaveLength(5_000);
  });

  it("spends the budget on as many pods as fit at the floor share and says which were skipped", async () => {
    const cluster = new FakeCluster();
    const pods = Array.from({ length: 10 }, (_, i) => pod(`p${i}`));
    for (const p of pods) cluster.logs.set(`default/${p.name}`, "line\n".repeat(5_000));
    const logs = await readPodLogsBounded(cluster, pods, {
      namespace: "default",
      tailLines: 10,
      totalBytes: 8_192,
      minBytesPerPod: 4_096,
    });
    expect(logs.filter((l) => l.error === null)).toHaveLength(2);
    expect(logs.filter((l) => l.error?.startsWith("skipped"))).toHaveLength(8);
    expect(logs[0]!.text).toBe("line\n".repeat(10));
  });

  it("a pod that fails is reported, not thrown", async () => {
    const cluster = new FakeCluster();
    cluster.failNext("readPodLogs", {
      kind: "status",
      status: 400,
      message: "container is waiting to start",
    });
    const [log] = await readPodLogsBounded(cluster, [pod("a")], {
      namespace: "default",
      tailLines: 1,
      totalBytes: 10_000,
    });
    expect(log!.error).toMatch(/waiting to start/);
  });

  it("never has more than `limit` reads in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimited(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async (i) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return i * 2;
      },
    );
    expect(peak).toBe(4);
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });
});
