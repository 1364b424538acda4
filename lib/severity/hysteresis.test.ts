import { describe, expect, it } from "vitest";

import type { Severity } from "@/lib/runbook/sev-levels";

import { stepHysteresis, type HysteresisOptions, type HysteresisState } from "./hysteresis";

/** Feeds a sequence of evaluated levels and returns the shown level after each step. */
function run(levels: Array<Severity | null>, options?: HysteresisOptions): Array<Severity | null> {
  let state: HysteresisState | null = null;
  return levels.map((level) => {
    state = stepHysteresis(state, { level }, options);
    return state.level;
  });
}

describe("stepHysteresis", () => {
  it("starts healthy and does not raise on a single breaching sample", () => {
    expect(run(["SEV1"])).toEqual([null]);
  });

  it("raises after two consecutive breaching samples", () => {
    expect(run(["SEV1", "SEV1"])).toEqual([null, "SEV1"]);
  });

  it("needs two samples for SEV-0 too", () => {
    expect(run(["SEV0", "SEV0"])).toEqual([null, "SEV0"]);
  });

  it("raises to the level sustained over the streak when samples differ", () => {
    expect(run(["SEV1", "SEV0", "SEV0"])).toEqual([null, "SEV1", "SEV0"]);
    expect(run(["SEV0", "SEV2"])).toEqual([null, "SEV2"]);
  });

  it("does not raise on a flapping signal", () => {
    expect(run(["SEV1", null, "SEV1", null, "SEV1", null])).toEqual([null, null, null, null, null, null]);
  });

  it("clears only after four consecutive clean samples", () => {
    expect(run(["SEV1", "SEV1", null, null, null, null])).toEqual([
      null,
      "SEV1",
      "SEV1",
      "SEV1",
      "SEV1",
      null,
    ]);
  });

  it("restarts the clean count when a breach interrupts it", () => {
    expect(run(["SEV2", "SEV2", null, null, null, "SEV2", null, null, null, null])).toEqual([
      null,
      "SEV2",
      "SEV2",
      "SEV2",
      "SEV2",
      "SEV2",
      "SEV2",
      "SEV2",
      "SEV2",
      null,
    ]);
  });

  it("lowers to the worst level seen during the better streak", () => {
    expect(run(["SEV1", "SEV1", "SEV3", null, "SEV3", null]).at(-1)).toBe("SEV3");
  });

  it("honours custom raise and clear counts", () => {
    const options = { raiseAfter: 3, clearAfter: 1 };
    expect(run(["SEV2", "SEV2", "SEV2", null], options)).toEqual([null, null, "SEV2", null]);
  });

  it("reports the pending candidate and its count", () => {
    const s = stepHysteresis(null, { level: "SEV1" });
    expect(s).toMatchObject({ level: null, candidate: "SEV1", candidateCount: 1, pendingClear: false });
    const raised = stepHysteresis(stepHysteresis(s, { level: "SEV1" }), { level: null });
    expect(raised).toMatchObject({ level: "SEV1", candidate: null, candidateCount: 1, pendingClear: true });
  });

  it("keeps a state that survives a JSON round trip", () => {
    const s = stepHysteresis(stepHysteresis(null, { level: "SEV2" }), { level: "SEV2" });
    const again = stepHysteresis(JSON.parse(JSON.stringify(s)) as HysteresisState, { level: "SEV2" });
    expect(again.level).toBe("SEV2");
  });
});
