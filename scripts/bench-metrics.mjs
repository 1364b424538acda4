// Metrics benchmark (`npm run bench:metrics`):
//  1. 30 days of samples for 20 services into a FRESH database on the local Postgres
//     (every catalog metric at its runbook interval: 30 s fast group, 1 min, 5 min), bulk
//     loaded with generate_series in time order (as the collector writes them);
//  2. p50/p95 of the query behind a 30-day latency chart (lib/metrics/store.ts querySeries,
//     ≤ 1000 points), with rows scanned and buffers from EXPLAIN (ANALYZE, BUFFERS);
// The collector's CPU is measured by `npm run bench:collector` (scripts/bench-collector.mjs).
// Flags: --services 20 --days 30 --runs 60 --keep
// Needs: node --conditions=react-server --import tsx (the package.json script sets them).
import { parseArgs } from "node:util";
import pg from "pg";

import { migrate } from "./migrate.mjs";

const { values: args } = parseArgs({
  options: {
    services: { type: "string", default: "20" },
    days: { type: "string", default: "30" },
    runs: { type: "string", default: "60" },
    keep: { type: "boolean", default: false },
  },
});
const SERVICES = Number(args.services);
const DAYS = Number(args.days);
const RUNS = Number(args.runs);
const admin = process.env.TEST_PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `fb_bench_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(admin);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const log = (...a) => console.log("[bench]", ...a);
const ms = (t0) => Math.round(performance.now() - t0);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function adminQuery(sql) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

await adminQuery(`CREATE DATABASE ${dbName}`);
const client = new pg.Client({ connectionString: dbUrl });
let exitCode = 0;
try {
  await migrate({ connectionString: dbUrl });
  await client.connect();
  await client.query("SET maintenance_work_mem = '256MB'");

  // ---- 1. bulk load -------------------------------------------------------------------
  const ids = (
    await client.query(
      `INSERT INTO services (name, metrics_base_url, k8s_deployment, k8s_service)
       SELECT 'bench-' || i, 'http://127.0.0.1:1', 'bench-' || i, 'bench-' || i FROM generate_series(1, $1) i RETURNING id`,
      [SERVICES],
    )
  ).rows.map((r) => r.id);
  // Secondary indexes are dropped during the load and rebuilt after (same definitions).
  const { rows: idx } = await client.query(
    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'metric_samples' AND indexname <> 'metric_samples_pkey'",
  );
  for (const i of idx) await client.query(`DROP INDEX "${i.indexname}"`);
  const groups = [
    { metrics: ["live", "p95_latency_ms", "error_rate_pct", "cpu_pct", "memory_pct"], step: 30 },
    { metrics: ["cache_hit_pct", "rps", "open_connections_pct"], step: 60 },
    { metrics: ["disk_pct"], step: 300 },
  ];
  const end = Math.floor(Date.now() / 1000 / 300) * 300;
  const start = end - DAYS * 86_400;
  let t0 = performance.now();
  for (const g of groups) {
    // Time-major order, like the collector's writes; ~0.1 % of polls failed (NULL = gap).
    await client.query(
      `INSERT INTO metric_samples (service_id, metric, "at", value)
       SELECT s.id, m.metric::"MetricKey", to_timestamp(t), CASE WHEN random() < 0.001 THEN NULL
              WHEN m.metric = 'live' THEN 1 ELSE 5 + random() * 10 END
       FROM generate_series($1::bigint, $2::bigint, $3::bigint) t
       CROSS JOIN unnest($4::int[]) s(id) CROSS JOIN unnest($5::text[]) m(metric)
       ORDER BY t`,
      [start, end, g.step, ids, g.metrics],
    );
  }
  const loadMs = ms(t0);
  t0 = performance.now();
  for (const i of idx) await client.query(i.indexdef);
  // The 5-minute rollups the collector maintains with every insert (lib/metrics/store.ts).
  await client.query(
    `INSERT INTO metric_rollups (service_id, metric, bucket, sum, count)
     SELECT service_id, metric, date_bin(interval '5 minutes', "at", 'epoch'::timestamptz), coalesce(sum(value), 0), count(value)
     FROM metric_samples GROUP BY 1, 2, 3`,
  );
  await client.query("VACUUM ANALYZE metric_samples");
  await client.query("VACUUM ANALYZE metric_rollups");
  const indexMs = ms(t0);
  const { rows: size } = await client.query(
    `SELECT count(*)::bigint AS rows, pg_size_pretty(pg_table_size('metric_samples')) AS heap,
            pg_size_pretty(pg_indexes_size('metric_samples')) AS indexes FROM metric_samples`,
  );
  const { rows: rsize } = await client.query(
    "SELECT count(*)::bigint AS rows, pg_size_pretty(pg_total_relation_size('metric_rollups')) AS total FROM metric_rollups",
  );
  log(
    `loaded ${size[0].rows} samples (${SERVICES} services × ${DAYS} days) in ${loadMs} ms; indexes + rollups + vacuum ${indexMs} ms; heap ${size[0].heap}, indexes ${size[0].indexes}; rollups ${rsize[0].rows} rows, ${rsize[0].total}`,
  );

  // ---- 2. the latency chart query over the whole range ------------------------------------------------
  process.env.DATABASE_URL = dbUrl;
  const store = await import("../lib/metrics/store.ts");
  const { getDb } = await import("../lib/db/client.ts");
  const to = new Date(end * 1000);
  const from = new Date(to.getTime() - DAYS * 86_400_000);
  for (const id of ids.slice(0, 5))
    await store.querySeries({ serviceId: id, metric: "p95_latency_ms", from, to }); // connect + warm
  const times = [];
  let points = 0;
  let nonNull = 0;
  for (let i = 0; i < RUNS; i++) {
    const serviceId = ids[i % ids.length];
    const q0 = performance.now();
    const s = await store.querySeries({ serviceId, metric: "p95_latency_ms", from, to });
    times.push(performance.now() - q0);
    points = Math.max(points, s.points.length);
    nonNull = s.points.filter((p) => p.v !== null).length;
  }
  times.sort((a, b) => a - b);
  const stmt = store.seriesStatement({ serviceId: ids[0], metric: "p95_latency_ms", from, to });
  const plan = stmt.plan;
  const {
    rows: [explain],
  } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${stmt.text}`, stmt.values);
  // The same statement through Prisma's $queryRaw with the rows turned into points through an
  // index map, as querySeries read it before (what the prepared pg statement saves).
  const viaPrisma = [];
  for (let i = 0; i < Math.min(RUNS, 30); i++) {
    const s = store.seriesStatement({ serviceId: ids[i % ids.length], metric: "p95_latency_ms", from, to });
    const q0 = performance.now();
    const rows = await getDb().$queryRawUnsafe(s.text, ...s.values);
    const byBucket = new Map(rows.map((r) => [Math.round(r.i), r.v]));
    Array.from({ length: s.plan.count }, (_, j) => ({
      t: s.plan.startMs + j * s.plan.bucketMs,
      v: byBucket.get(j) ?? null,
    }));
    viaPrisma.push(performance.now() - q0);
  }
  viaPrisma.sort((a, b) => a - b);
  // The same chart computed from the raw samples, for comparison (what the rollups save).
  const rawTimes = [];
  for (let i = 0; i < Math.min(RUNS, 20); i++) {
    const raw = store.seriesStatement(
      { serviceId: ids[i % ids.length], metric: "p95_latency_ms", from, to },
      "samples",
    );
    const q0 = performance.now();
    await client.query(raw.text, raw.values);
    rawTimes.push(performance.now() - q0);
  }
  rawTimes.sort((a, b) => a - b);
  const planJson = explain["QUERY PLAN"][0];
  const scans = [];
  (function walk(n) {
    if (/Scan/.test(n["Node Type"]) && (n["Index Name"] ?? n["Relation Name"]))
      scans.push(
        `${n["Node Type"]} on ${n["Index Name"] ?? n["Relation Name"]}: ${n["Actual Rows"]} rows, heap fetches ${n["Heap Fetches"] ?? "-"}`,
      );
    for (const c of n.Plans ?? []) walk(c);
  })(planJson.Plan);
  const buffers = planJson.Plan["Shared Hit Blocks"] + planJson.Plan["Shared Read Blocks"];
  log(
    `${DAYS}-day p95-latency chart (querySeries, ${RUNS} runs over ${SERVICES} services): p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`,
  );
  log(
    `points returned: ${points} (≤ 1000; bucket ${plan.bucketMs / 1000} s; ${nonNull} with data; source ${stmt.useRollups ? "5-minute rollups" : "raw samples"})`,
  );
  log(
    `same statement through Prisma $queryRaw + index map (the previous read path), ${viaPrisma.length} runs: p50 ${pct(viaPrisma, 50).toFixed(1)} ms, p95 ${pct(viaPrisma, 95).toFixed(1)} ms`,
  );
  log(
    `same chart from raw samples (no rollups), ${rawTimes.length} runs: p50 ${pct(rawTimes, 50).toFixed(1)} ms, p95 ${pct(rawTimes, 95).toFixed(1)} ms`,
  );
  log(
    `EXPLAIN ANALYZE: ${scans.join("; ")}; buffers ${buffers} (${planJson.Plan["Shared Hit Blocks"]} hit); execution ${planJson["Execution Time"].toFixed(1)} ms`,
  );
  await getDb().$disconnect();
  const { closePool } = await import("../lib/db/pool.ts");
  await closePool();
  const p95 = pct(times, 95);
  const target = p95 <= 15 && points <= 1000;
  if (!target) exitCode = 1;
  log(
    `${DAYS}-day chart p95 ${p95.toFixed(1)} ms with ${points} points (target ≤ 15 ms with ≤ 1000 points): ${target ? "MET" : "MISSED"}`,
  );
} catch (e) {
  console.error("[bench] failed:", e);
  exitCode = 1;
} finally {
  await client.end().catch(() => {});
  if (!args.keep) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  else log(`kept database ${dbName}`);
}
process.exit(exitCode);
