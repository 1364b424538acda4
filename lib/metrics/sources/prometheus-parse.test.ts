import { describe, expect, it } from "vitest";

import { parseInstantQuery } from "./prometheus-parse";

const vector = (...values: string[]) => ({
  status: "success",
  data: {
    resultType: "vector",
    result: values.map((v, i) => ({ metric: { instance: `i${i}` }, value: [1763870000.5, v] })),
  },
});

describe("parseInstantQuery", () => {
  it("reads the one series of an instant vector", () => {
    expect(parseInstantQuery(vector("0.92"))).toBe(0.92);
    expect(parseInstantQuery(vector("60"))).toBe(60);
  });

  it("reads a scalar result", () => {
    expect(
      parseInstantQuery({ status: "success", data: { resultType: "scalar", result: [1763870000, "1"] } }),
    ).toBe(1);
  });

  it("an empty vector is no data (null), not 0", () => {
    expect(parseInstantQuery(vector())).toBeNull();
  });

  it("NaN and ±Inf samples are no data", () => {
    expect(parseInstantQuery(vector("NaN"))).toBeNull();
    expect(parseInstantQuery(vector("+Inf"))).toBeNull();
  });

  it("refuses several series (the expression must aggregate to one)", () => {
    expect(() => parseInstantQuery(vector("1", "2"))).toThrow(/expected one series, got 2/);
  });

  it("surfaces Prometheus's error answer", () => {
    expect(() => parseInstantQuery({ status: "error", errorType: "bad_data", error: "parse error" })).toThrow(
      "bad_data: parse error",
    );
  });

  it("refuses a malformed envelope or a non-numeric sample", () => {
    expect(() =>
      parseInstantQuery({
        status: "success",
        data: { resultType: "vector", result: [{ metric: {}, value: [1, 2] }] },
      }),
    ).toThrow(/not a Prometheus API answer/);
    expect(() => parseInstantQuery({ data: {} })).toThrow(/not a Prometheus API answer/);
    expect(() => parseInstantQuery(vector("fast"))).toThrow(/"fast" is not a number/);
    expect(() =>
      parseInstantQuery({ status: "success", data: { resultType: "matrix", result: [] } }),
    ).toThrow(/got matrix/);
  });
});
