// The ApiHunter double (its CLI + report contract: shared notes) scanning a real target: findings, exit
// codes, pacing and the streamed ndjson. Baselines, filters and files: apihunter-files.int.test.ts.
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { parseScannerReport } from "@/lib/scanner/report";
import { runApiHunter } from "@/lib/testing/apihunter";

import { FAST, withApiHunterDouble } from "./double-harness";

const h = withApiHunterDouble();
const { env, urlsFile, out } = h;

describe("ApiHunter double against a real target", () => {
  it("finds missing headers, reflected CORS and a debug endpoint passively, and counts every request the target saw", async () => {
    const urls = urlsFile(["/api/items/1", "/api/items/2"]);
    const r = await runApiHunter(
      ["--urls", urls, "--no-filter", "--format", "pretty", "--output", out("p.json"), "--summary", ...FAST],
      env(),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("SCAN SUMMARY");
    expect(r.stderr).toContain("Findings at or above 'MEDIUM' threshold detected (exit 1).");
    const parsed = parseScannerReport(readFileSync(out("p.json"), "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    const checks = new Set(parsed.report.findings.map((f) => f.check));
    expect(checks).toContain("cors/reflected-origin");
    expect(checks).toContain("api_security/headers/xcto-missing");
    expect(checks).toContain("api_security/debug-endpoint-debug-vars");
    expect([...checks].some((c) => c.startsWith("cve/") || c.startsWith("rate_limit/"))).toBe(false);
    expect(Object.keys(parsed.report.meta.runtime_metrics.scanner_findings)).not.toContain("rate_limit");
    const seen = await h.target.requests();
    expect(parsed.report.meta.runtime_metrics.http_requests).toBe(seen.count);
    expect(seen.requests.some((q) => q.path === "/robots.txt")).toBe(true);
  });

  it("runs active checks only with --active-checks, and --no-discovery scans the seeds only", async () => {
    const urls = urlsFile(["/api/items/1"]);
    const r = await runApiHunter(
      [
        "--urls",
        urls,
        "--no-filter",
        "--active-checks",
        "--no-discovery",
        "--format",
        "ndjson",
        "--output",
        out("a.ndjson"),
        "--quiet",
        ...FAST,
      ],
      env(),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const parsed = parseScannerReport(readFileSync(out("a.ndjson"), "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.report.meta.scanned).toBe(1);
    const checks = parsed.report.findings.map((f) => f.check);
    expect(checks).toContain("cve/cve-2022-22947/spring-cloud-gateway-actuator-exposed");
    expect(checks).toContain("rate_limit/not-detected");
    expect((await h.target.requests()).requests.some((q) => q.path === "/robots.txt")).toBe(false);
  });

  it("a hardened target gives no qualifying findings: exit 0", async () => {
    await h.target.behave({ vulnerable: false });
    const r = await runApiHunter(
      [
        "--urls",
        urlsFile(["/api/items/1"]),
        "--no-filter",
        "--no-discovery",
        "--output",
        out("h.json"),
        ...FAST,
      ],
      env(),
    );
    expect(r.code).toBe(0);
    const parsed = parseScannerReport(readFileSync(out("h.json"), "utf8"));
    expect(parsed.ok && parsed.report.summary.medium + parsed.report.summary.high).toBe(0);
  });

  it("a flaky target (503s) raises the retry ratio honestly: retries/requests over 0.35 with --retries 1", async () => {
    await h.target.behave({ failRate: 0.8 });
    const r = await runApiHunter(
      [
        "--urls",
        urlsFile(["/api/items/1", "/api/items/2"]),
        "--no-filter",
        "--no-discovery",
        "--retries",
        "1",
        "--output",
        out("f.json"),
        ...FAST,
      ],
      env(),
    );
    expect([0, 1]).toContain(r.code);
    const parsed = parseScannerReport(readFileSync(out("f.json"), "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    const m = parsed.report.meta.runtime_metrics;
    expect(m.http_requests).toBe((await h.target.requests()).count);
    expect(m.http_retries / m.http_requests).toBeGreaterThan(0.35);
    expect(m.http_retries / m.http_requests).toBeLessThanOrEqual(0.5);
  }, 30_000);

  it("a hanging target times out into error records and exit bit 2, with the report still written", async () => {
    await h.target.behave({ hangRate: 1 });
    const r = await runApiHunter(
      [
        "--urls",
        urlsFile(["/api/items/1"]),
        "--no-filter",
        "--no-discovery",
        "--retries",
        "0",
        "--timeout-secs",
        "1",
        "--output",
        out("t.json"),
        ...FAST,
      ],
      env(),
    );
    expect(r.code! & 2).toBe(2);
    const parsed = parseScannerReport(readFileSync(out("t.json"), "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.report.errors[0]).toMatchObject({ kind: "dyn core::error::Error" });
    expect(parsed.report.meta.runtime_metrics.scanner_errors.cors).toBe(1);
  }, 30_000);

  it("keeps --delay-ms between requests to one host and at most --concurrency URLs in flight", async () => {
    await h.target.behave({ latencyMs: 100 });
    const paths = Array.from({ length: 6 }, (_, i) => `/api/items/${i}`);
    await runApiHunter(
      [
        "--urls",
        urlsFile(paths),
        "--no-filter",
        "--no-discovery",
        "--no-auto-report",
        "--delay-ms",
        "60",
        "--concurrency",
        "2",
        "--quiet",
      ],
      env(),
    );
    const seen = await h.target.requests();
    const gaps = seen.requests.slice(1).map((q, i) => q.at - (seen.requests[i]?.at ?? 0));
    // Arrival at the target jitters around the send on a busy machine (the first send also waits
    // for the HTTP stack to warm up), so the span and the median gap are checked, not each gap.
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
    expect(median, JSON.stringify(gaps)).toBeGreaterThanOrEqual(50);
    expect(seen.requests.at(-1)!.at - seen.requests[0]!.at).toBeGreaterThanOrEqual(60 * gaps.length - 30);
    const fast = await runApiHunter(
      [
        "--urls",
        urlsFile(paths),
        "--no-filter",
        "--no-discovery",
        "--no-auto-report",
        "--delay-ms",
        "0",
        "--concurrency",
        "2",
        "--quiet",
      ],
      env(),
    );
    expect(fast.code).toBe(1);
    expect((await h.target.requests()).maxInFlight).toBeLessThanOrEqual(2);
  }, 60_000);

  it("streams ndjson: an all-zero meta line first, findings, then the summary line", async () => {
    const file = out("s.ndjson");
    await runApiHunter(
      [
        "--urls",
        urlsFile(["/api/items/1"]),
        "--no-filter",
        "--no-discovery",
        "--format",
        "ndjson",
        "--stream",
        "--output",
        file,
        "--quiet",
        ...FAST,
      ],
      env(),
    );
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: "meta", stream: true, meta: { scanned: 0, elapsed_ms: 0 } });
    expect(lines.find((l) => l.type === "summary")).toBeDefined();
    const parsed = parseScannerReport(readFileSync(file, "utf8"));
    expect(parsed.ok && parsed.report.format).toBe("ndjson-stream");
  });
});
