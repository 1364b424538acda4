import { describe, expect, it } from "vitest";

import { scanWindows } from "./scan-windows";

const at = (s: number) => new Date(s * 1000);
const scan = (id: number, stage: string, start: number | null, end: number | null) => ({
  id,
  environment: "staging",
  stage,
  startedAt: start === null ? null : at(start),
  finishedAt: end === null ? null : at(end),
});

describe("scan windows on the charts", () => {
  it("clips each scan to the range, a running one ends now, scans outside or never started are left out", () => {
    const w = scanWindows(
      [
        scan(1, "passive", 50, 150),
        scan(2, "canary1", 300, null),
        scan(3, "canary2", 10, 20),
        scan(4, "full", null, null),
        scan(5, "back-to-passive", 120, 130),
      ],
      100_000,
      400_000,
      350_000,
    );
    expect(w).toEqual([
      { from: 100_000, to: 150_000, label: "scan #1 stage 0 (staging)", active: false, scanId: 1 },
      { from: 120_000, to: 130_000, label: "scan #5 back to passive (staging)", active: false, scanId: 5 },
      { from: 300_000, to: 350_000, label: "scan #2 stage 1 (staging)", active: true, scanId: 2 },
    ]);
  });
});
