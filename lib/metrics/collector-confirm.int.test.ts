import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { post, startDouble, waitFor, type Proc } from "@/lib/testing/spawn";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createWatchedService } from "@/lib/testing/watched-service";

// Faster detection: a fast poll that reads /health/live != 200 is confirmed by quick re-probes
// instead of the next slot, so an outage is SEV-0 within a few seconds (scaled here), while the
// 2-sample rule still holds: SEV-0 is set by the second breaching sample, not the first.
const SCALE = 0.1; // fast group every 3 s, re-probes 200 ms apart
const FAST_MS = 30_000 * SCALE;

let db: TestDatabase;
let double: Proc & { url: string };

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.COLLECTOR_INTERVAL_SCALE = String(SCALE);
  double = await startDouble("optimizer", ["--noise", "0"]);
});

afterAll(async () => {
  await double?.stop();
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await db?.drop();
});

describe("collector re-probes a critical reading", () => {
  it("reaches SEV-0 on the second breaching sample, taken a re-probe after the first, not a slot later", async () => {
    const { startCollector } = await import("./collector");
    const { evaluateService } = await import("@/lib/severity/tracker");
    const { awaitsConfirmation } = await import("@/lib/severity/confirmation");
    const { getDb } = await import("@/lib/db/client");
    const service = await createWatchedService("reprobed", { metricsBaseUrl: double.url });
    await post(`${double.url}/__double/scenario`, { name: "outage" });
    const c = startCollector({
      databaseUrl: db.url,
      timeoutMs: 1000,
      retentionDays: 30,
      leaderCheckMs: 200,
      afterFastPoll: async (id) => ({ awaitingConfirmation: awaitsConfirmation(await evaluateService(id)) }),
      log: () => {},
    });
    try {
      const state = await waitFor(
        async () => {
          const row = await getDb().serviceSevState.findUnique({ where: { serviceId: service.id } });
          return row?.level === "SEV0" && row;
        },
        20_000,
        "SEV-0",
      );
      const live = await getDb().metricSample.findMany({
        where: { serviceId: service.id, metric: "live" },
        orderBy: { at: "asc" },
      });
      const firstDown = live.find((s) => s.value === 0)!;
      const downs = live.filter((s) => s.value === 0);
      // The second breaching sample is a re-probe: off the slot grid, well inside one interval.
      expect(downs.length).toBeGreaterThanOrEqual(2);
      expect(downs[1]!.at.getTime() % FAST_MS).not.toBe(0);
      expect(downs[1]!.at.getTime() - firstDown.at.getTime()).toBeLessThan(FAST_MS);
      expect(state.changedAt!.getTime() - firstDown.at.getTime()).toBeLessThan(FAST_MS);
    } finally {
      await c.stop();
    }
  }, 60_000);
});
