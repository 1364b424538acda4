// Alerts benchmark against the real Prometheus (Debian's `prometheus` + `promtool`):
// 30 days of the optimizer's series at the runbook's 30 s interval are backfilled with
// `promtool tsdb create-blocks-from openmetrics`, then Prometheus serves them and the PromQL
// queries Firebreak's Prometheus source and a 30-day chart would send are timed (20 runs each).
//
//   npm run bench:alerts
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";
const PROMTOOL = process.env.PROMTOOL_BIN ?? "/usr/bin/promtool";
const DAYS = 30;
const STEP_S = 30;
const RUNS = 20;
const SERIES = [
  ["api_p95_latency_ms", (i) => 6 + 3 * Math.sin(i / 500) + (i % 2880 < 40 ? 55 : 0)],
  ["api_error_rate_percent", (i) => 0.3 + 0.2 * Math.sin(i / 700)],
  ["api_cache_hit_ratio_percent", (i) => 90 - 5 * Math.sin(i / 900)],
  ["api_requests_per_second", (i) => 120 + 30 * Math.sin(i / 1000)],
];

const dir = mkdtempSync(path.join(tmpdir(), "fb-bench-prom-"));
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

let prom;
try {
  const end = Math.floor(Date.now() / 1000 / STEP_S) * STEP_S - 3600;
  const samples = (DAYS * 86_400) / STEP_S;
  const lines = [];
  for (const [name, f] of SERIES) {
    lines.push(`# TYPE ${name} gauge`);
    for (let i = 0; i < samples; i++) {
      const t = end - (samples - 1 - i) * STEP_S;
      lines.push(`${name}{job="api-optimizer",instance="bench:8080"} ${f(i).toFixed(3)} ${t}`);
    }
  }
  lines.push("# EOF");
  const file = path.join(dir, "series.om");
  writeFileSync(file, lines.join("\n") + "\n");
  let t0 = performance.now();
  execFileSync(
    PROMTOOL,
    ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=720h", file, path.join(dir, "data")],
    {
      stdio: "ignore",
    },
  );
  console.log(
    `backfilled ${SERIES.length} series × ${samples} samples in ${Math.round(performance.now() - t0)} ms`,
  );

  const port = await freePort();
  writeFileSync(path.join(dir, "prometheus.yml"), "global:\n  scrape_interval: 30s\nscrape_configs: []\n");
  prom = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      "--storage.tsdb.retention.time=60d",
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: "ignore" },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 300) throw new Error("Prometheus did not become ready");
    await new Promise((r) => setTimeout(r, 100));
  }

  const start = end - DAYS * 86_400;
  const step = Math.ceil((DAYS * 86_400) / 1000); // ≤ 1000 points, like Firebreak's charts
  const queries = {
    "instant (the source's poll)": `/api/v1/query?query=${encodeURIComponent('api_p95_latency_ms{job="api-optimizer"}')}&time=${end}`,
    "30 d range, ≤ 1000 points": `/api/v1/query_range?query=${encodeURIComponent('api_p95_latency_ms{job="api-optimizer"}')}&start=${start}&end=${end}&step=${step}`,
    "30 d max_over_time": `/api/v1/query?query=${encodeURIComponent('max_over_time(api_p95_latency_ms{job="api-optimizer"}[30d])')}&time=${end}`,
  };
  const results = {};
  for (const [label, q] of Object.entries(queries)) {
    const times = [];
    let points = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      t0 = performance.now();
      const body = await (await fetch(base + q)).json();
      const ms = performance.now() - t0;
      if (body.status !== "success") throw new Error(`${label}: ${JSON.stringify(body).slice(0, 200)}`);
      const r = body.data.result[0];
      points = r ? (r.values?.length ?? 1) : 0;
      if (i >= 2) times.push(ms);
    }
    results[label] = { p50: pct(times, 50), p95: pct(times, 95), points };
    console.log(
      `${label}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, ${points} points`,
    );
  }
  const range = results["30 d range, ≤ 1000 points"];
  console.log(
    `bench:alerts 30-day PromQL range query p95 ${range.p95.toFixed(1)} ms for ${range.points} points`,
  );
} finally {
  prom?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  rmSync(dir, { recursive: true, force: true });
}
