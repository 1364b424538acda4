import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import {
  computeScannerMetrics,
  formatPercent,
  formatRatio,
  numbersFromReport,
  severityCounts,
  type ScannerRunNumbers,
} from "./metrics";
import { parseScannerReport } from "./report";

function example() {
  const r = parseScannerReport(readFileSync(join(__dirname, "fixtures", "report-pretty.json"), "utf8"));
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

const base: ScannerRunNumbers = {
  scanned: 100,
  httpRequests: 100,
  httpRetries: 0,
  distinctErrorUrls: 0,
  scannerFindings: { cors: 1, csp: 0 },
  scannerErrors: { cors: 0, csp: 0 },
};
const run = (over: Partial<ScannerRunNumbers>) => computeScannerMetrics({ ...base, ...over });

describe("computeScannerMetrics on the contract's example", () => {
  it("computes the ratios, impacted scanners and per-scanner counts", () => {
    const report = example();
    const m = computeScannerMetrics(numbersFromReport(report));
    expect(m.retryRatio).toBeCloseTo(37 / 412, 10);
    expect(m.errorPressure).toBeCloseTo(1 / 3, 10); // one distinct error URL over 3 scanned
    expect(m.scannerErrorRatio).toBeCloseTo(1 / 3, 10); // Σ scanner_errors = 1
    expect(m.impactedScanners).toEqual(["api_security"]);
    expect(m.perScanner.find((s) => s.scanner === "cors")).toEqual({
      scanner: "cors",
      findings: 2,
      errors: 0,
    });
    expect(m.level).toBe("critical");
    expect(m.reasons).toEqual(["scanner errors on 33.33 % of scanned URLs > 5 % (1 of 3 scanned URLs)"]);
    expect(severityCounts(report)).toEqual({ CRITICAL: 0, HIGH: 2, MEDIUM: 0, LOW: 1, INFO: 0 });
  });

  it("counts distinct non-null error URLs only", () => {
    const report = example();
    report.errors = [
      { url: "https://a/x", kind: "String", message: "m" },
      { url: "https://a/x", kind: "String", message: "again" },
      { url: null, kind: "String", message: "discovery" },
    ];
    expect(numbersFromReport(report).distinctErrorUrls).toBe(1);
  });
});

describe("computeScannerMetrics thresholds (strict)", () => {
  it.each([
    [20, "ok"],
    [21, "warning"],
    [35, "warning"],
    [36, "critical"],
  ] as const)("retry ratio with %d retries per 100 requests is %s", (retries, level) => {
    expect(run({ httpRetries: retries }).level).toBe(level);
  });

  it.each([
    [2, "ok"],
    [3, "warning"],
    [5, "warning"],
    [6, "critical"],
  ] as const)("error pressure with %d of 100 scanned URLs is %s", (urls, level) => {
    expect(run({ distinctErrorUrls: urls }).level).toBe(level);
  });

  it("words the reasons", () => {
    expect(run({ httpRetries: 40 }).reasons).toEqual(["retry ratio 0.4 > 0.35"]);
    expect(run({ httpRetries: 25 }).reasons).toEqual(["retry ratio 0.25 > 0.2"]);
  });

  it("is critical with errors in two scanners, and not with one", () => {
    expect(run({ scannerErrors: { cors: 1, csp: 0 } }).level).toBe("ok");
    const m = run({ scannerErrors: { cors: 1, csp: 2 } });
    expect(m.level).toBe("critical");
    expect(m.impactedScanners).toEqual(["cors", "csp"]);
    expect(m.reasons[0]).toMatch(/errors in 2 scanners \(cors, csp\)/);
  });

  it("lists critical reasons before warnings", () => {
    expect(run({ httpRetries: 40, distinctErrorUrls: 3 }).reasons.map((r) => r.split(" ")[0])).toEqual([
      "retry",
      "scanner",
    ]);
  });
});

describe("computeScannerMetrics without data", () => {
  it("has no retry ratio when no request was sent", () => {
    const m = run({ httpRequests: 0, httpRetries: 0 });
    expect(m.retryRatio).toBeNull();
    expect(formatRatio(m.retryRatio)).toBe("no data");
    expect(m.level).toBe("ok"); // error pressure still has data
  });

  it("has no error pressure when nothing was scanned, and no level without any data", () => {
    const m = run({ scanned: 0, httpRequests: 0, scannerFindings: {}, scannerErrors: {} });
    expect(m.errorPressure).toBeNull();
    expect(m.scannerErrorRatio).toBeNull();
    expect(formatPercent(m.errorPressure)).toBe("no data");
    expect(m.level).toBeNull();
  });
});
