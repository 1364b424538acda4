import { describe, expect, it } from "vitest";

import { evaluateTriggers, SPIKE_FLOOR, type TriggerInput } from "./triggers";

const calm: TriggerInput = {
  httpRequests: 100,
  httpRetries: 0,
  scanned: 100,
  distinctErrorUrls: 0,
  newHighCritical: 0,
  previousNewHighCritical: null,
  operatorReports: 0,
};
const kinds = (i: Partial<TriggerInput>) => evaluateTriggers({ ...calm, ...i }).map((t) => t.kind);

describe("rollback triggers", () => {
  it("retry ratio: 0.35 exactly never triggers, just above does", () => {
    expect(kinds({ httpRequests: 100, httpRetries: 35 })).toEqual([]);
    expect(kinds({ httpRequests: 1000, httpRetries: 351 })).toEqual(["retry_ratio"]);
  });

  it("retry ratio is undefined without requests: no trigger", () => {
    expect(kinds({ httpRequests: 0, httpRetries: 0 })).toEqual([]);
  });

  it("scanner errors: 5 % of scanned URLs exactly never triggers, just above does", () => {
    expect(kinds({ scanned: 100, distinctErrorUrls: 5 })).toEqual([]);
    expect(kinds({ scanned: 1000, distinctErrorUrls: 51 })).toEqual(["error_pressure"]);
    expect(kinds({ scanned: 0, distinctErrorUrls: 0 })).toEqual([]);
  });

  it("a new HIGH/CRITICAL spike: equal to the limit never triggers, above does; the limit follows the previous run", () => {
    expect(kinds({ newHighCritical: SPIKE_FLOOR })).toEqual([]);
    expect(kinds({ newHighCritical: SPIKE_FLOOR + 1 })).toEqual(["high_spike"]);
    expect(kinds({ newHighCritical: 10, previousNewHighCritical: 5 })).toEqual([]);
    expect(kinds({ newHighCritical: 11, previousNewHighCritical: 5 })).toEqual(["high_spike"]);
  });

  it("an operator report from a target owner triggers on its own", () => {
    expect(kinds({ operatorReports: 1 })).toEqual(["operator_report"]);
  });

  it("says which value crossed which threshold", () => {
    const [t] = evaluateTriggers({ ...calm, httpRequests: 20, httpRetries: 9 });
    expect(t).toMatchObject({ kind: "retry_ratio", value: 0.45, threshold: 0.35 });
    expect(t?.message).toBe("retry ratio 0.450 > 0.35 (9 retries of 20 requests)");
  });
});
