import { describe, expect, it } from "vitest";

import type { Severity } from "@/lib/runbook/sev-levels";

import { evaluateSeverity } from "./engine";
import { createEvaluationGate, FULL_EVALUATION_EVERY } from "./evaluation-gate";

const HEALTHY = { live: 1, p95_latency_ms: 5, error_rate_pct: 0.2, cpu_pct: 30, memory_pct: 40 };
const SERVICE = { id: 7, thresholdOverrides: {} };

/** A stand-in for the tracker: evaluates what the "database" holds, settled unless told not. */
function harness(opts: { settled?: () => boolean } = {}) {
  const db: Record<string, number | null> = {};
  const full: number[] = [];
  const touched: Array<{ level: Severity | null; values: Record<string, number | null> }> = [];
  const gate = createEvaluationGate(
    async (id) => {
      full.push(id);
      const e = evaluateSeverity(db);
      return {
        level: e.level,
        candidate: null,
        reasons: e.reasons,
        snapshot: { at: new Date(0).toISOString(), values: { ...db } },
        settled: opts.settled?.() ?? true,
      };
    },
    async (_id, level, _reasons, snapshot) => void touched.push({ level, values: snapshot.values }),
  );
  let t = 0;
  const poll = async (values: Record<string, number | null>, complete = true) => {
    Object.assign(db, values);
    gate.observe(SERVICE.id, (t += 30_000), values, complete);
    return gate.afterFastPoll(SERVICE);
  };
  return { gate, full, touched, poll };
}

describe("evaluation gate", () => {
  it("evaluates in full first, then only refreshes while every value stays in its zone", async () => {
    const h = harness();
    await h.poll(HEALTHY);
    await h.poll({ ...HEALTHY, p95_latency_ms: 6 });
    await h.poll({ ...HEALTHY, p95_latency_ms: 9.9 });
    expect(h.full).toHaveLength(1);
    expect(h.touched.map((t) => t.values.p95_latency_ms)).toEqual([6, 9.9]);
  });

  it("evaluates in full as soon as a value crosses a threshold, either way", async () => {
    const h = harness();
    await h.poll(HEALTHY);
    expect(await h.poll({ ...HEALTHY, p95_latency_ms: 12 })).toMatchObject({ level: "SEV2" });
    await h.poll({ ...HEALTHY, p95_latency_ms: 13 }); // same zone: skipped
    await h.poll({ ...HEALTHY, p95_latency_ms: 60 }); // SEV-1 zone
    await h.poll(HEALTHY);
    expect(h.full).toHaveLength(4);
  });

  it("sees a value of another poll group change its zone at the next fast poll", async () => {
    const h = harness();
    await h.poll(HEALTHY);
    await h.poll({ cache_hit_pct: 40 }); // a medium-group poll stored in between
    expect(h.full).toHaveLength(2);
  });

  it("evaluates in full while the hysteresis is not settled", async () => {
    let settled = false;
    const h = harness({ settled: () => settled });
    await h.poll(HEALTHY);
    await h.poll(HEALTHY);
    settled = true;
    await h.poll(HEALTHY);
    await h.poll(HEALTHY);
    expect(h.full).toHaveLength(3);
  });

  it("evaluates in full every FULL_EVALUATION_EVERY polls, on new overrides, after a sample another collector wrote, and after reset", async () => {
    const h = harness();
    for (let i = 0; i < FULL_EVALUATION_EVERY * 2; i++) await h.poll(HEALTHY);
    expect(h.full).toHaveLength(2);
    await h.gate.afterFastPoll({ id: SERVICE.id, thresholdOverrides: { p95_latency_ms: { warning: 3 } } });
    expect(h.full).toHaveLength(3);
    await h.poll(HEALTHY, false);
    expect(h.full).toHaveLength(4);
    h.gate.reset();
    await h.poll(HEALTHY);
    expect(h.full).toHaveLength(5);
  });
});
