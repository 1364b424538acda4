import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

import { liveWatchIntervalMs } from "./live-watch";

import { startCollectorProcess, startDouble, waitFor, type Proc } from "@/lib/testing/spawn";

// Acceptance: "Two Firebreak processes on one database record one sample per interval per
// service". Two real collector processes (lib/boot/collector-cli.ts), one optimizer double,
// one real Postgres database.
const SCALE = 0.05;
const FAST_MS = 30_000 * SCALE;

let db: TestDatabase;
let double: Proc & { url: string };
let client: pg.Client;
const procs: Proc[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  double = await startDouble("optimizer", ["--noise", "0"]);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await double?.stop();
  await client?.end();
  await db?.drop();
});

async function liveSlots(): Promise<number[]> {
  const { rows } = await client.query<{ at: Date }>(
    `SELECT s."at" FROM "metric_samples" s JOIN "services" v ON v.id = s.service_id
     WHERE v.name = 'two-proc' AND s.metric = 'live' ORDER BY s."at"`,
  );
  return rows.map((r) => r.at.getTime());
}

describe("two collector processes on one database", () => {
  it("only one collects: one sample per interval, one poll per interval, the other takes over when it dies", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "fb-two-proc-"));
    const file = path.join(dir, "services.yaml");
    await writeFile(
      file,
      `services:\n  - name: two-proc\n    metricsBaseUrl: ${double.url}\n    ratioUnit: percent\n    k8sDeployment: two-proc\n    k8sService: two-proc\n`,
    );
    const env = {
      DATABASE_URL: db.url,
      FIREBREAK_SERVICES_FILE: file,
      COLLECTOR_INTERVAL_SCALE: String(SCALE),
      COLLECTOR_TIMEOUT_MS: "1000",
    };
    await fetch(`${double.url}/__double/requests`, { method: "DELETE" });
    const a = startCollectorProcess(env);
    const b = startCollectorProcess(env);
    procs.push(a, b);

    const slots = await waitFor(
      async () => {
        const s = await liveSlots();
        return s.length >= 5 && s;
      },
      40_000,
      "5 fast-group samples",
    );
    const hits = (await (await fetch(`${double.url}/__double/requests`)).json()) as Record<string, number>;

    // Exactly one leader.
    const leaders = [a, b].filter((p) => p.output().includes("took leadership"));
    expect(leaders).toHaveLength(1);
    const [leader] = leaders;
    const follower = leader === a ? b : a;

    // One sample per interval: slot-aligned, none doubled, consecutive. (At 1.5 s slots a
    // timer starved of CPU on a loaded CI box can miss one slot; that is liveness, not
    // duplication, so one missing slot is tolerated and shown.)
    const span = (slots.at(-1)! - slots[0]!) / FAST_MS + 1;
    expect(new Set(slots).size).toBe(slots.length);
    expect(
      slots.length,
      `slots ${slots.map((t) => (t - slots[0]!) / FAST_MS)}\n${leader!.output()}`,
    ).toBeGreaterThanOrEqual(span - 1);
    for (const t of slots) expect(t % FAST_MS).toBe(0);
    // And one collector polling: the double saw /health/live once per stored slot plus the
    // leader's liveness watch between slots (from its first slot on); two collectors would double it.
    const liveHits = hits["GET /health/live"] ?? 0;
    expect(liveHits).toBeGreaterThanOrEqual(slots.length);
    const watchPerSlot = FAST_MS / liveWatchIntervalMs(FAST_MS);
    expect(liveHits).toBeLessThanOrEqual((slots.length + 2) * (1 + watchPerSlot));

    // The leader dies without a goodbye: its session ends, the lock is freed, the follower leads.
    leader!.child.kill("SIGKILL");
    const before = slots.length;
    await waitFor(async () => follower.output().includes("took leadership"), 20_000, "follower to take over");
    const after = await waitFor(
      async () => {
        const s = await liveSlots();
        return s.length >= before + 3 && s;
      },
      30_000,
      "samples after failover",
    );
    expect(new Set(after).size).toBe(after.length);
  });
});
