import { mkdtemp, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort, startCollectorProcess, startDouble, waitFor, type Proc } from "@/lib/testing/spawn";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/testing/throwaway-postgres";
import { migrate } from "@/scripts/migrate.mjs";

// Faults on the collector leader's database connection, with real collector processes, the
// optimizer double and a throw-away PostgreSQL server: the server restarts; the leader's
// connection goes half-open (packets silently dropped, no FIN/RST).
let server: ThrowawayPostgres;
let url: string;
let double: Proc & { url: string };
let env: Record<string, string>;
const procs: Proc[] = [];

beforeAll(async () => {
  server = await startThrowawayPostgres();
  url = await server.createDatabase("fb_leader_fault");
  await migrate({ connectionString: url });
  double = await startDouble("optimizer", ["--noise", "0"]);
  const file = path.join(await mkdtemp(path.join(tmpdir(), "fb-leader-")), "services.yaml");
  await writeFile(
    file,
    `services:\n  - name: leader-svc\n    metricsBaseUrl: ${double.url}\n    ratioUnit: percent\n    k8sDeployment: leader-svc\n    k8sService: leader-svc\n`,
  );
  env = {
    FIREBREAK_SERVICES_FILE: file,
    COLLECTOR_INTERVAL_SCALE: "0.05", // fast group every 1.5 s
    COLLECTOR_TIMEOUT_MS: "1000",
    COLLECTOR_HEARTBEAT_TIMEOUT_MS: "2000",
  };
}, 60_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await double?.stop();
  server?.destroy();
});

async function samplesSince(since: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM metric_samples WHERE metric = 'live' AND "at" > $1`,
      [new Date(since)],
    );
    return Number(rows[0]?.n);
  } finally {
    await c.end().catch(() => {});
  }
}

/** A TCP relay to the server that can go silent like a network partition: bytes stop flowing,
 * sockets stay open, new connections hang. */
async function startRelay(target: number) {
  const pairs: Array<[net.Socket, net.Socket]> = [];
  let silent = false;
  const relay = net.createServer((client) => {
    client.on("error", () => {});
    if (silent) return void client.pause(); // partitioned: new connections hang too
    const upstream = net.connect(target, "127.0.0.1");
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("error", () => {});
    upstream.on("error", () => {});
    pairs.push([client, upstream]);
  });
  const port = await freePort();
  await new Promise<void>((r) => relay.listen(port, "127.0.0.1", r));
  return {
    port,
    blackhole() {
      silent = true;
      for (const [a, b] of pairs) {
        a.unpipe(b);
        b.unpipe(a);
        a.pause();
        b.pause();
      }
    },
    close: () => relay.close(),
  };
}

let relay: Awaited<ReturnType<typeof startRelay>>;
let a: Proc;
let b: Proc;

// Process start-up (tsx) can be slow on a busy machine: it happens here, outside the tests.
beforeAll(async () => {
  relay = await startRelay(Number(new URL(url).port));
  const viaRelay = new URL(url);
  viaRelay.port = String(relay.port);
  a = startCollectorProcess({ ...env, DATABASE_URL: viaRelay.toString() });
  procs.push(a);
  await waitFor(async () => a.output().includes("took leadership"), 90_000, `a to lead: ${a.output()}`);
  b = startCollectorProcess({ ...env, DATABASE_URL: url });
  procs.push(b);
  await waitFor(async () => b.output().includes("services file"), 90_000, `b to start: ${b.output()}`);
}, 200_000);
afterAll(() => relay?.close());

describe("the collector leader's database connection", () => {
  it("a half-open leader connection gives way: the leader stops, another process takes over", async () => {
    await waitFor(async () => (await samplesSince(Date.now() - 5_000)) >= 2, 20_000, "a to collect");
    const cut = Date.now();
    relay.blackhole();
    await waitFor(async () => /lost leadership/.test(a.output()), 10_000, `a to give up: ${a.output()}`);
    await waitFor(
      async () => b.output().includes("took leadership"),
      30_000,
      `b to take over: ${b.output()}`,
    );
    const tookOver = Date.now();
    await waitFor(async () => (await samplesSince(tookOver)) >= 2, 15_000, "b to collect");
    console.log(`half-open leader: ${Math.round((tookOver - cut) / 1000)} s until another process collected`);
    expect(a.output()).toMatch(/lost leadership \(lock query failed: Query read timeout\)/);
  }, 60_000);

  it("collection resumes after the database server restarts", async () => {
    const before = (b.output().match(/lost leadership/g) ?? []).length;
    await server.restart({ downMs: 1_000 });
    const back = Date.now();
    await waitFor(
      async () => (await samplesSince(back)) >= 3,
      30_000,
      `samples after the restart: ${b.output()}`,
    );
    expect((b.output().match(/lost leadership \(.+\); stopped collecting/g) ?? []).length).toBe(before + 1);
    expect(`${a.output()}\n${b.output()}`.match(/took leadership/g)!.length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
