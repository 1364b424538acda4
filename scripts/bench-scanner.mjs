// Scanner benchmark: Firebreak's overhead over running the same ApiHunter scan from a shell, and
// reading a 100,000-finding NDJSON stream.
//
//   npm run bench:scanner
//
// 1. The stage 0 passive scan of 10 URLs on the scan target double, 3 runs each way, the same
//    ApiHunter double binary: straight from a shell-like spawn (output to a file, stdout to
//    /dev/null) vs through Firebreak's runner (temp files, stdout drained, stderr progress,
//    streamed-report tailing, exit interpretation and report parsing). Target: ≤ 1.1×.
// 2. A 100,000-finding `ndjson --stream` report read the way the runner reads it (line by line
//    for progress) and parsed whole by the report parser: time and peak RSS.
// Runs under tsx with the react-server condition (it imports the app's server-only lib code).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { parseScannerReport } from "../lib/scanner/report.ts";
import { stageArgv } from "../lib/scanner/runner/command.ts";
import { ProcessScanRunner } from "../lib/scanner/runner/process-runner.ts";
import { applyStreamLine, EMPTY_PROGRESS } from "../lib/scanner/runner/progress.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "doubles/apihunter/bin/apihunter");
const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const target = spawn(
  path.join(ROOT, "node_modules/.bin/tsx"),
  ["doubles/scan-target/main.ts", "--port", String(port), "--latency-ms", "5"],
  { cwd: ROOT, stdio: "ignore" },
);
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 100));
}
const urls = Array.from({ length: 10 }, (_, i) => `http://127.0.0.1:${port}/api/items/${i}`);
const dir = mkdtempSync(path.join(tmpdir(), "bench-scanner-"));
try {
  writeFileSync(path.join(dir, "targets.txt"), `${urls.join("\n")}\n`);
  const shell = async () => {
    const argv = stageArgv("passive", {
      urlsFile: path.join(dir, "targets.txt"),
      outputFile: path.join(dir, "out.ndjson"),
    });
    const t0 = performance.now();
    await new Promise((resolve) => spawn(BIN, argv, { stdio: "ignore" }).on("close", resolve));
    return performance.now() - t0;
  };
  const runner = new ProcessScanRunner(BIN);
  const firebreak = async () => {
    const t0 = performance.now();
    const r = await runner.run({
      stage: "passive",
      urls,
      format: "ndjson-stream",
      wallClockSeconds: 600,
      onProgress: () => {},
    });
    if (r.outcome.status !== "completed") throw new Error(`scan ${r.outcome.status}: ${r.outcome.reason}`);
    return performance.now() - t0;
  };
  const s = [];
  const f = [];
  for (let i = 0; i < RUNS; i++) {
    s.push(await shell());
    f.push(await firebreak());
  }
  console.log(
    `passive scan of ${urls.length} URLs, median of ${RUNS}: shell ${median(s).toFixed(0)} ms, Firebreak runner ${median(f).toFixed(0)} ms`,
  );

  const N = 100_000;
  const meta = {
    generated_at: "2026-11-28T09:00:00Z",
    elapsed_ms: 0,
    scanned: 0,
    skipped: 0,
    scanner_ver: "0.3.0",
    runtime_metrics: { http_requests: 0, http_retries: 0, scanner_findings: {}, scanner_errors: {} },
  };
  const lines = [JSON.stringify({ type: "meta", meta, stream: true })];
  for (let i = 0; i < N; i++)
    lines.push(
      JSON.stringify({
        url: `https://api.example.com/v1/items/${i}`,
        check: "api_security/headers/xcto-missing",
        title: "Missing X-Content-Type-Options header",
        severity: i % 50 === 0 ? "HIGH" : "LOW",
        detail: "Missing X-Content-Type-Options header",
        confidence: "HIGH",
        scanner: "api_security",
        timestamp: "2026-11-28T09:00:01.5Z",
      }),
    );
  const summary = { total: N, critical: 0, high: N / 50, medium: 0, low: N - N / 50, info: 0, errors: 0 };
  lines.push(
    JSON.stringify({
      type: "summary",
      summary,
      meta: { ...meta, scanned: N, runtime_metrics: { ...meta.runtime_metrics, http_requests: N } },
    }),
  );
  const text = `${lines.join("\n")}\n`;
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  let p = EMPTY_PROGRESS;
  for (const line of text.split("\n")) p = applyStreamLine(p, line);
  const parsed = parseScannerReport(text);
  const ms = performance.now() - t0;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (!parsed.ok || p.findings !== N)
    throw new Error(`ingest failed: ${parsed.ok ? p.findings : parsed.error}`);
  console.log(
    `100,000-finding stream (${(text.length / 1e6).toFixed(1)} MB): progress + parse ${ms.toFixed(0)} ms, peak RSS ${(peak / 1e6).toFixed(0)} MB (+${((peak - rss0) / 1e6).toFixed(0)} MB)`,
  );
  console.log(`Firebreak overhead over a shell scan: ${(median(f) / median(s)).toFixed(3)}× (target ≤ 1.1×)`);
} finally {
  target.kill();
  rmSync(dir, { recursive: true, force: true });
}
