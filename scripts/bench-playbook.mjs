// Playbook benchmark: Step 1 of the Incident Response Playbook (runbook 001 · Step 1: Initial
// Assessment, < 2 minutes) makes six probes — /health/live, /health/ready, p95, error rate,
// cache hit ratio, /alerts/active. They run in parallel, so the step should take about as long
// as its slowest probe: target ≤ 1.5× the slowest single probe. The optimizer double answers
// each route after a fixed 40-80 ms (--latency-ms 80), so the probes differ in speed.
//
//   npm run bench:playbook
//
// Runs under tsx with the react-server condition (it imports the app's TypeScript lib code,
// which is marked server-only).
import { performance } from "node:perf_hooks";

// The optimizer double listens on loopback, which lib/net refuses unless allowlisted (as an
// operator would for an in-cluster address).
process.env.OUTBOUND_ALLOW_CIDRS ??= "127.0.0.0/8";

import { readPlaybookDir } from "../lib/playbooks/catalog.ts";
import { measureAll, measureMetric } from "../lib/playbooks/probe.ts";
import { startDouble } from "../lib/testing/spawn.ts";

const RUNS = 15;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const step = readPlaybookDir()
  .playbooks.find((p) => p.id === "incident-response")
  .steps.find((s) => s.id === "step-1-assess");
const double = await startDouble("optimizer", ["--noise", "0", "--latency-ms", "80"]);
try {
  const target = {
    name: "api-optimizer",
    metricsBaseUrl: double.url,
    ratioUnit: "percent",
    metricsSource: "optimizer",
  };
  await measureAll(step.metrics, target); // warm-up (connections, JIT)
  const singles = Object.fromEntries(step.metrics.map((m) => [m.name, []]));
  const whole = [];
  for (let i = 0; i < RUNS; i++) {
    for (const m of step.metrics) {
      const t = performance.now();
      const r = await measureMetric(m, target);
      if (r.phase === "Error") throw new Error(`probe ${m.name} failed: ${r.text}`);
      singles[m.name].push(performance.now() - t);
    }
    const t = performance.now();
    const results = await measureAll(step.metrics, target);
    whole.push(performance.now() - t);
    if (results.length !== 6) throw new Error(`Step 1 has ${results.length} probes, expected 6`);
  }
  const perProbe = Object.entries(singles).map(([name, xs]) => [name, median(xs)]);
  for (const [name, ms] of perProbe)
    console.log(`single probe ${name.padEnd(16)} median ${ms.toFixed(1)} ms`);
  const slowest = Math.max(...perProbe.map(([, ms]) => ms));
  const sum = perProbe.reduce((a, [, ms]) => a + ms, 0);
  const step1 = median(whole);
  const ratio = step1 / slowest;
  console.log(`sequential sum of the six probes: ${sum.toFixed(1)} ms`);
  console.log(
    `Step 1 (6 probes, ${RUNS} runs): median ${step1.toFixed(1)} ms; slowest single probe ${slowest.toFixed(1)} ms; ratio ${ratio.toFixed(2)}× (target ≤ 1.5×) ${ratio <= 1.5 ? "PASS" : "FAIL"}`,
  );
  process.exitCode = ratio <= 1.5 ? 0 : 1;
} finally {
  await double.stop();
}
