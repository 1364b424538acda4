import { describe, expect, it } from "vitest";

import { retriesByStage, retryLevel } from "./retries";

const run = (
  environment: string,
  stage: string,
  scanId: number,
  httpRequests: number,
  httpRetries: number,
) => ({
  environment,
  stage,
  scanId,
  httpRequests,
  httpRetries,
});

describe("retries per stage and environment", () => {
  it("pools each environment and stage, with the latest and the worst run, stages in rollout order", () => {
    const rows = retriesByStage([
      run("staging", "canary2", 5, 60, 24),
      run("staging", "canary1", 2, 100, 10),
      run("staging", "canary1", 4, 100, 30),
      run("prod", "passive", 1, 50, 0),
      run("staging", "passive", 1, 0, 0),
    ]);
    expect(rows.map((r) => [r.environment, r.stage, r.runs, r.pooled, r.latest, r.worst, r.level])).toEqual([
      ["prod", "passive", 1, 0, 0, 0, "ok"],
      ["staging", "passive", 1, null, null, null, "no data"],
      ["staging", "canary1", 2, 0.2, 0.3, 0.3, "warning"],
      ["staging", "canary2", 1, 0.4, 0.4, 0.4, "critical"],
    ]);
    expect(rows[2]?.latestScanId).toBe(4);
  });

  it("levels are strict: 0.20 and 0.35 exactly are the lower level", () => {
    expect([0.2, 0.2001, 0.35, 0.3501, null].map(retryLevel)).toEqual([
      "ok",
      "warning",
      "warning",
      "critical",
      "no data",
    ]);
  });
});
