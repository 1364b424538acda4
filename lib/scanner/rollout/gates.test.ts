import { describe, expect, it } from "vitest";

import { currentStage, gateFor, type HistoryEntry } from "./gates";

const ok = (stage: HistoryEntry["stage"]): HistoryEntry => ({ stage, completed: true, triggered: false });
const fired = (stage: HistoryEntry["stage"]): HistoryEntry => ({ stage, completed: true, triggered: true });
const gate = (
  stage: HistoryEntry["stage"],
  history: HistoryEntry[],
  untriaged = 0,
  authorizationValid = true,
) => gateFor(stage, { history, untriagedHighCritical: untriaged, authorizationValid });

describe("canary stage gates", () => {
  it("a new environment starts passive: stage 0 allowed, stage 1 refused without a stored passive baseline", () => {
    expect(gate("passive", [])).toEqual({ allowed: true });
    expect(gate("canary1", [])).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/passive baseline/),
    });
    expect(gate("canary1", [{ stage: "passive", completed: false, triggered: false }]).allowed).toBe(false);
    expect(gate("canary1", [ok("passive")])).toEqual({ allowed: true });
  });

  it("refuses any active stage without a valid written authorization", () => {
    expect(gate("canary1", [ok("passive")], 0, false)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/authorization/),
    });
    expect(gate("back-to-passive", [], 0, false)).toEqual({ allowed: true });
  });

  it("stage 2 only if the last stage 1 run stayed within thresholds", () => {
    expect(gate("canary2", [ok("passive")]).allowed).toBe(false);
    expect(gate("canary2", [ok("passive"), fired("canary1")]).allowed).toBe(false);
    expect(gate("canary2", [ok("passive"), ok("canary1")])).toEqual({ allowed: true });
  });

  it("stage 3 is refused after one clean canary and allowed after two consecutive ones", () => {
    expect(gate("full", [ok("passive"), ok("canary1")])).toMatchObject({
      allowed: false,
      reason: "Stage 3 needs two consecutive clean canary runs; there is one.",
    });
    expect(gate("full", [ok("passive"), ok("canary1"), ok("canary2")])).toEqual({ allowed: true });
    expect(gate("full", [ok("passive"), ok("canary1"), ok("canary1")])).toEqual({ allowed: true });
  });

  it("a triggered canary between two clean ones breaks the streak", () => {
    const h = [ok("passive"), ok("canary1"), fired("canary1"), ok("back-to-passive"), ok("canary1")];
    expect(gate("full", h).allowed).toBe(false);
    expect(gate("full", [...h, ok("canary2")])).toEqual({ allowed: true });
  });

  it("widening is refused while a HIGH/CRITICAL finding is untriaged; staying at the current stage is not", () => {
    const h = [ok("passive"), ok("canary1")];
    expect(gate("canary2", h, 1)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/1 HIGH\/CRITICAL.*untriaged/),
    });
    expect(gate("canary1", h, 1)).toEqual({ allowed: true });
    expect(gate("canary2", h, 0)).toEqual({ allowed: true });
  });

  it("a trigger or a back-to-passive run returns the environment to stage 0", () => {
    expect(currentStage([ok("passive"), ok("canary1"), ok("canary2")])).toBe(2);
    expect(currentStage([ok("passive"), ok("canary1"), fired("canary2")])).toBe(0);
    expect(currentStage([ok("passive"), ok("canary1"), ok("back-to-passive")])).toBe(0);
  });
});
