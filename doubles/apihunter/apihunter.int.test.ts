import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { parseScannerReport } from "@/lib/scanner/report";
import { runApiHunter, startScanTarget, type ScanTarget } from "@/lib/testing/apihunter";

let target: ScanTarget;
let dir: string;
const env = () => ({ HOME: dir, APIHUNTER_DOUBLE_ARGV_LOG: path.join(dir, "argv.ndjson") });
const urlsFile = (paths: string[]) => {
  const file = path.join(dir, `urls-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, `# approved\n\n${paths.map((p) => `  ${target.url}${p}  `).join("\n")}\n`);
  return file;
};
const out = (name: string) => path.join(dir, name);
const FAST = ["--delay-ms", "0", "--no-auto-report"];

beforeAll(async () => {
  target = await startScanTarget();
  dir = mkdtempSync(path.join(tmpdir(), "apihunter-double-"));
});
afterAll(async () => {
  await target?.stop();
});
beforeEach(async () => {
  await target.behave({ vulnerable: true, latencyMs: 0, failRate: 0, hangRate: 0 });
  await target.resetRequests();
});

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
    const seen = await target.requests();
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
    expect((await target.requests()).requests.some((q) => q.path === "/robots.txt")).toBe(false);
  });

  it("a hardened target gives no qualifying findings: exit 0", async () => {
    await target.behave({ vulnerable: false });
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
    await target.behave({ failRate: 0.8 });
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
    expect(m.http_requests).toBe((await target.requests()).count);
    expect(m.http_retries / m.http_requests).toBeGreaterThan(0.35);
    expect(m.http_retries / m.http_requests).toBeLessThanOrEqual(0.5);
  }, 30_000);

  it("a hanging target times out into error records and exit bit 2, with the report still written", async () => {
    await target.behave({ hangRate: 1 });
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
    await target.behave({ latencyMs: 100 });
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
    const seen = await target.requests();
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
    expect((await target.requests()).maxInFlight).toBeLessThanOrEqual(2);
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

  it("applies --baseline (new findings only) and --min-severity, recomputing summary and exit", async () => {
    const first = out("base.ndjson");
    const urls = urlsFile(["/api/items/1"]);
    await runApiHunter(
      [
        "--urls",
        urls,
        "--no-filter",
        "--no-discovery",
        "--format",
        "ndjson",
        "--output",
        first,
        "--quiet",
        ...FAST,
      ],
      env(),
    );
    const again = await runApiHunter(
      [
        "--urls",
        urls,
        "--no-filter",
        "--no-discovery",
        "--baseline",
        first,
        "--output",
        out("new.json"),
        "--quiet",
        ...FAST,
      ],
      env(),
    );
    expect(again.code).toBe(0);
    const parsed = parseScannerReport(readFileSync(out("new.json"), "utf8"));
    expect(parsed.ok && parsed.report.summary.total).toBe(0);
    const high = await runApiHunter(
      [
        "--urls",
        urls,
        "--no-filter",
        "--no-discovery",
        "--min-severity",
        "high",
        "--output",
        out("hi.json"),
        "--quiet",
        ...FAST,
      ],
      env(),
    );
    const hp = parseScannerReport(readFileSync(out("hi.json"), "utf8"));
    expect(high.code).toBe(1);
    expect(hp.ok && hp.report.findings.every((f) => f.severity === "HIGH" || f.severity === "CRITICAL")).toBe(
      true,
    );
  });

  it("an invalid baseline fails after the scan: exit 2 and the truncated output file left empty", async () => {
    writeFileSync(out("old.json"), "an earlier report");
    writeFileSync(out("bad-baseline.ndjson"), '{"url":"u","check":"c"}\nnot json\n');
    const r = await runApiHunter(
      [
        "--urls",
        urlsFile(["/api/items/1"]),
        "--no-filter",
        "--no-discovery",
        "--baseline",
        out("bad-baseline.ndjson"),
        "--output",
        out("old.json"),
        ...FAST,
      ],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Invalid JSON on baseline line 2");
    expect(readFileSync(out("old.json"), "utf8")).toBe("");
  });

  it("writes no report and exits 0 when there is nothing to scan, and refuses a bad flag without a file", async () => {
    const empty = await runApiHunter(["--urls", urlsFile([]), "--output", out("none.json"), ...FAST], env());
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain("No URLs provided — nothing to scan.");
    expect(existsSync(out("none.json"))).toBe(false);
    const gone = await runApiHunter(
      ["--stdin", "--filter-timeout", "1", "--output", out("gone.json"), ...FAST],
      env(),
      "http://127.0.0.1:9/api\n",
    );
    expect(gone.code).toBe(0);
    expect(gone.stderr).toContain("No accessible URLs remaining after filtering.");
    const bad = await runApiHunter(["--urls", "x", "--format", "json", "--output", out("bad.json")], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: invalid value 'json' for '--format <FORMAT>'/);
    expect(existsSync(out("bad.json"))).toBe(false);
  });

  it("writes the auto-report under HOME unless --no-auto-report, and records its argv", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "apihunter-home-"));
    await runApiHunter(
      ["--urls", urlsFile(["/api/items/1"]), "--no-filter", "--no-discovery", "--delay-ms", "0", "--quiet"],
      { ...env(), HOME: home },
    );
    const [stamp] = readdirSync(path.join(home, "Documents/ApiHunterReports"));
    expect(readdirSync(path.join(home, "Documents/ApiHunterReports", stamp ?? "")).sort()).toEqual([
      "findings.json",
      "scan.log",
      "summary.md",
    ]);
    const log = readFileSync(path.join(dir, "argv.ndjson"), "utf8").trim().split("\n");
    expect((JSON.parse(log.at(-1) ?? "{}") as { argv: string[] }).argv).toEqual(
      expect.arrayContaining(["--no-discovery", "--quiet"]),
    );
  });
});
