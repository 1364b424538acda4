// Rollback benchmark: Firebreak's emergency rollback — from the lib-level call the
// server action makes (runAction: plan, idempotency claim, PATCH, audit row + timeline event)
// to PATCH acknowledged and audit row written — against `kubectl patch` of the same change,
// 20 runs each, same machine, same Kubernetes API double. Target: Firebreak ≤ 0.5× kubectl.
//
//   npm run bench:rollback        (PostgreSQL at BENCH_PG_ADMIN_URL or postgresql://postgres@127.0.0.1:5432/postgres)
//
// Runs under tsx with the react-server condition (it imports the app's TypeScript lib code,
// which is marked server-only).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";

import { startKubeDouble } from "../doubles/kube-api/spawn.ts";
import { migrate } from "./migrate.mjs";

const RUNS = 20;
const ADMIN = process.env.BENCH_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PATCH = '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function admin(sql) {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const dbName = `fb_bench_${process.pid}`;
const dbUrl = Object.assign(new URL(ADMIN), { pathname: `/${dbName}` }).toString();
const cacheDir = mkdtempSync(path.join(tmpdir(), "bench-kubectl-"));
await admin(`CREATE DATABASE ${dbName}`);
const kube = await startKubeDouble({ readyDelayMs: 0 });
try {
  await migrate({ connectionString: dbUrl });
  Object.assign(process.env, { DATABASE_URL: dbUrl, KUBECONFIG: kube.kubeconfigPath });
  const support = await import("../lib/testing/remediation.ts");
  const { runAction } = await import("../lib/remediation/run-action.ts");
  await support.registerDemoService("http://127.0.0.1:9");

  const reset = () => support.doubleControl(kube.url, "reset");
  const check = async () => {
    const v = await support.readServiceVersion(kube.url);
    if (v !== "stable") throw new Error(`service selects ${v} after the rollback`);
  };

  // Warm-up (one each: connection pools, kubectl's discovery cache), not measured.
  await reset();
  await runAction({ incidentId: await support.declareTestIncident(), kind: "rollback" }, support.TEST_ACTOR, {
    verify: false,
  });
  await reset();
  await support.runKubectl(kube.kubeconfigPath, cacheDir, [
    "patch",
    "service",
    "api-optimizer",
    "--type=json",
    `-p=${PATCH}`,
  ]);

  const firebreak = [];
  for (let i = 0; i < RUNS; i++) {
    await reset();
    const incidentId = await support.declareTestIncident(`bench ${i}`);
    const t0 = performance.now();
    const result = await runAction({ incidentId, kind: "rollback" }, support.TEST_ACTOR, { verify: false });
    firebreak.push(performance.now() - t0);
    if (result.status !== "done") throw new Error(`run ${i}: ${JSON.stringify(result)}`);
    await check();
  }

  const kubectl = [];
  for (let i = 0; i < RUNS; i++) {
    await reset();
    const t0 = performance.now();
    const r = await support.runKubectl(kube.kubeconfigPath, cacheDir, [
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      `-p=${PATCH}`,
    ]);
    kubectl.push(performance.now() - t0);
    if (r.code !== 0) throw new Error(`kubectl failed: ${r.stderr}`);
    await check();
  }

  const f = median(firebreak);
  const k = median(kubectl);
  console.log(
    `Firebreak rollback (runAction → PATCH acked + audit row): median ${f.toFixed(1)} ms over ${RUNS} runs`,
  );
  console.log(
    `kubectl patch service --type=json:                      median ${k.toFixed(1)} ms over ${RUNS} runs`,
  );
  console.log(
    `ratio Firebreak / kubectl = ${(f / k).toFixed(3)} (target ≤ 0.5) ${f / k <= 0.5 ? "OK" : "MISSED"}`,
  );
  const { getDb } = await import("../lib/db/client.ts");
  await getDb().$disconnect();
} finally {
  await kube.stop();
  rmSync(cacheDir, { recursive: true, force: true });
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
