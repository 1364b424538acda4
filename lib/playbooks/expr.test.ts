import { describe, expect, it } from "vitest";

import { parseExpr, simpleComparison, test } from "./expr";

describe("the condition language", () => {
  it("compares numbers strictly and strings by equality", () => {
    expect(test("result > 50", { result: 50 })).toBe(false);
    expect(test("result > 50", { result: 50.01 })).toBe(true);
    expect(test("result == 'closed'", { result: "closed" })).toBe(true);
    expect(test("result != 200", { result: 503 })).toBe(true);
  });
  it("reads fields, indexes and lengths; combines with and/or/not", () => {
    expect(test("result[0] >= 0.95", { result: [0.97] })).toBe(true);
    expect(
      test("result.state == 'open' || result.failure_count > 3", {
        result: { state: "closed", failure_count: 4 },
      }),
    ).toBe(true);
    expect(test("len(result) == 0 and not false", { result: [] })).toBe(true);
  });
  it("never reaches outside the data: no prototype, no constructor, no calls", () => {
    expect(test("result.constructor == null", { result: {} })).toBe(false);
    expect(() => parseExpr("result.constructor('x')")).toThrow();
    expect(() => parseExpr("process.exit(1)")).toThrow();
  });
  it("refuses to compare a missing value with a number (an error, never a pass)", () => {
    expect(() => test("result > 5", {})).toThrow(/not numbers/);
  });
  it("finds the threshold of a simple comparison for the evidence text", () => {
    expect(simpleComparison("result > 50")).toEqual({ op: ">", threshold: 50 });
    expect(simpleComparison("result > 50 && result < 90")).toBeNull();
  });
});
