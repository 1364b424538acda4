import { describe, expect, it } from "vitest";

import { readPlaybookDir } from "./catalog";
import { GUIDE_FOR_METRIC, guideLinks } from "./guide-links";

describe("guide links on the overview", () => {
  it("name the guide files' ids, titles and metrics", () => {
    const guides = readPlaybookDir().playbooks.filter((p) => p.kind === "guide");
    expect(Object.fromEntries(guides.map((g) => [g.metric, { id: g.id, title: g.title }]))).toEqual(
      GUIDE_FOR_METRIC,
    );
  });
  it("are offered at SEV-2 or worse only, once per guide", () => {
    const reasons = [{ metric: "p95_latency_ms" as const }, { metric: "p95_latency_ms" as const }];
    expect(guideLinks("SEV2", reasons).map((g) => g.id)).toEqual(["high-latency-guide"]);
    expect(guideLinks("SEV3", reasons)).toEqual([]);
    expect(guideLinks(null, reasons)).toEqual([]);
    expect(guideLinks("SEV1", [{ metric: "cpu_pct" }])).toEqual([]);
  });
});
