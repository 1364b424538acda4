import { describe, expect, it } from "vitest";

import {
  checkDueAt,
  decideAfterCheck,
  judgeCheck,
  progressOf,
  scaledInterval,
  WATCH_CHECKS,
  WATCH_INTERVAL_MS,
} from "./decide";

describe("the watch's decision after each check", () => {
  it("follows the runbook: 10 checks one minute apart", () => {
    expect(WATCH_CHECKS).toBe(10);
    expect(WATCH_INTERVAL_MS).toBe(60_000);
  });

  it("continues a blue-green watch after passing checks 1 to 9", () => {
    for (let n = 1; n <= 9; n++) expect(decideAfterCheck("blue_green", n, true)).toBe("continue");
  });

  it("completes a blue-green watch on the 10th passing check, not the 9th", () => {
    expect(decideAfterCheck("blue_green", 9, true)).toBe("continue");
    expect(decideAfterCheck("blue_green", 10, true)).toBe("complete");
  });

  it("rolls back on a failed check, the first and the last included", () => {
    expect(decideAfterCheck("blue_green", 1, false)).toBe("rollback");
    expect(decideAfterCheck("blue_green", 3, false)).toBe("rollback");
    expect(decideAfterCheck("blue_green", 10, false)).toBe("rollback");
  });

  it("never ends an emergency watch by itself, and raises the alarm on a failed check", () => {
    expect(decideAfterCheck("emergency", 1, true)).toBe("continue");
    expect(decideAfterCheck("emergency", 500, true)).toBe("continue");
    expect(decideAfterCheck("emergency", 12, false)).toBe("alert");
  });

  it("refuses a check number below 1", () => {
    expect(() => decideAfterCheck("blue_green", 0, true)).toThrow(/≥ 1/);
  });
});

describe("a check's verdict", () => {
  it("passes only with both health endpoints 200 and no SEV-1+ condition", () => {
    expect(judgeCheck({ live: 200, ready: 200, sevBreach: null }).ok).toBe(true);
    expect(judgeCheck({ live: 503, ready: 200, sevBreach: null })).toEqual({
      ok: false,
      detail: "/health/live 503",
    });
    expect(judgeCheck({ live: 200, ready: null, sevBreach: null })).toEqual({
      ok: false,
      detail: "/health/ready no answer",
    });
    expect(judgeCheck({ live: 200, ready: 200, sevBreach: "SEV-1: p95 latency 60 ms > 50 ms" })).toEqual({
      ok: false,
      detail: "SEV-1: p95 latency 60 ms > 50 ms",
    });
  });
});

describe("timing and progress", () => {
  it("makes check n due n intervals after the switch", () => {
    expect(checkDueAt(1_000, 60_000, 1)).toBe(61_000);
    expect(checkDueAt(1_000, 60_000, 10)).toBe(601_000);
  });

  it("scales the interval by configuration, never below 100 ms", () => {
    expect(scaledInterval(1)).toBe(60_000);
    expect(scaledInterval(0.02)).toBe(1_200);
    expect(scaledInterval(0.000001)).toBe(100);
    expect(() => scaledInterval(0)).toThrow();
  });

  it("shows progress as checks done of 10, and a count for the emergency watch", () => {
    expect(progressOf(3, 10)).toEqual({ label: "3 / 10", fraction: 0.3 });
    expect(progressOf(10, 10)).toEqual({ label: "10 / 10", fraction: 1 });
    expect(progressOf(4, null)).toEqual({ label: "4 checks", fraction: null });
  });
});

describe("the watch of an observed rollout", () => {
  it("runs 10 checks and completes on the 10th passing one, like a blue-green switch", () => {
    expect(decideAfterCheck("rollout", 9, true)).toBe("continue");
    expect(decideAfterCheck("rollout", 10, true)).toBe("complete");
  });

  it("offers the undo to a person on a failed check instead of running it", () => {
    expect(decideAfterCheck("rollout", 3, false)).toBe("offer");
    expect(decideAfterCheck("rollout", 3, false, 10, { autoUndo: false })).toBe("offer");
  });

  it("undoes by itself on a failed check only when configured to", () => {
    expect(decideAfterCheck("rollout", 3, false, 10, { autoUndo: true })).toBe("rollback");
  });

  it("leaves a traffic switch's automatic rollback as it is whatever the rollout setting", () => {
    expect(decideAfterCheck("blue_green", 3, false, 10, { autoUndo: false })).toBe("rollback");
  });

  it("names the rollout's own problem in a failed check", () => {
    expect(
      judgeCheck({ live: 200, ready: 200, sevBreach: null, rollout: "2/3 pods ready on revision 4" }),
    ).toEqual({ ok: false, detail: "2/3 pods ready on revision 4" });
  });
});
