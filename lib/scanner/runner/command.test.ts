import { describe, expect, it } from "vitest";

import { stageArgv } from "./command";
import { RUNBOOK_CANARY_FLAGS } from "@/lib/testing/runbook-commands";

const files = { urlsFile: "/w/targets.txt", outputFile: "/w/report-1.json" };

describe("ApiHunter command per runbook stage", () => {
  it("stage 0 in the runbook's format is the runbook's passive command plus --no-auto-report", () => {
    expect(stageArgv("passive", files, "pretty")).toEqual([
      "--urls",
      "/w/targets.txt",
      "--format",
      "pretty",
      "--output",
      "/w/report-1.json",
      "--summary",
      "--no-auto-report",
    ]);
  });

  it("a canary is the runbook's stage 1 command: active checks, no discovery, conservative timing", () => {
    expect(stageArgv("canary1", files, "pretty")).toEqual([
      "--urls",
      "/w/targets.txt",
      ...RUNBOOK_CANARY_FLAGS,
      "--format",
      "pretty",
      "--output",
      "/w/report-1.json",
      "--summary",
      "--no-auto-report",
    ]);
    expect(stageArgv("canary2", files, "pretty")).toEqual(stageArgv("canary1", files, "pretty"));
  });

  it("back to passive has no active checks, concurrency 2 and a longer delay than the canary's", () => {
    const argv = stageArgv("back-to-passive", files);
    expect(argv).not.toContain("--active-checks");
    expect(argv[argv.indexOf("--concurrency") + 1]).toBe("2");
    expect(Number(argv[argv.indexOf("--delay-ms") + 1])).toBeGreaterThan(250);
  });

  it("the streaming format swaps only the format flags", () => {
    const argv = stageArgv("passive", files);
    expect(argv).toEqual([
      "--urls",
      "/w/targets.txt",
      "--format",
      "ndjson",
      "--stream",
      "--output",
      "/w/report-1.json",
      "--summary",
      "--no-auto-report",
    ]);
  });
});
