import { describe, expect, it } from "vitest";

import { compareOverview, hasNoData } from "./overview-order";

describe("overview order", () => {
  it("puts the worst SEV first, then services with no data, then healthy ones", () => {
    const services = [
      { name: "a-healthy", level: null, noData: false },
      { name: "b-sev3", level: "SEV3" as const, noData: false },
      { name: "c-nodata", level: null, noData: true },
      { name: "d-sev0", level: "SEV0" as const, noData: false },
      { name: "e-sev1", level: "SEV1" as const, noData: false },
      { name: "a-sev1", level: "SEV1" as const, noData: false },
    ];
    expect([...services].sort(compareOverview).map((s) => s.name)).toEqual([
      "d-sev0",
      "a-sev1",
      "e-sev1",
      "b-sev3",
      "c-nodata",
      "a-healthy",
    ]);
  });

  it("calls a service without any value 'no data'", () => {
    expect(hasNoData(null)).toBe(true);
    expect(hasNoData({ values: { p95_latency_ms: null } })).toBe(true);
    expect(hasNoData({ values: { p95_latency_ms: null, live: 0 } })).toBe(false);
  });
});
