import { describe, expect, it } from "vitest";

import { fillBuckets, planBuckets, slotStart } from "./downsample";

const DAY = 86_400_000;

describe("slotStart", () => {
  it("aligns a time to the start of its poll interval", () => {
    expect(slotStart(61_234, 30_000)).toBe(60_000);
    expect(slotStart(60_000, 30_000)).toBe(60_000);
    expect(slotStart(59_999, 30_000)).toBe(30_000);
    expect(slotStart(3_100, 1_500)).toBe(3_000);
  });
});

describe("planBuckets", () => {
  it("uses the poll interval as the bucket for short ranges (no gap between samples)", () => {
    const plan = planBuckets(0, 15 * 60_000, 1000, 30_000);
    expect(plan.bucketMs).toBe(30_000);
    expect(plan.count).toBe(31);
  });

  it("never plans more than maxPoints buckets, for any range and alignment", () => {
    for (const [from, range] of [
      [0, 30 * DAY],
      [12_345, 30 * DAY],
      [7 * DAY + 1, 7 * DAY],
      [999, 24 * 3_600_000],
    ] as const) {
      const plan = planBuckets(from, from + range, 1000, 30_000);
      expect(plan.count).toBeLessThanOrEqual(1000);
      expect(plan.bucketMs % 30_000).toBe(0);
      expect(plan.startMs % plan.bucketMs).toBe(0);
      expect(plan.startMs).toBeLessThanOrEqual(from);
      expect(plan.startMs + plan.count * plan.bucketMs).toBeGreaterThan(from + range);
    }
  });

  it("30 days at 30 s: 87 samples per bucket, 995 points", () => {
    const to = Date.UTC(2026, 10, 23);
    const plan = planBuckets(to - 30 * DAY, to, 1000, 30_000);
    expect(plan.bucketMs).toBe(87 * 30_000);
    expect(plan.count).toBeLessThanOrEqual(1000);
    expect(plan.count).toBeGreaterThan(990);
  });

  it("refuses an empty or inverted range", () => {
    expect(() => planBuckets(10, 10, 1000, 30_000)).toThrow(RangeError);
    expect(() => planBuckets(0, 10, 1, 30_000)).toThrow(RangeError);
  });
});

describe("fillBuckets", () => {
  it("returns one point per bucket, null where there is no data (never 0)", () => {
    const plan = { startMs: 1000, bucketMs: 10, count: 4 };
    expect(
      fillBuckets(plan, [
        { b: 0, v: 5 },
        { b: 2, v: null },
        { b: 3, v: 0 },
      ]),
    ).toEqual([
      { t: 1000, v: 5 },
      { t: 1010, v: null },
      { t: 1020, v: null },
      { t: 1030, v: 0 },
    ]);
  });
});
