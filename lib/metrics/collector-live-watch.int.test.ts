import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startDouble, waitFor, type Proc } from "@/lib/testing/spawn";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createWatchedService } from "@/lib/testing/watched-service";

// The liveness watch between slots: an outage is seen within a fraction of the fast interval
// instead of at the next slot, and a single bad reading still raises nothing (the 2-sample rule).
const SCALE = 0.1; // fast group every 3 s, liveness watch every 500 ms, re-probes 200 ms apart
const FAST_MS = 30_000 * SCALE;

/** In front of the optimizer double: /health/live answers 503 while `down`, or for the next
 * `failNext` requests; everything else is passed through. */
type Front = { url: string; down: boolean; failNext: number; server: Server };
async function startFront(upstream: string): Promise<Front> {
  const front = { url: "", down: false, failNext: 0 } as Front;
  front.server = createServer((req, res) => {
    if (req.url === "/health/live" && (front.down || front.failNext > 0)) {
      if (!front.down) front.failNext--;
      res.writeHead(503).end("NOT_RUNNING");
      return;
    }
    fetch(`${upstream}${req.url}`)
      .then(async (r) => res.writeHead(r.status, { "content-type": "application/json" }).end(await r.text()))
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((r) => front.server.listen(0, "127.0.0.1", r));
  front.url = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
  return front;
}

let db: TestDatabase;
let double: Proc & { url: string };
const fronts: Front[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.COLLECTOR_INTERVAL_SCALE = String(SCALE);
  double = await startDouble("optimizer", ["--noise", "0"]);
});

afterAll(async () => {
  for (const f of fronts) f.server.close();
  await double?.stop();
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await db?.drop();
});

/** Waits until a slot poll has just run (a few hundred ms into a slot); returns the next slot. */
async function justAfterASlot(): Promise<number> {
  await waitFor(async () => Date.now() % FAST_MS > 300 && Date.now() % FAST_MS < 600, 10_000, "slot");
  return Math.floor(Date.now() / FAST_MS) * FAST_MS + FAST_MS;
}

describe("collector liveness watch", () => {
  it("raises SEV-0 for an outage before the next slot, and not for a single bad reading", async () => {
    const { startCollector } = await import("./collector");
    const { evaluateService } = await import("@/lib/severity/tracker");
    const { awaitsConfirmation } = await import("@/lib/severity/confirmation");
    const { getDb } = await import("@/lib/db/client");
    const [downFront, flapFront] = [await startFront(double.url), await startFront(double.url)];
    fronts.push(downFront, flapFront);
    const down = await createWatchedService("watched-down", { metricsBaseUrl: downFront.url });
    const flap = await createWatchedService("watched-flap", { metricsBaseUrl: flapFront.url });
    const c = startCollector({
      databaseUrl: db.url,
      timeoutMs: 1000,
      retentionDays: 30,
      leaderCheckMs: 200,
      afterFastPoll: async (id) => ({ awaitingConfirmation: awaitsConfirmation(await evaluateService(id)) }),
      log: () => {},
    });
    const liveSamples = (serviceId: number) =>
      getDb().metricSample.findMany({ where: { serviceId, metric: "live" }, orderBy: { at: "asc" } });
    try {
      await waitFor(async () => (await getDb().serviceSevState.count()) === 2, 20_000, "first evaluations");

      const nextSlot = await justAfterASlot();
      downFront.down = true;
      flapFront.failNext = 2; // the watch's probe and the poll it triggers: one bad sample
      const raised = await waitFor(
        async () => {
          const row = await getDb().serviceSevState.findUnique({ where: { serviceId: down.id } });
          return row?.level === "SEV0" && row;
        },
        20_000,
        "SEV-0",
      );
      const firstDown = (await liveSamples(down.id)).find((s) => s.value === 0)!;
      expect(firstDown.at.getTime() % FAST_MS).not.toBe(0);
      expect(firstDown.at.getTime()).toBeLessThan(nextSlot);
      expect(raised.changedAt!.getTime()).toBeLessThan(nextSlot);

      // Two more slots: the flapping service had its one bad sample and stays below SEV-0.
      await new Promise((r) => setTimeout(r, 2 * FAST_MS));
      const flapLive = await liveSamples(flap.id);
      expect(flapLive.filter((s) => s.value === 0)).toHaveLength(1);
      expect(flapFront.failNext).toBe(0);
      const changes = await getDb().serviceSevChange.findMany({ where: { serviceId: flap.id } });
      expect(changes.filter((ch) => ch.toLevel === "SEV0")).toEqual([]);
    } finally {
      await c.stop();
    }
  }, 60_000);
});
