import pg from "pg";

import { actAs, expect, test } from "./fixtures";
import {
  callServerAction,
  dropReplicaDatabase,
  freshReplicaDatabase,
  startReplica,
  type Replica,
} from "./replica-servers";

// Two replicas of the production build on one PostgreSQL behave as one: a note written through
// one reaches a viewer of the other, concurrent rollbacks through both make one change, a
// queued job runs once, the collector leads on one and fails over, sessions work on both.
const KUBE = "http://127.0.0.1:18180";
const COLLECTOR_LOCK_KEY = 0x4642434f; // lib/metrics/leader-lock.ts
const RUN_ACTION = { file: "app/(console)/actions/actions.ts", name: "runClusterActionAction" };

test.describe.configure({ mode: "serial" });

let db: pg.Client;
let a: Replica;
let b: Replica;
let incidentId = 0;
let cookie = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const url = await freshReplicaDatabase();
  db = new pg.Client({ connectionString: url });
  await db.connect();
  // Verification gives up after 5 s here, so the queued verification job finishes within the test.
  const env = { ACTION_VERIFY_TIMEOUT_MS: "5000", ACTION_VERIFY_INTERVAL_MS: "250" };
  [a, b] = await Promise.all([startReplica("A", url, env), startReplica("B", url, env)]);
});

test.afterAll(async () => {
  a?.kill();
  b?.kill();
  await db?.end();
  await dropReplicaDatabase();
  // Leave the shared Kubernetes double as the other specs expect to find it.
  await fetch(`${KUBE}/__double/reset`, { method: "POST" });
});

test("a session signed in on replica A is accepted by replica B", async ({ context }) => {
  await actAs(context, "Rene Replica", a.base, "responder");
  const page = await context.newPage();
  await page.goto(`${a.base}/incidents/new`);
  await page.getByLabel("Title").fill("Checkout latency on two replicas");
  await page.getByRole("radio", { name: /^SEV-1 / }).check();
  await page.getByLabel("Affected service").fill("api-optimizer");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  incidentId = Number(page.url().split("/").pop());
  // Cookies belong to the host, not the port: the same browser now talks to B.
  await page.goto(`${b.base}/incidents/${incidentId}`);
  await expect(page).toHaveURL(`${b.base}/incidents/${incidentId}`);
  await expect(page.getByTestId("actor-name")).toHaveText("Rene Replica");
  cookie = (await context.cookies(a.base)).map((c) => `${c.name}=${c.value}`).join("; ");
});

