import "server-only";

import { preparedQuery } from "@/lib/db/pool";
import type { Severity } from "@/lib/runbook/sev-levels";

import { evaluateSeverity, type SeverityReason, type ThresholdOverrides } from "./engine";

/** Every this many fast polls a service is evaluated in full even when nothing moved. */
export const FULL_EVALUATION_EVERY = 10;

type Values = Record<string, number | null>;
type FullResult = {
  level: Severity | null;
  candidate: Severity | null;
  reasons: SeverityReason[];
  snapshot: { at: string | null; values: Values };
  settled: boolean;
};
type Verdict = { level: Severity | null; candidate: Severity | null };

type ServiceState = {
  /** The latest stored value of each metric, and when each was last learned (a sequence). */
  values: Values;
  seqs: Record<string, number>;
  atMs: number | null;
  /** The last full evaluation: its zone (metric → rule level breached), level and overrides. */
  last?: { zone: string; level: Severity | null; settled: boolean; overrides: string; skips: number };
};

export type EvaluationGate = {
  /** Every poll this process stored (any group). `complete` false: some of its samples were
   * already there (another collector wrote them), so what is known here is not the latest. */
  observe(serviceId: number, atMs: number, values: Values, complete: boolean): void;
  /** After a fast poll: the full evaluation, or, when it could change nothing, only the
   * stored reasons, snapshot and evaluation time refreshed. */
  afterFastPoll(service: { id: number; thresholdOverrides: ThresholdOverrides }): Promise<Verdict>;
  /** Forget everything (this process starts or stops leading). */
  reset(): void;
};

/** Which rule each metric breaches: the evaluation's level depends on nothing else. */
function zoneOf(reasons: SeverityReason[]): string {
  let zone = "";
  for (const r of reasons) zone += `${r.metric}:${r.level},`;
  return zone;
}

/**
 * Evaluates a service's SEV in full (lib/severity/tracker.ts: reads, hysteresis step,
 * transaction) only when a value changed its zone. When the last full evaluation left the
 * service settled (its level is what the samples say, nothing pending) and every latest value
 * is still in the same zone, a full evaluation would store the same level, candidate and
 * counters; only the reasons' values, the snapshot and the evaluation time would move, and
 * those are written in one batched statement instead. A full evaluation still runs every
 * FULL_EVALUATION_EVERY polls, on threshold overrides changing, and after anything unknown.
 */
export function createEvaluationGate(
  evaluateInFull: (serviceId: number) => Promise<FullResult>,
  touch: typeof touchSevState = touchSevState,
): EvaluationGate {
  const states = new Map<number, ServiceState>();
  let seq = 0;

  async function full(serviceId: number, overrides: string, st: ServiceState): Promise<Verdict> {
    const startSeq = seq;
    const r = await evaluateInFull(serviceId);
    // Values stored while the evaluation read are newer than its snapshot: they stay.
    for (const [k, v] of Object.entries(r.snapshot.values))
      if ((st.seqs[k] ?? -1) < startSeq) st.values[k] = v;
    const at = r.snapshot.at ? Date.parse(r.snapshot.at) : null;
    if (at !== null && (st.atMs === null || at > st.atMs)) st.atMs = at;
    st.last = { zone: zoneOf(r.reasons), level: r.level, settled: r.settled, overrides, skips: 0 };
    return r;
  }

  return {
    observe(serviceId, atMs, values, complete) {
      if (!complete) return void states.delete(serviceId);
      let st = states.get(serviceId);
      if (!st) states.set(serviceId, (st = { values: {}, seqs: {}, atMs: null }));
      seq++;
      for (const k in values) {
        const v = values[k];
        st.values[k] = v === undefined || v === null || !Number.isFinite(v) ? null : v;
        st.seqs[k] = seq;
      }
      if (st.atMs === null || atMs > st.atMs) st.atMs = atMs;
    },

    async afterFastPoll(service) {
      let st = states.get(service.id);
      if (!st) states.set(service.id, (st = { values: {}, seqs: {}, atMs: null }));
      const overrides = JSON.stringify(service.thresholdOverrides ?? {});
      const last = st.last;
      if (!last || !last.settled || last.overrides !== overrides || last.skips + 1 >= FULL_EVALUATION_EVERY)
        return full(service.id, overrides, st);
      const evaluation = evaluateSeverity(st.values, service.thresholdOverrides);
      if (zoneOf(evaluation.reasons) !== last.zone) return full(service.id, overrides, st);
      last.skips++;
      const snapshot = {
        at: st.atMs === null ? null : new Date(st.atMs).toISOString(),
        values: { ...st.values },
      };
      await touch(service.id, last.level, evaluation.reasons, snapshot);
      return { level: last.level, candidate: null };
    },

    reset() {
      states.clear();
    },
  };
}

type Touch = {
  serviceId: number;
  level: Severity | null;
  reasons: string;
  snapshot: string;
  at: Date;
  done: (e?: unknown) => void;
};
let touches: Touch[] = [];
let touching = false;

const TOUCH_SQL = `
  UPDATE "service_sev_states" AS s SET "reasons" = u.r, "snapshot" = u.sn, "evaluated_at" = u.t
  FROM unnest($1::int[], $2::text[], $3::jsonb[], $4::jsonb[], $5::timestamptz[]) AS u(id, l, r, sn, t)
  WHERE s."service_id" = u.id AND s."level"::text IS NOT DISTINCT FROM u.l`;

/** The reasons, snapshot and time of an evaluation that changed nothing else; evaluations
 * finishing together share one statement. Written only while the stored level is unchanged. */
function touchSevState(
  serviceId: number,
  level: Severity | null,
  reasons: SeverityReason[],
  snapshot: { at: string | null; values: Values },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    touches.push({
      serviceId,
      level,
      reasons: JSON.stringify(reasons),
      snapshot: JSON.stringify(snapshot),
      at: new Date(),
      done: (e) => (e ? reject(e) : resolve()),
    });
    if (!touching) {
      touching = true;
      setImmediate(flushTouches);
    }
  });
}

async function flushTouches(): Promise<void> {
  while (touches.length > 0) {
    const batch = touches;
    touches = [];
    try {
      await preparedQuery("fb_touch_sev_states", TOUCH_SQL, [
        batch.map((t) => t.serviceId),
        batch.map((t) => t.level),
        batch.map((t) => t.reasons),
        batch.map((t) => t.snapshot),
        batch.map((t) => t.at),
      ]);
      for (const t of batch) t.done();
    } catch (e) {
      for (const t of batch) t.done(e);
    }
  }
  touching = false;
}
