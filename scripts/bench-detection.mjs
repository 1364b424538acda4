// Detection benchmark (`npm run bench:detection`): how long from the moment a service goes down
// (the optimizer double switched to its `outage` scenario: /health/live 503) until its computed
// level is SEV-0, with the real collector process (lib/boot/collector-cli.ts), a fresh database
// on the local Postgres, and one double per trial. Outages start at random points of the 30 s
// poll slot, as real ones do. Flags: --trials 5 --scale 1 (COLLECTOR_INTERVAL_SCALE; the figures
// are printed in real seconds and, scaled back, in runbook seconds).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";

import { migrate } from "./migrate.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: { trials: { type: "string", default: "5" }, scale: { type: "string", default: "1" } },
});
const TRIALS = Number(args.trials);
const SCALE = Number(args.scale);
const FAST_MS = 30_000 * SCALE;
const admin = process.env.TEST_PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `fb_bench_detect_${Date.now().toString(36)}`;
const dbUrl = Object.assign(new URL(admin), { pathname: `/${dbName}` }).toString();
const log = (...a) => console.log("[bench]", ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
function start(cmd, argv, env = {}) {
  const child = spawn(cmd, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return { child, output: () => out };
}
async function waitFor(f, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await f().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out: ${what}`);
}
const scenario = (url, name) =>
  fetch(`${url}/__double/scenario`, { method: "POST", body: JSON.stringify({ name }) }).then((r) => {
    if (!r.ok) throw new Error(`scenario ${name}: ${r.status}`);
  });

const adminClient = new pg.Client({ connectionString: admin });
await adminClient.connect();
await adminClient.query(`CREATE DATABASE ${dbName}`);
const procs = [];
const client = new pg.Pool({ connectionString: dbUrl, max: 4 });
let exitCode = 0;
try {
  await migrate({ connectionString: dbUrl, log: () => {} });
  const doubles = [];
  for (let i = 0; i < TRIALS; i++) {
    const port = await freePort();
    const p = start(path.join(ROOT, "node_modules/.bin/tsx"), [
      "doubles/optimizer/main.ts",
      "--port",
      String(port),
      "--noise",
      "0",
    ]);
    procs.push(p);
    doubles.push({ name: `detect-${i}`, url: `http://127.0.0.1:${port}` });
  }
  for (const d of doubles) await waitFor(async () => (await fetch(`${d.url}/healthz`)).ok, 60_000, d.url);
  const dir = mkdtempSync(path.join(tmpdir(), "fb-bench-detect-"));
  const file = path.join(dir, "services.yaml");
  writeFileSync(
    file,
    "services:\n" +
      doubles
        .map(
          (d) =>
            `  - name: ${d.name}\n    metricsBaseUrl: ${d.url}\n    ratioUnit: percent\n    k8sDeployment: ${d.name}\n    k8sService: ${d.name}\n`,
        )
        .join(""),
  );
  const collector = start(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "lib/boot/collector-cli.ts"],
    {
      DATABASE_URL: dbUrl,
      FIREBREAK_SERVICES_FILE: file,
      COLLECTOR_INTERVAL_SCALE: String(SCALE),
      OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
    },
  );
  procs.push(collector);
  const level = async (name) =>
    (
      await client.query(
        `SELECT st.level::text AS level FROM service_sev_states st JOIN services s ON s.id = st.service_id WHERE s.name = $1`,
        [name],
      )
    ).rows[0]?.level ?? null;
  await waitFor(
    async () => {
      const { rows } = await client.query(
        `SELECT count(DISTINCT service_id)::int AS n FROM service_sev_states`,
      );
      return rows[0].n === TRIALS;
    },
    FAST_MS * 3 + 60_000,
    `first evaluations: ${collector.output()}`,
  );
  log(`${TRIALS} services healthy under the collector (fast poll every ${FAST_MS / 1000} s)`);

  const times = await Promise.all(
    doubles.map(async (d) => {
      await sleep(Math.random() * FAST_MS);
      const t0 = Date.now();
      await scenario(d.url, "outage");
      await waitFor(async () => (await level(d.name)) === "SEV0", FAST_MS * 4 + 30_000, `${d.name} SEV-0`);
      const s = (Date.now() - t0) / 1000;
      log(`${d.name}: outage → SEV-0 in ${s.toFixed(1)} s`);
      return s;
    }),
  );
  times.sort((a, b) => a - b);
  const quantile = (q) => {
    const i = (times.length - 1) * q;
    return times[Math.floor(i)] + (times[Math.ceil(i)] - times[Math.floor(i)]) * (i - Math.floor(i));
  };
  const [median, p95, max] = [quantile(0.5), quantile(0.95), times.at(-1)];
  const runbook = (s) => (s / SCALE).toFixed(1);
  // Measured at the database (the level the overview reads); the overview page refetches every
  // fast interval / 3, at most 3 s, so what a person sees lags by up to that much more.
  console.log(
    `outage → SEV-0: median ${median.toFixed(1)} s, p95 ${p95.toFixed(1)} s, max ${max.toFixed(1)} s over ${TRIALS} trials` +
      (SCALE === 1
        ? ""
        : ` (scale ${SCALE}; runbook time median ${runbook(median)} s, p95 ${runbook(p95)} s, max ${runbook(max)} s)`),
  );
} catch (e) {
  console.error("[bench] failed:", e.message);
  exitCode = 1;
} finally {
  for (const p of procs) p.child.kill("SIGTERM");
  await client.end().catch(() => {});
  await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await adminClient.end();
  process.exit(exitCode);
}
