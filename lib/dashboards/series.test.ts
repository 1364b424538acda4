import { describe, expect, it } from "vitest";

import { formatValue } from "./format";
import { bucketPoints } from "./bucket-points";
import { buildMarkers } from "./markers";
import { chartThresholds, PANELS, parsePanel, scannerValue } from "./panels";
import { parseRange, rangeWindow, RANGE_MS } from "./ranges";
import { sparklinePath } from "./sparkline-path";
import { isolatedIndices, latestValue, tableRows } from "./table-rows";
import { effectiveThresholds, type ThresholdOverrideMap } from "./thresholds";

describe("ranges", () => {
  it("parses the six ranges and falls back to 1 h on anything else", () => {
    expect(["15m", "1h", "6h", "24h", "7d", "30d"].map((r) => parseRange(r))).toEqual([
      "15m",
      "1h",
      "6h",
      "24h",
      "7d",
      "30d",
    ]);
    expect(parseRange("2h")).toBe("1h");
    expect(parseRange(undefined)).toBe("1h");
    expect(parseRange(["7d", "1h"])).toBe("7d");
  });

  it("ends the window now and spans the range", () => {
    const now = new Date("2026-11-23T04:00:00Z");
    const w = rangeWindow("30d", now);
    expect(w.to).toEqual(now);
    expect(now.getTime() - w.from.getTime()).toBe(30 * 86_400_000);
    expect(RANGE_MS["15m"]).toBe(900_000);
  });
});

describe("threshold lines", () => {
  it("draws the catalog's warning and critical lines with units", () => {
    const spec = PANELS.latency[0]!;
    expect(chartThresholds(spec)).toEqual([
      { kind: "warning", value: 10, label: "warning 10 ms" },
      { kind: "critical", value: 50, label: "critical 50 ms" },
    ]);
  });

  it("applies per-service overrides; null switches a line off", () => {
    const overrides: ThresholdOverrideMap = { p95_latency_ms: { warning: 20, critical: null } };
    expect(effectiveThresholds("p95_latency_ms", overrides)).toEqual({ warning: 20, critical: null });
    expect(effectiveThresholds("cpu_pct", overrides)).toEqual({ warning: 70, critical: 90 });
    expect(chartThresholds(PANELS.latency[0]!, overrides).map((l) => l.label)).toEqual(["warning 20 ms"]);
  });

  it("draws the scanner runbook's retry ratio 0.20/0.35 and error pressure 2 %/5 %", () => {
    const [retry, pressure] = PANELS.retries;
    expect(chartThresholds(retry!).map((l) => l.value)).toEqual([0.2, 0.35]);
    expect(chartThresholds(pressure!).map((l) => l.label)).toEqual(["warning 2 %", "critical 5 %"]);
    expect(scannerValue("errorPressure", 0.031)).toBeCloseTo(3.1);
    expect(scannerValue("retryRatio", null)).toBeNull();
  });

  it("falls back to the latency panel for an unknown panel", () => {
    expect(parsePanel("system")).toBe("system");
    expect(parsePanel("nope")).toBe("latency");
  });
});

describe("markers", () => {
  it("marks incident start/end, actions and SEV changes inside the window, oldest first", () => {
    const t = (m: number) => new Date(Date.UTC(2026, 10, 23, 3, m));
    const markers = buildMarkers({
      incidents: [
        { id: 7, severity: "SEV1", title: "x", declaredAt: t(10), endedAt: t(40) },
        { id: 3, severity: "SEV2", title: "old", declaredAt: t(-90), endedAt: t(-80) },
      ],
      actions: [{ incidentId: 7, occurredAt: t(20), label: "rollback" }],
      sevChanges: [{ changedAt: t(5), fromLevel: null, toLevel: "SEV1" }],
      from: t(0),
      to: t(59),
    });
    expect(markers.map((m) => [m.kind, m.label])).toEqual([
      ["sev_change", "no SEV → SEV-1"],
      ["incident_start", "#7 SEV-1 declared"],
      ["action", "rollback"],
      ["incident_end", "#7 resolved"],
    ]);
  });
});

describe("table and sparkline", () => {
  const points = [
    { t: 0, v: 5 },
    { t: 1000, v: null },
    { t: 2000, v: 7.25 },
  ];

  it("shows gaps as 'no data', never as zero, newest first", () => {
    expect(tableRows(points, "ms").map((r) => r.value)).toEqual(["7.25 ms", "no data", "5 ms"]);
    expect(formatValue(0, "%")).toBe("0 %");
    expect(latestValue(points)).toBe(7.25);
    expect(latestValue([{ t: 0, v: null }])).toBeNull();
  });

  it("breaks the sparkline at gaps and draws nothing without data", () => {
    expect(sparklinePath(points, 100, 20)).toBe("M2 18 l0 0 M98 2 l0 0");
    expect(sparklinePath([...points, { t: 3000, v: 6 }], 100, 20).split("M")).toHaveLength(3);
    expect(sparklinePath([{ t: 0, v: null }], 100, 20)).toBe("");
  });

  it("finds the lone samples a line cannot show", () => {
    const pts = [5, null, 7, 8, null, 9].map((v, t) => ({ t, v }));
    expect([...isolatedIndices(pts)]).toEqual([0, 5]);
  });
});

describe("bucketPoints", () => {
  it("keeps scanner runs as they are up to the limit, and averages per bucket beyond it", () => {
    const runs = Array.from({ length: 3000 }, (_, i) => ({ t: i * 1000, v: i % 2 === 0 ? 0.1 : 0.3 }));
    expect(bucketPoints(runs.slice(0, 10), 0, 10_000)).toHaveLength(10);
    const reduced = bucketPoints(runs, 0, 3_000_000, 1000);
    expect(reduced.length).toBeLessThanOrEqual(1000);
    expect(reduced[0]?.v).toBeCloseTo(0.2);
    expect(
      bucketPoints(
        [
          { t: 5, v: null },
          { t: 6, v: null },
        ],
        0,
        10,
        1,
      ),
    ).toEqual([{ t: 0, v: null }]);
  });
});
