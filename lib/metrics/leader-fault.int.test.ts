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

/** A TCP relay to the server that can go silent: bytes stop flowing, sockets stay open. */
async function startRelay(target: number) {
  const pairs: Array<[net.Socket, net.Socket]> = [];
  const relay = net.createServer((client) => {
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

describe("the collector leader's database connection", () => {
  it("collection resumes after the database server restarts", async () => {
    const a = startCollectorProcess({ ...env, DATABASE_URL: url });
    procs.push(a);
    await waitFor(async () => (await samplesSince(0)) >= 2, 30_000, `first samples: ${a.output()}`);
    await server.restart({ downMs: 1_000 });
    const back = Date.now();
    await waitFor(
      async () => (await samplesSince(back)) >= 3,
      30_000,
      `samples after the restart: ${a.output()}`,
    );
    expect(a.output()).toMatch(/lost leadership \(.+\); stopped collecting/);
    expect(a.output().match(/took leadership/g)!.length).toBeGreaterThanOrEqual(2);
    await a.stop();
  }, 60_000);

  it("a half-open leader connection gives way: the leader stops, another process takes over", async () => {
    const u = new URL(url);
    const relay = await startRelay(Number(u.port));
    u.port = String(relay.port);
    const a = startCollectorProcess({ ...env, DATABASE_URL: u.toString() });
    procs.push(a);
    await waitFor(async () => a.output().includes("took leadership"), 30_000, `a to lead: ${a.output()}`);
    const b = startCollectorProcess({ ...env, DATABASE_URL: url });
    procs.push(b);
    await waitFor(async () => (await samplesSince(Date.now() - 5_000)) >= 2, 30_000, "a to collect");
    const cut = Date.now();
    relay.blackhole();
    await waitFor(async () => /lost leadership/.test(a.output()), 10_000, `a to give up: ${a.output()}`);
    await waitFor(
      async () => b.output().includes("took leadership"),
      30_000,
      `b to take over: ${b.output()}`,
    );
    const tookOver = Date.now();
    await waitFor(async () => (await samplesSince(tookOver)) >= 2, 20_000, "b to collect");
    console.log(`half-open leader: ${Math.round((tookOver - cut) / 1000)} s until another process collected`);
    expect(a.output()).toMatch(/lost leadership \(lock query failed: Query read timeout\)/);
    relay.close();
  }, 60_000);
});
