import { describe, expect, it } from "vitest";

import { renderChartSvg, type ChartInput } from "./chart-svg";

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
const chart = (over: Partial<ChartInput> = {}): ChartInput => ({
  title: "P95 latency, api-optimizer",
  unit: "ms",
  points: [
    { t: T0, v: 5 },
    { t: T0 + 60_000, v: 80 },
    { t: T0 + 120_000, v: null },
    { t: T0 + 180_000, v: 6 },
  ],
  from: T0,
  to: T0 + 180_000,
  warning: 10,
  critical: 50,
  marks: [{ t: T0 + 60_000, label: "declared" }],
  ...over,
});

describe("postmortem chart image", () => {
  it("draws the series with a gap where there was no data, never a zero", () => {
    const svg = renderChartSvg(chart());
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it("shows the runbook's warning and critical lines, the marks and the window's ends", () => {
    const svg = renderChartSvg(chart());
    expect(svg).toContain("warning 10.0 ms");
    expect(svg).toContain("critical 50.0 ms");
    expect(svg).toContain(">declared</text>");
    expect(svg).toContain(">09:00 UTC</text>");
    expect(svg).toContain(">09:03 UTC</text>");
  });

  it("escapes text and says so when the window holds no samples", () => {
    const svg = renderChartSvg(chart({ title: "<script>x</script>", points: [{ t: T0, v: null }] }));
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("No samples in this window");
    expect(svg).not.toContain("<polyline");
  });
});
