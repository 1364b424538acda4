// Rollback benchmark: what Firebreak's emergency rollback costs next to `kubectl patch` of the
// same change against the same Kubernetes API double, and next to the physical floor.
//  - floor: one loopback HTTP round trip (kept-alive) + one PostgreSQL commit, measured here;
//  - library: runAction (plan with its pre-flight, idempotency claim, the PATCH, audit row and
//    timeline event) called in this process, as the server action calls it;
//  - server action over HTTP: a signed-in POST of the confirm click's server action to the
//    production server (`next start` on a build; its action id from the build's manifest), from
//    request to the last byte of the answer, with the PATCH acknowledged and the audit row
//    written when it returns; one click at a time, each waiting (untimed) for its rollback's
//    verification to end (the demo service answers /health/live), as in an incident;
//  - kubectl patch service --type=json of the same selector change.
// Targets: server action ≤ 0.2× kubectl patch; library call ≤ 5× floor. The server action is
// timed to its answer's headers and to its last byte; the target is judged on the last byte (the
// dialog shows the result once the answer is complete). The last line prints both ratios and the
// load average (the benchmark shares the machine's cores with the database, the double and kubectl).
// The samples are interleaved (each round takes one of each), so the ratios compare samples taken
// under the same conditions.
//
//   npm run bench:rollback [-- --runs 40 --dist .next]   (a build: `npm run build`, or NEXT_DIST_DIR)
//   (PostgreSQL at BENCH_PG_ADMIN_URL or postgresql://postgres@127.0.0.1:5432/postgres)
//
// Runs under tsx with the react-server condition (it imports the app's TypeScript lib code,
// which is marked server-only). Without a build the server action is reported as not measured.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";

