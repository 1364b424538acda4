// Live update latency across processes (`npm run bench:live`): a note is committed by one
// process (the writer, as replica A) and reaches a viewer connected to another process (as
// replica B) — pushed (Postgres NOTIFY → LISTEN → Server-Sent Events, lib/live/) and, for
// comparison, by the 2 s poll of the timeline's live feed that the page used before.
// Latency = from the start of the writer's INSERT (autocommit) to the viewer having the event.
// Flags: --notes 60 --gap-ms 150. Needs: node --conditions=react-server --import tsx, a local
// PostgreSQL (TEST_PG_ADMIN_URL). Issue target: p95 < 300 ms pushed.
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import pg from "pg";

import { migrate } from "./migrate.mjs";

const { values: args } = parseArgs({
  options: { notes: { type: "string", default: "60" }, "gap-ms": { type: "string", default: "150" } },
});
const NOTES = Number(args.notes);
const GAP_MS = Number(args["gap-ms"]);
const admin = process.env.TEST_PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `fb_bench_live_${Date.now().toString(36)}`;
const dbUrl = Object.assign(new URL(admin), { pathname: `/${dbName}` }).toString();
const log = (...a) => console.log("[bench:live]", ...a);

async function adminQuery(sql) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

await adminQuery(`CREATE DATABASE ${dbName}`);
let viewer;
try {
  await migrate({ connectionString: dbUrl });
  const writer = new pg.Client({ connectionString: dbUrl });
  await writer.connect();
  const { rows } = await writer.query(
    `INSERT INTO incidents (title, severity, service, declared_by) VALUES ('Bench', 'SEV1', 'bench', 'Bench')
     RETURNING id`,
  );
  const incidentId = rows[0].id;

  viewer = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/bench-live-viewer.mjs", String(incidentId)],
    { env: { ...process.env, DATABASE_URL: dbUrl }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const polled = new Map();
  const port = await new Promise((resolve, reject) => {
    let buf = "";
    viewer.stdout.on("data", (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^PORT (\d+)$/.exec(line);
        if (m) resolve(Number(m[1]));
        const p = /^POLL (\d+) (\d+)$/.exec(line);
        if (p && !polled.has(Number(p[1]))) polled.set(Number(p[1]), Number(p[2]));
      }
    });
    viewer.once("exit", (code) => reject(new Error(`viewer exited (${code})`)));
  });

  const pushed = new Map();
  const res = await fetch(`http://127.0.0.1:${port}/`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const ready = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += value;
      let end;
      while ((end = text.indexOf("\n\n")) >= 0) {
        const frame = text.slice(0, end);
        text = text.slice(end + 2);
        const data = /^event: change\ndata: (.*)$/m.exec(frame);
        if (data) pushed.set(JSON.parse(data[1]).id, Date.now());
      }
    }
  })();

  // Warm-up: the viewer's first poll (database client start) runs before any note is timed.
  await new Promise((r) => setTimeout(r, 2_500));
  const started = new Map();
  for (let i = 0; i < NOTES; i++) {
    const t0 = Date.now();
    const { rows: r } = await writer.query(
      `INSERT INTO timeline_events (incident_id, kind, actor, body) VALUES ($1, 'note', 'Bench', $2) RETURNING id`,
      [incidentId, `Note ${i}`],
    );
    started.set(r[0].id, t0);
    await new Promise((r) => setTimeout(r, GAP_MS * (0.5 + Math.random())));
  }
  // The poll needs up to 2 s more to see the last notes.
  const deadline = Date.now() + 5_000;
  while ((pushed.size < NOTES || polled.size < NOTES) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  await reader.cancel().catch(() => {});
  await ready.catch(() => {});
  await writer.end();

  const lat = (seen) => [...started].filter(([id]) => seen.has(id)).map(([id, t0]) => seen.get(id) - t0);
  const push = lat(pushed);
  if (process.env.BENCH_LIVE_DEBUG)
    log(JSON.stringify({ push, missedByPoll: [...started.keys()].filter((id) => !polled.has(id)) }));
  const poll = lat(polled);
  log(`${NOTES} notes, writer and viewer in separate processes, one PostgreSQL`);
  log(`2 s poll : ${poll.length}/${NOTES} seen, p50 ${pct(poll, 50)} ms, p95 ${pct(poll, 95)} ms`);
  log(`SSE push : ${push.length}/${NOTES} seen, p50 ${pct(push, 50)} ms, p95 ${pct(push, 95)} ms`);
  console.log(
    `live push latency (note commit → SSE event at another process): p50 ${pct(push, 50)} ms, p95 ${pct(push, 95)} ms (${push.length}/${NOTES} delivered; 2 s poll p50 ${pct(poll, 50)} ms, p95 ${pct(poll, 95)} ms)`,
  );
  if (push.length < NOTES) process.exitCode = 1;
} finally {
  viewer?.kill("SIGTERM");
  await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
