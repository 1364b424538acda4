import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { interpretExit, type Finished } from "./outcome";

const report = readFileSync(path.join(import.meta.dirname, "../fixtures/report-pretty.json"), "utf8");
const base: Finished = {
  exitCode: 0,
  signal: null,
  reportText: report,
  stderr: "",
  killedFor: null,
  wallClockSeconds: 60,
};

describe("interpreting ApiHunter's exit", () => {
  it("exit 1 with a report is a completed run with findings, not a failure", () => {
    expect(interpretExit({ ...base, exitCode: 1 })).toMatchObject({
      status: "completed",
      findingsBit: true,
      errorsBit: false,
    });
  });

  it("exit 2 or 3 with a parseable report completed, with captured errors", () => {
    expect(interpretExit({ ...base, exitCode: 3 })).toMatchObject({
      status: "completed",
      findingsBit: true,
      errorsBit: true,
    });
  });

  it("an empty output file is a failed run, never a clean one", () => {
    const o = interpretExit({
      ...base,
      exitCode: 2,
      reportText: "",
      stderr: "ERROR apihunter: Error: Invalid JSON on baseline line 2",
    });
    expect(o.status).toBe("failed");
    expect(o.status !== "completed" && o.reason).toMatch(/empty.*Invalid JSON on baseline line 2/s);
  });

  it("no file: nothing scanned on ApiHunter's message with exit 0, failed otherwise", () => {
    expect(
      interpretExit({
        ...base,
        reportText: null,
        stderr: "INFO apihunter: No URLs provided — nothing to scan.",
      }).status,
    ).toBe("nothing_scanned");
    expect(
      interpretExit({ ...base, exitCode: 2, reportText: null, stderr: "error: unexpected argument" }).status,
    ).toBe("failed");
  });

  it("a kill by the wall-clock limit or by cancel says so, whatever the file holds", () => {
    expect(interpretExit({ ...base, exitCode: null, signal: "SIGTERM", killedFor: "timeout" })).toEqual({
      status: "timed_out",
      reason: "Stopped at the wall-clock limit of 60 s.",
    });
    expect(interpretExit({ ...base, exitCode: null, killedFor: "cancel" }).status).toBe("cancelled");
  });

  it("an unreadable report fails with the parser's reason", () => {
    const o = interpretExit({ ...base, reportText: '{"meta":1}' });
    expect(o.status).toBe("failed");
  });
});
