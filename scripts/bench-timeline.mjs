// Timeline benchmark (`npm run bench:timeline`): a FRESH database on the local Postgres with two
// incidents of 10,000 and 100,000 events (bulk loaded with generate_series), then the reads the
// incident page and the commander review make, through the app's own modules:
//  - first paint's data: the newest page (100 events) and its live cursor;
//  - own note: addNote → the stored event returned to its author, and → in another viewer's
//    live read;
//  - "Load older": the page before the oldest shown;
//  - the review's first page (500 events oldest first) with the response clock.
// Each figure is the median (p95) of --runs runs. Rendered DOM nodes and browser timings are
// measured by e2e/timeline-scale.spec.ts against the production build.
// Flags: --runs 30 --keep. Needs: node --conditions=react-server --import tsx.
import { parseArgs } from "node:util";
import pg from "pg";

import { migrate } from "./migrate.mjs";

const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "30" }, keep: { type: "boolean", default: false } },
});
const RUNS = Number(args.runs);
const SIZES = [10_000, 100_000];
const BUDGET_MS = 1_000;
const admin = process.env.TEST_PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `fb_bench_timeline_${Date.now().toString(36)}`;
const dbUrl = Object.assign(new URL(admin), { pathname: `/${dbName}` }).toString();
const log = (...a) => console.log("[bench:timeline]", ...a);

async function adminQuery(sql) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function seed(client, count) {
  const { rows } = await client.query(
    `INSERT INTO incidents (title, severity, service, declared_by, declared_at, updated_at)
     VALUES ($1, 'SEV1', 'bench', 'Bench', now() - interval '3 hours', now()) RETURNING id`,
    [`${count} events`],
  );
  const id = rows[0].id;
  await client.query(
    `INSERT INTO timeline_events (incident_id, kind, actor, occurred_at, body, data)
     SELECT $1, CASE WHEN g % 10 = 0 THEN 'metric_breach'::"TimelineEventKind" ELSE 'note' END,
            'Bench', now() - interval '3 hours' + g * interval '50 milliseconds', 'Event ' || g,
            CASE WHEN g % 10 = 0 THEN '{"from":null,"to":"SEV1","reasons":[{"text":"p95 60 ms > 50 ms"}]}'::jsonb
                 ELSE '{}'::jsonb END
     FROM generate_series(1, $2::int) g`,
    [id, count],
  );
  await client.query("ANALYZE timeline_events");
  return id;
}

/** One untimed warm-up call (connection, query plans), then RUNS timed ones. */
async function timed(fn) {
  const samples = [];
  let last = await fn(-1);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await fn(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (p) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
  return { p50: Math.round(at(0.5) * 10) / 10, p95: Math.round(at(0.95) * 10) / 10, last };
}

await adminQuery(`CREATE DATABASE ${dbName}`);
const client = new pg.Client({ connectionString: dbUrl });
let exitCode = 0;
try {
  await client.connect();
  await migrate({ connectionString: dbUrl });
  process.env.DATABASE_URL = dbUrl;
  const { readTimelinePage, readLiveEvents } = await import("../lib/incidents/timeline-reads.ts");
  const { decodeCursor } = await import("../lib/incidents/live-cursor.ts");
  const { addNote } = await import("../lib/incidents/commands.ts");
  const { getIncidentOrThrow } = await import("../lib/incidents/queries.ts");
  const { getResponseClock, readReviewPage } = await import("../lib/incidents/review-reads.ts");
  const actor = { id: "bench|ana", name: "Ana Bench", email: null, roles: ["commander"], via: "oidc" };

  const results = [];
  for (const size of SIZES) {
    const t0 = performance.now();
    const id = await seed(client, size);
    log(`seeded ${size.toLocaleString("en-US")} events in ${Math.round(performance.now() - t0)} ms`);
    const first = await timed(() => readTimelinePage(id));
    const older = await timed(() => readTimelinePage(id, { before: first.last.events.at(-1).id }));
    const viewer = first.last.cursor;
    const note = await timed(async (i) => {
      const event = await addNote({ incidentId: id, body: `bench note ${i}` }, actor);
      return event.id;
    });
    let cursor = viewer;
    const live = await timed(async () => {
      const read = await readLiveEvents(id, decodeCursor(cursor));
      cursor = read.cursor;
      return read.events.length;
    });
    const noteSeen = await timed(async (i) => {
      const event = await addNote({ incidentId: id, body: `seen ${i}` }, actor);
      const read = await readLiveEvents(id, decodeCursor(cursor));
      cursor = read.cursor;
      if (!read.events.some((e) => e.id === event.id)) throw new Error("note missing from the live read");
    });
    const review = await timed(async () => {
      const incident = await getIncidentOrThrow(id);
      return Promise.all([getResponseClock(incident), readReviewPage(incident)]);
    });
    const row = {
      size,
      firstPage: first.p50,
      firstPageP95: first.p95,
      olderPage: older.p50,
      ownNote: note.p50,
      noteInOtherViewer: noteSeen.p50,
      livePoll: live.p50,
      reviewFirstPage: review.p50,
      reviewFirstPageP95: review.p95,
    };
    results.push(row);
    log(
      `${size.toLocaleString("en-US")} events: first page ${first.p50} ms (p95 ${first.p95}), older page ${older.p50} ms, ` +
        `own note stored and returned ${note.p50} ms, note in another viewer's live read ${noteSeen.p50} ms, ` +
        `idle live poll ${live.p50} ms, review first page + clock ${review.p50} ms (p95 ${review.p95})`,
    );
  }
  const worst = Math.max(
    ...results.flatMap((r) => [r.firstPageP95, r.reviewFirstPageP95, r.noteInOtherViewer]),
  );
  if (worst >= BUDGET_MS) exitCode = 1;
  const r10 = results[0];
  const r100 = results[1];
  console.log(
    `timeline: first page ${r10.firstPage}/${r100.firstPage} ms, own note ${r10.ownNote}/${r100.ownNote} ms, ` +
      `review first page ${r10.reviewFirstPage}/${r100.reviewFirstPage} ms at 10k/100k events (p50; budget ${BUDGET_MS} ms: ${exitCode ? "EXCEEDED" : "met"})`,
  );
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await client.end().catch(() => {});
  const holder = globalThis;
  await holder.prisma?.$disconnect().catch(() => {});
  if (!args.keep) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  else log(`kept ${dbUrl}`);
}
process.exit(exitCode);
