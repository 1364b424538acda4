import { beforeAll, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { createWatchedService } from "@/lib/testing/watched-service";

let store: typeof import("./store");
let serviceId: number;

setupAppDatabase();

beforeAll(async () => {
  store = await import("./store");
  serviceId = (await createWatchedService("store-test")).id;
});

const T0 = Date.UTC(2026, 10, 1, 0, 0, 0);

describe("metric store", () => {
  it("keeps one sample per (service, metric, slot): a second write of the slot is dropped", async () => {
    const at = new Date(T0);
    expect(await store.recordSamples({ serviceId, at, values: { p95_latency_ms: 7, live: 1 } })).toBe(2);
    expect(await store.recordSamples({ serviceId, at, values: { p95_latency_ms: 99, live: 0 } })).toBe(0);
    const s = await store.querySeries({
      serviceId,
      metric: "p95_latency_ms",
      from: at,
      to: new Date(T0 + 60_000),
    });
    expect(s.points[0]).toEqual({ t: T0, v: 7 });
  });

  it("averages per bucket and returns null, not 0, for buckets with no sample or only failed polls", async () => {
    // Slots at T0+30s.. : values 10, 20, then a failed poll (null), then nothing.
    await store.recordSamples({ serviceId, at: new Date(T0 + 30_000), values: { error_rate_pct: 10 } });
    await store.recordSamples({ serviceId, at: new Date(T0 + 60_000), values: { error_rate_pct: 20 } });
    await store.recordSamples({ serviceId, at: new Date(T0 + 90_000), values: { error_rate_pct: null } });
    const s = await store.querySeries({
      serviceId,
      metric: "error_rate_pct",
      from: new Date(T0 + 30_000),
      to: new Date(T0 + 150_000),
      maxPoints: 5,
    });
    expect(s.bucketMs).toBe(30_000);
    expect(s.points.map((p) => p.v)).toEqual([10, 20, null, null, null]);
    const wide = await store.querySeries({
      serviceId,
      metric: "error_rate_pct",
      from: new Date(T0),
      to: new Date(T0 + 119_999),
      maxPoints: 3,
    });
    expect(wide.bucketMs).toBe(60_000);
    expect(wide.points).toEqual([
      { t: T0, v: 10 },
      { t: T0 + 60_000, v: 20 },
    ]);
  });

  it("never returns more than maxPoints points over 30 days", async () => {
    const to = new Date(T0);
    const s = await store.querySeries({
      serviceId,
      metric: "p95_latency_ms",
      from: new Date(T0 - 30 * 86_400_000),
      to,
    });
    expect(s.points.length).toBeLessThanOrEqual(1000);
    expect(s.points.at(-1)?.v).toBe(7);
  });

  it("long ranges read the 5-minute rollups and give exactly the samples' averages; a duplicate slot is not counted twice", async () => {
    const base = Date.UTC(2026, 9, 1, 0, 0, 0); // 120 samples, 30 s apart: values 0..119, one gap
    for (let i = 0; i < 120; i++) {
      await store.recordSamples({
        serviceId,
        at: new Date(base + i * 30_000),
        values: { cpu_pct: i === 7 ? null : i },
      });
    }
    expect(await store.recordSamples({ serviceId, at: new Date(base), values: { cpu_pct: 1000 } })).toBe(0);
    const s = await store.querySeries({
      serviceId,
      metric: "cpu_pct",
      from: new Date(base),
      to: new Date(base + 3_600_000 - 1),
      maxPoints: 3,
    });
    expect(s.bucketMs).toBe(1_800_000); // 30 min: a multiple of the 5-minute rollup
    const firstHalf = Array.from({ length: 60 }, (_, i) => i).filter((i) => i !== 7);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(s.points.map((p) => p.v)).toEqual([
      avg(firstHalf),
      avg(Array.from({ length: 60 }, (_, i) => i + 60)),
    ]);
    const raw = await store.querySeries({
      serviceId,
      metric: "cpu_pct",
      from: new Date(base),
      to: new Date(base + 3_600_000 - 1),
      maxPoints: 1000,
    });
    expect(raw.bucketMs).toBe(30_000);
    expect(raw.points[7]?.v).toBeNull();
    expect(raw.points[0]?.v).toBe(0);
  });

  it("latestValues gives each metric's newest sample, null when its newest poll failed", async () => {
    const latest = await store.latestValues(serviceId);
    expect(latest.values).toEqual({ live: 1, p95_latency_ms: 7, error_rate_pct: null, cpu_pct: 119 });
    expect(latest.at?.getTime()).toBe(T0 + 90_000);
  });

  it("prunes samples older than the retention", async () => {
    const removed = await store.pruneOlderThan(1, new Date(T0 + 86_400_000 + 45_000));
    expect(removed.samples).toBe(123); // the October cpu series, T0 (two metrics) and T0+30s
    const latest = await store.latestValues(serviceId);
    expect(Object.keys(latest.values)).toEqual(["error_rate_pct"]);
  });
});
