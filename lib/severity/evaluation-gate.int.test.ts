import { beforeAll, describe, expect, it } from "vitest";

import type { MetricValues } from "@/lib/metrics/store";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { createWatchedService } from "@/lib/testing/watched-service";

let gateModule: typeof import("./evaluation-gate");
let tracker: typeof import("./tracker");
let store: typeof import("@/lib/metrics/store");
let getSevState: typeof import("./state").getSevState;

const HEALTHY: MetricValues = {
  live: 1,
  p95_latency_ms: 5,
  error_rate_pct: 0.1,
  cpu_pct: 30,
  memory_pct: 40,
};
const T0 = Date.UTC(2026, 10, 23, 3, 0, 0);

setupAppDatabase();

beforeAll(async () => {
  gateModule = await import("./evaluation-gate");
  tracker = await import("./tracker");
  store = await import("@/lib/metrics/store");
  getSevState = (await import("./state")).getSevState;
});

describe("evaluation gate on the database", () => {
  it("a poll that changes no zone refreshes the stored reasons, snapshot and time, and the level moves as the tracker moves it", async () => {
    const service = await createWatchedService("gated");
    let full = 0;
    const gate = gateModule.createEvaluationGate((id) => (full++, tracker.evaluateService(id)));
    let slot = 0;
    const poll = async (values: MetricValues) => {
      const at = new Date(T0 + ++slot * 30_000);
      const all = { ...HEALTHY, ...values };
      const inserted = await store.recordSamples({ serviceId: service.id, at, values: all });
      gate.observe(service.id, at.getTime(), all, inserted === Object.keys(all).length);
      return gate.afterFastPoll(service);
    };

    await poll({ p95_latency_ms: 12 });
    await poll({ p95_latency_ms: 13 }); // the second breaching sample raises SEV-2
    await poll({ p95_latency_ms: 14 }); // settled at SEV-2: nothing changes zone
    expect(full).toBe(2);
    const state = await getSevState(service.id);
    expect(state).toMatchObject({ level: "SEV2", candidate: null });
    expect(state?.reasons.map((r) => r.text)).toEqual(["p95 14 ms > 10 ms"]);
    expect(state?.snapshot).toEqual({
      at: new Date(T0 + 3 * 30_000).toISOString(),
      values: expect.objectContaining({ p95_latency_ms: 14, live: 1 }),
    });

    for (let i = 0; i < 4; i++) await poll({});
    expect(await getSevState(service.id)).toMatchObject({ level: null, reasons: [] });
  });
});