import { startKubeDouble } from "../doubles/kube-api/spawn.ts";
import { actionId, signIn, startServer } from "./bench-rollback-server.mjs";
import { migrate } from "./migrate.mjs";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "40" },
    dist: { type: "string", default: process.env.NEXT_DIST_DIR ?? ".next" },
  },
});
const RUNS = Number(args.runs);
const WARM = 20;
const DIST = path.resolve(args.dist);
const ADMIN = process.env.BENCH_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PATCH = '[{"op":"replace","path":"/spec/selector/version","value":"stable"}]';
const PASSWORD = "bench-rollback-password-1";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const range = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
const line = (label, xs) =>
  console.log(
    `${label.padEnd(58)} median ${median(xs).toFixed(1)} ms (range ${range(xs)}) over ${xs.length} runs`,
  );

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
let server = null;
let live = null;
let exitCode = 0;
try {
  await migrate({ connectionString: dbUrl });
  Object.assign(process.env, {
    DATABASE_URL: dbUrl,
    KUBECONFIG: kube.kubeconfigPath,
    FIREBREAK_BREAK_GLASS: "enabled",
    // The demo service's metrics URL is on loopback, which configured URLs may not reach by default.
    OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
  });
  const support = await import("../lib/testing/remediation.ts");
  const { runAction } = await import("../lib/remediation/run-action.ts");
  // The service answers /health/live, so each click's rollback verification ends (verified) at
  // its first probe; the clicks below wait for it, one rollback at a time as in an incident.
  // (Back to back without waiting, every earlier click's verification would still be probing
  // every second inside the server being measured.)
  live = await support.startLiveEndpoint();
  await support.registerDemoService(live.url);

  const reset = () => support.doubleControl(kube.url, "reset");
  const check = async () => {
    const v = await support.readServiceVersion(kube.url);
    if (v !== "stable") throw new Error(`service selects ${v} after the rollback`);
  };
  const kubectlPatch = () =>
    support.runKubectl(kube.kubeconfigPath, cacheDir, [
      "patch",
      "service",
      "api-optimizer",
      "--type=json",
      `-p=${PATCH}`,
    ]);

  // ---- floor: one loopback round trip + one commit ----------------------------------------------
  const echo = createServer((_req, res) => res.end("ok"));
  await new Promise((r) => echo.listen(0, "127.0.0.1", r));
  const echoUrl = `http://127.0.0.1:${echo.address().port}/`;
  const sql = new pg.Client({ connectionString: dbUrl });
  sql.on("error", () => undefined); // the database is dropped at the end, whatever happened
  await sql.connect();
  await sql.query("CREATE TABLE bench_floor (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())");
  const floorOnce = async () => {
    const t0 = performance.now();
    await (await fetch(echoUrl)).text();
    await sql.query("INSERT INTO bench_floor DEFAULT VALUES");
    return performance.now() - t0;
  };

  // ---- library call ------------------------------------------------------------------------------
  const libraryOnce = async (label) => {
    await reset();
    const incidentId = await support.declareTestIncident(label);
    const t0 = performance.now();
    const result = await runAction({ incidentId, kind: "rollback" }, support.TEST_ACTOR, { verify: false });
    const ms = performance.now() - t0;
    if (result.status !== "done") throw new Error(`${label}: ${JSON.stringify(result)}`);
    await check();
    return ms;
  };

  // ---- kubectl patch -----------------------------------------------------------------------------
  const kubectlOnce = async () => {
    await reset();
    const t0 = performance.now();
    const r = await kubectlPatch();
    const ms = performance.now() - t0;
    if (r.code !== 0) throw new Error(`kubectl failed: ${r.stderr}`);
    await check();
    return ms;
  };

  // ---- the server action over HTTP, as the confirm click sends it --------------------------------
  const clicks = existsSync(path.join(DIST, "BUILD_ID")) ? await signedInClicks() : null;

  // Warm-up, not measured: connection pools, kubectl's discovery cache, the route's first load of
  // the action's module graph, the session cache and the JIT (a running console has compiled its
  // code; a fresh process's first calls are not what a click costs).
  for (let i = 0; i < WARM; i++) {
    await floorOnce();
    await libraryOnce(`warm ${i}`);
    if (i < 2) await kubectlOnce();
    if (clicks) {
      await clicks.refused();
      await clicks.clickOnce(`warm click ${i}`);
    }
  }
  // Measured, interleaved: each round takes one sample of each, so every ratio compares samples
  // taken under the same conditions on a shared machine.
  const floor = [];
  const library = [];
  const kubectl = [];
  const baseline = clicks ? [] : null;
  const http = clicks ? [] : null;
  const httpHeaders = clicks ? [] : null;
  for (let i = 0; i < RUNS; i++) {
    floor.push(await floorOnce());
    library.push(await libraryOnce(`bench ${i}`));
    kubectl.push(await kubectlOnce());
    if (clicks) {
      baseline.push(await clicks.refused());
      const { headers, last } = await clicks.clickOnce(`click ${i}`);
      httpHeaders.push(headers);
      http.push(last);
    }
  }
  echo.close();

  line("floor (loopback round trip + PostgreSQL commit):", floor);
  line("library: runAction → PATCH acked + audit row:", library);
  line("kubectl patch service --type=json:", kubectl);

  /** Signs in to a production server on the benchmark's database and double, and returns the
   * click (timed to headers and last byte, then waiting untimed for its verification to end) and
   * the same server action refused at validation (after the session check, before any domain
   * code: what Next.js and sign-in cost a click on their own). */
  async function signedInClicks() {
    const id = actionId(DIST, "app/(console)/actions/actions.ts", "runClusterActionAction");
    server = await startServer(DIST, dbUrl, kube.kubeconfigPath);
    const { createBreakGlassAccount } = await import("../lib/auth/users.ts");
    const email = "bench-commander@firebreak.test";
    await createBreakGlassAccount({ email, name: "Bench Commander", password: PASSWORD, role: "commander" });
    const cookie = await signIn(server.base, email, PASSWORD);
    const post = (incidentId, input) =>
      fetch(`${server.base}/incidents/${incidentId}`, {
        method: "POST",
        headers: {
          Accept: "text/x-component",
          "Content-Type": "text/plain;charset=UTF-8",
          "Next-Action": id,
          Origin: server.base,
          Cookie: cookie,
        },
        body: JSON.stringify([input]),
      });
    const verified = async (runId) => {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
        const { rows } = await sql.query("SELECT verification FROM action_runs WHERE id = $1", [runId]);
        if (rows[0]?.verification !== "verifying") return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`rollback #${runId} was still verifying after 30 s`);
    };
    return {
      async clickOnce(label) {
        await reset();
        const incidentId = await support.declareTestIncident(label);
        const t0 = performance.now();
        const res = await post(incidentId, { incidentId: String(incidentId), kind: "rollback" });
        const headers = performance.now() - t0;
        const text = await res.text();
        const last = performance.now() - t0;
        const runId = /"run":\{"id":(\d+)/.exec(text)?.[1];
        if (!res.ok || !text.includes('"status":"done"') || !runId)
          throw new Error(`server action: HTTP ${res.status} ${text.slice(0, 500)}`);
        await check();
        await verified(Number(runId));
        return { headers, last };
      },
      async refused() {
        const t0 = performance.now();
        const text = await (await post(1, { incidentId: "not-a-number", kind: "rollback" })).text();
        const ms = performance.now() - t0;
        if (!text.includes("Please fix the highlighted fields"))
          throw new Error(`not refused: ${text.slice(0, 300)}`);
        return ms;
      },
    };
  }

  if (http) {
    line("server action refused at validation (Next.js + sign-in alone):", baseline);
    line("server action over HTTP, to the answer's headers:", httpHeaders);
    line("server action over HTTP, to the last byte (signed-in POST):", http);
  } else console.log(`server action over HTTP: not measured (no build at ${DIST}; run npm run build)`);
  const libFloor = median(library) / median(floor);
  const httpKubectl = http ? median(http) / median(kubectl) : null;
  const headersKubectl = httpHeaders ? median(httpHeaders) / median(kubectl) : null;
  const ok = libFloor <= 5 && httpKubectl !== null && httpKubectl <= 0.2;
  if (!ok) exitCode = 1;
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  console.log(
    `ratios: server action (last byte) / kubectl patch = ${httpKubectl === null ? "not measured" : `${httpKubectl.toFixed(3)} (to headers ${headersKubectl?.toFixed(3)})`} (target ≤ 0.2); library / floor = ${libFloor.toFixed(2)} (target ≤ 5) — ${ok ? "MET" : "MISSED"}; load average ${load}`,
  );
  await sql.end();
  const { getDb } = await import("../lib/db/client.ts");
  await getDb().$disconnect();
  const { closePool } = await import("../lib/db/pool.ts");
  await closePool();
  if (http) await (await import("../lib/auth/auth.ts")).closeAuthForTests();
} catch (e) {
  console.error("[bench] failed:", e);
  exitCode = 1;
} finally {
  server?.stop();
  await live?.stop();
  await kube.stop();
  rmSync(cacheDir, { recursive: true, force: true });
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
process.exit(exitCode);
