import { describe, expect, it } from "vitest";

import { connectionsPercent, ratioToPercent } from "./units";

describe("ratioToPercent (declared unit, never guessed)", () => {
  it("keeps percent values as they are", () => {
    expect(ratioToPercent(92, "percent")).toBe(92);
    expect(ratioToPercent(0, "percent")).toBe(0);
    expect(ratioToPercent(100, "percent")).toBe(100);
  });

  it("converts fractions to percent without binary noise", () => {
    expect(ratioToPercent(0.92, "fraction")).toBe(92);
    expect(ratioToPercent(0.07, "fraction")).toBe(7);
    expect(ratioToPercent(1, "fraction")).toBe(100);
  });

  it("pins the mismatch: a fraction sent by a service declared 'percent' is read as percent, not rescaled", () => {
    // apilo's real code reports cache_hit_ratio 0.98 (a fraction). Declared percent, that is
    // 0.98 % — the runbook's own bash would call it CRITICAL too. Firebreak does not guess:
    // the fix is to declare ratioUnit: fraction for that service.
    expect(ratioToPercent(0.98, "percent")).toBe(0.98);
    expect(ratioToPercent(0.98, "fraction")).toBe(98);
    // A value of 1 is ambiguous; the declaration decides.
    expect(ratioToPercent(1, "percent")).toBe(1);
  });

  it("refuses a value outside the declared unit's range instead of storing it", () => {
    expect(() => ratioToPercent(92, "fraction")).toThrow(/outside 0–1.*"fraction"/);
    expect(() => ratioToPercent(101, "percent")).toThrow(/outside 0–100/);
    expect(() => ratioToPercent(-0.1, "percent")).toThrow(/outside/);
    expect(() => ratioToPercent(Number.NaN, "percent")).toThrow(/not a number/);
  });
});

describe("connectionsPercent", () => {
  it("is open / max × 100", () => {
    expect(connectionsPercent(800, 1000)).toBe(80);
    expect(connectionsPercent(0, 50)).toBe(0);
  });
  it("refuses a zero max", () => {
    expect(() => connectionsPercent(1, 0)).toThrow(/max_connections/);
  });
});
