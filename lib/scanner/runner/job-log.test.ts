import { describe, expect, it } from "vitest";

import { parseScannerReport } from "../report";
import { applyLogLine, logWithoutReport, reportFromLog } from "./job-log";
import { EMPTY_PROGRESS } from "./progress";

const META = {
  generated_at: "2026-11-28T12:00:00Z",
  elapsed_ms: 0,
  scanned: 0,
  skipped: 0,
  scanner_ver: "0.3.0",
};
const finding = (check: string, severity = "HIGH") =>
  JSON.stringify({
    url: "http://t/api",
    check,
    title: check,
    severity,
    detail: "d",
    scanner: "cors",
    timestamp: "2026-11-28T12:00:01Z",
  });
const error = JSON.stringify({ url: "http://t/x", kind: "String", message: "request failed after retries" });
const summary = { total: 2, critical: 0, high: 2, medium: 0, low: 0, info: 0, errors: 1 };
const metrics = {
  http_requests: 4,
  http_retries: 1,
  scanner_findings: { cors: 2 },
  scanner_errors: { cors: 1 },
};
const fullMeta = { ...META, scanned: 1, runtime_metrics: metrics };

/** A pod log as ApiHunter writes it with --output /dev/stdout --stream: stderr interleaved with the stream, then the stdout copy. */
const STREAM_LOG = [
  "2026-11-28T12:00:00Z  INFO apihunter: starting",
  "ApiHunter v0.3.0 | Targets: 1",
  JSON.stringify({
    type: "meta",
    meta: { ...META, runtime_metrics: { ...metrics, http_requests: 0, http_retries: 0 } },
    stream: true,
  }),
  finding("cors/reflected-origin"),
  "[1/1] (100.0%)",
  finding("cors/null-origin"),
  JSON.stringify({ type: "summary", summary, meta: fullMeta }),
  error,
  "╔══════════════╗",
  "║ SCAN SUMMARY ║",
  JSON.stringify({ type: "meta", meta: fullMeta, summary }),
  finding("cors/reflected-origin"),
  finding("cors/null-origin"),
  error,
  "✅ Completed 1 items in 0.20s",
  "",
].join("\n");

describe("scan pod logs", () => {
  it("finds the streamed output file in the log: head to summary and its error lines, not the stdout copy", () => {
    const text = reportFromLog(STREAM_LOG, "ndjson-stream")!;
    expect(text.trim().split("\n")).toHaveLength(5);
    const parsed = parseScannerReport(text);
    expect(parsed.ok && parsed.report.format).toBe("ndjson-stream");
    expect(parsed.ok && parsed.report.findings).toHaveLength(2);
    expect(parsed.ok && parsed.report.errors).toHaveLength(1);
  });

  it("counts streamed findings once (not the stdout copy) and URLs from stderr", () => {
    const p = STREAM_LOG.split("\n").reduce(applyLogLine, EMPTY_PROGRESS);
    expect(p).toMatchObject({
      seeds: 1,
      urlsDone: 1,
      urlsTotal: 1,
      findings: 2,
      highOrCritical: 2,
      finished: true,
    });
  });

  it("finds a pretty report as its first top-level block, skipping interleaved stderr", () => {
    const pretty = JSON.stringify({ meta: fullMeta, summary, findings: [], errors: [] }, null, 2).split("\n");
    const log = [
      "ApiHunter v0.3.0 | Targets: 1",
      ...pretty.slice(0, 3),
      "[1/1] (100.0%)",
      ...pretty.slice(3),
      "box",
      ...pretty,
    ].join("\n");
    expect(reportFromLog(log, "pretty")).toBe(`${pretty.join("\n")}\n`);
    expect(logWithoutReport(log)).toBe("ApiHunter v0.3.0 | Targets: 1\n[1/1] (100.0%)\nbox");
  });

  it("a log without the output (a fatal start, nothing to scan) has no report", () => {
    const log = "2026-11-28T12:00:00Z ERROR apihunter: Error: --auth-flow file not found\n";
    expect(reportFromLog(log, "ndjson-stream")).toBeNull();
    expect(reportFromLog(log, "pretty")).toBeNull();
  });
});

describe("live trigger watch of a Job's scan", () => {
  it("is not pointed at this process's own stdout when the output goes to the pod log", async () => {
    const { streamedOutputPath } = await import("../operations/live-watch");
    expect(streamedOutputPath(["--format", "ndjson", "--stream", "--output", "/dev/stdout"])).toBeNull();
    expect(streamedOutputPath(["--format", "ndjson", "--stream", "--output", "/tmp/r.ndjson"])).toBe(
      "/tmp/r.ndjson",
    );
  });
});
