// Sign-in benchmark: the cost every server action and route handler adds before its own work —
// reading the session cookie, finding the session and person (the auth library's getSession:
// one indexed query joining session and person, or the few-seconds per-process session cache of
// lib/auth/session-cache.ts), mapping groups to roles and `can()`. A real session (a break-glass
// account signed in through the library's endpoint) on a fresh migrated database; 200 warm-up
// calls, then 2000 timed ones, twice: with the cache emptied before every call (every request
// asks PostgreSQL), and as an active person's requests meet it (the cache answers; a lookup
// goes to PostgreSQL again every few seconds). Target: p95 < 2 ms.
//
//   npm run bench:auth        (PostgreSQL at BENCH_PG_ADMIN_URL or postgresql://postgres@127.0.0.1:5432/postgres)
//
// Runs under tsx with the react-server condition (the lib code is marked server-only).
import { performance } from "node:perf_hooks";
import pg from "pg";

import { migrate } from "./migrate.mjs";

const ADMIN = process.env.BENCH_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const WARMUP = 200;
const RUNS = 2000;
const DB = `fb_bench_auth_${process.pid}`;

async function admin(sql) {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const url = new URL(ADMIN);
url.pathname = `/${DB}`;
await admin(`DROP DATABASE IF EXISTS ${DB}`);
await admin(`CREATE DATABASE ${DB}`);
try {
  await migrate({ connectionString: url.toString(), log: () => {} });
  process.env.DATABASE_URL = url.toString();
  process.env.FIREBREAK_BREAK_GLASS = "enabled";
  process.env.FIREBREAK_ROLE_MAP = "firebreak-responders:responder";

  const { getAuth, closeAuthForTests } = await import("../lib/auth/auth.ts");
  const { createBreakGlassAccount } = await import("../lib/auth/users.ts");
  const { sessionFromHeaders } = await import("../lib/auth/session.ts");
  const { sessionCache } = await import("../lib/auth/session-cache.ts");
  const { can } = await import("../lib/auth/permissions.ts");

  await createBreakGlassAccount({
    email: "bench@firebreak.test",
    name: "Bench",
    password: "bench-password-123",
    role: "responder",
  });
  const res = await getAuth().api.signInEmail({
    body: { email: "bench@firebreak.test", password: "bench-password-123" },
    asResponse: true,
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.includes("firebreak.session_token="))
    ?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed: HTTP ${res.status}`);
  const headers = new Headers({ cookie });

  const once = async () => {
    const { actor } = await sessionFromHeaders(headers);
    if (!can(actor, "cluster:act")) throw new Error("the benchmark session lost its role");
  };
  const timed = async (before) => {
    for (let i = 0; i < WARMUP; i++) {
      before();
      await once();
    }
    const out = [];
    for (let i = 0; i < RUNS; i++) {
      before();
      const t0 = performance.now();
      await once();
      out.push(performance.now() - t0);
    }
    return out.sort((x, y) => x - y);
  };
  const uncached = await timed(() => sessionCache().clear());
  const ms = await timed(() => {});
  // The floor on this machine at this moment: two trivial queries on a pool (session + person).
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const floor = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await pool.query("SELECT 1");
    await pool.query("SELECT 2");
    floor.push(performance.now() - t0);
  }
  await pool.end();
  floor.sort((a, b) => a - b);
  console.log(`runs ${RUNS} (after ${WARMUP} warm-up), PostgreSQL ${url.host}`);
  console.log(
    `floor (two trivial queries): p50 ${pct(floor, 50).toFixed(3)} ms, p95 ${pct(floor, 95).toFixed(3)} ms`,
  );
  const line = (xs) =>
    `p50 ${pct(xs, 50).toFixed(3)} ms, p95 ${pct(xs, 95).toFixed(3)} ms, p99 ${pct(xs, 99).toFixed(3)} ms, max ${xs.at(-1).toFixed(3)} ms`;
  console.log(`every call asks PostgreSQL (cache emptied first): ${line(uncached)}`);
  console.log(`an active person's requests (session cache on): ${line(ms)}`);
  await closeAuthForTests();
  console.log(
    `session lookup + permission check per server action: p95 ${pct(ms, 95).toFixed(3)} ms (target < 2 ms)`,
  );
} finally {
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
}