test("a note written through A reaches a viewer of B within 1 s", async ({ context }) => {
  await actAs(context, "Rene Replica", a.base, "responder");
  // An SSE subscriber on B, as the browser's EventSource is.
  const abort = new AbortController();
  const res = await fetch(`${b.base}/api/incidents/${incidentId}/live`, {
    headers: { Cookie: cookie, Accept: "text/event-stream" },
    signal: abort.signal,
  });
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const until = async (re: RegExp) => {
    while (!re.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before ${re}`);
      text += value;
    }
    return Date.now();
  };
  await until(/event: ready/);

  const viewer = await context.newPage();
  await viewer.goto(`${b.base}/incidents/${incidentId}`);
  await expect(viewer.getByText(/Live · pushed as they happen/)).toBeVisible();
  const writer = await context.newPage();
  await writer.goto(`${a.base}/incidents/${incidentId}`);
  const body = `Written through replica A at ${Date.now()}`;
  await writer.getByRole("form", { name: "Add a note" }).getByLabel(/^Note/).fill(body);
  // The viewer's own clock when the note enters its DOM (same machine as the database).
  await viewer.evaluate((t) => {
    const w = window as unknown as { shownAt?: Promise<number> };
    w.shownAt = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!document.body.textContent?.includes(t)) return;
        observer.disconnect();
        resolve(Date.now());
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }, body);
  const reads: string[] = [];
  viewer.on("requestfinished", (r) => {
    if (r.url().includes("/events?"))
      reads.push(`${r.timing().startTime.toFixed(0)}+${r.timing().responseEnd.toFixed(0)}`);
  });
  // The viewer watches in the foreground (a background tab's timers are throttled to 1 s).
  await viewer.bringToFront();
  // Read the stream while the note is written, so its arrival is timed when it arrives.
  const event = until(/event: change\ndata: \{[^\n]*"topic":"timeline"[^\n]*"kind":"note"/);
  await writer.getByRole("button", { name: "Add note" }).click();

  const eventAt = await event;
  const shownAt = await viewer.evaluate(() => (window as unknown as { shownAt: Promise<number> }).shownAt);
  const { rows } = await db.query<{ at: Date }>(
    `SELECT occurred_at AS at FROM timeline_events WHERE incident_id = $1 AND body = $2`,
    [incidentId, body],
  );
  const committed = rows[0]!.at.getTime();
  console.log(
    `note on A → SSE event on B: ${eventAt - committed} ms; → shown on B: ${shownAt - committed} ms (reads ${reads.map((r) => r.replace(/^\d+/, (x) => String(Number(x) - committed)))})`,
  );
  expect(eventAt - committed).toBeLessThan(1_000);
  expect(shownAt - committed).toBeLessThan(1_000);
  abort.abort();
});

test("20 concurrent rollbacks split across A and B make exactly one PATCH and one verification job", async ({
  request,
}) => {
  expect((await request.post(`${KUBE}/__double/reset`)).ok()).toBe(true);
  expect((await request.delete(`${KUBE}/__double/requests`)).ok()).toBe(true);
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      callServerAction(
        i % 2 ? b : a,
        RUN_ACTION,
        [{ incidentId, kind: "rollback" }],
        cookie,
        `/incidents/${incidentId}`,
      ),
    ),
  );
  expect(answers.filter((t) => t.includes('"status":"done"'))).toHaveLength(1);
  expect(answers.filter((t) => t.includes('"status":"already_done"'))).toHaveLength(19);
  const patches = (await (await request.get(`${KUBE}/__double/requests?method=PATCH`)).json()) as {
    requests: Array<{ path: string; query: Record<string, string> }>;
  };
  expect(
    patches.requests.filter((r) => r.path.includes("/services/api-optimizer") && r.query.dryRun !== "All"),
  ).toHaveLength(1);
  const runs = await db.query<{ id: number }>(`SELECT id FROM action_runs WHERE incident_id = $1`, [
    incidentId,
  ]);
  expect(runs.rows).toHaveLength(1);

  // The verification job was queued once and worked once, by one of the two replicas.
  await expect
    .poll(
      async () =>
        (await db.query(`SELECT verification FROM action_runs WHERE id = $1`, [runs.rows[0]!.id])).rows[0]
          .verification,
      { timeout: 20_000 },
    )
    .not.toBe("verifying");
  const jobs = await db.query<{ state: string }>(
    `SELECT state FROM pgboss.job WHERE name = 'remediation.verify'
     UNION ALL SELECT state FROM pgboss.archive WHERE name = 'remediation.verify'`,
  );
  expect(jobs.rows.map((r) => r.state)).toEqual(["completed"]);
  const verifications = await db.query(
    `SELECT id FROM timeline_events WHERE incident_id = $1 AND body ~ '(not )?verified'`,
    [incidentId],
  );
  expect(verifications.rowCount).toBe(1);
});

test("the collector runs on exactly one replica and the other takes over when it is killed", async () => {
  const leads = (r: Replica) => r.output.filter((l) => l.includes("took leadership")).length;
  await expect.poll(() => leads(a) + leads(b), { timeout: 20_000 }).toBe(1);
  const holders = await db.query(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $1
     AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [COLLECTOR_LOCK_KEY],
  );
  expect(holders.rowCount).toBe(1);
  const [leader, follower] = leads(a) ? [a, b] : [b, a];

  const killedAt = Date.now();
  leader.kill();
  await expect.poll(() => leads(follower), { timeout: 30_000 }).toBe(1);
  console.log(`collector failover from ${leader.name} to ${follower.name}: ${Date.now() - killedAt} ms`);
  // Collecting again: a new poll of the service is stored after the takeover.
  await expect
    .poll(
      async () =>
        Number(
          (await db.query(`SELECT count(*) AS n FROM metric_samples WHERE at > $1`, [new Date(killedAt)]))
            .rows[0].n,
        ),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
});
