import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MetricValues } from "@/lib/metrics/store";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { waitFor } from "@/lib/testing/spawn";
import { createWatchedService } from "@/lib/testing/watched-service";

// Auto-declare fails after the SEV transition committed (here: the database refuses new
// incidents through a trigger, as a failing disk or a lock timeout would); the declaration is
// retried as a durable job until it succeeds, exactly once per transition.
let tracker: typeof import("./tracker");
let store: typeof import("@/lib/metrics/store");
let jobs: typeof import("@/lib/jobs/queue");
let autoDeclare: typeof import("./auto-declare-job");
let getDb: typeof import("@/lib/db/client").getDb;

const HEALTHY: MetricValues = { live: 1, p95_latency_ms: 5, error_rate_pct: 0.1, cache_hit_pct: 90 };
const T0 = Date.UTC(2026, 10, 28, 3, 0, 0);
let slot = 0;
async function poll(serviceId: number, values: MetricValues) {
  const at = new Date(T0 + ++slot * 30_000);
  await store.recordSamples({ serviceId, at, values: { ...HEALTHY, ...values } });
  return tracker.evaluateService(serviceId, at);
}

setupAppDatabase();
beforeAll(async () => {
  tracker = await import("./tracker");
  store = await import("@/lib/metrics/store");
  jobs = await import("@/lib/jobs/queue");
  autoDeclare = await import("./auto-declare-job");
  getDb = (await import("@/lib/db/client")).getDb;
  await getDb().$executeRawUnsafe(`CREATE TABLE refuse_incidents (on_until timestamptz)`);
  await getDb().$executeRawUnsafe(`CREATE FUNCTION refuse_incident() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM refuse_incidents) THEN RAISE EXCEPTION 'injected fault: incidents refused'; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql`);
  await getDb().$executeRawUnsafe(
    `CREATE TRIGGER refuse_incident BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION refuse_incident()`,
  );
});
afterAll(async () => {
  await jobs.stopJobs();
});

const openIncidents = (service: string) =>
  getDb().incident.findMany({ where: { service }, select: { id: true, severity: true } });

describe("auto-declare retries", () => {
  it("queues a failed auto-declare and declares it once when the database accepts it again", async () => {
    const serviceId = (await createWatchedService("retry-svc", { autoDeclare: true })).id;
    await getDb().$executeRawUnsafe(`INSERT INTO refuse_incidents VALUES (now())`);
    await poll(serviceId, { cache_hit_pct: 55 });
    const raised = await poll(serviceId, { cache_hit_pct: 55 });
    expect(raised).toMatchObject({ level: "SEV2", changed: true, declaredIncidentId: null });
    expect(await openIncidents("retry-svc")).toEqual([]);

    const queued = await waitFor(
      async () => (await jobs.listJobs({ name: autoDeclare.AUTO_DECLARE_JOB }))[0],
      10_000,
      "the auto-declare job",
    );
    expect(queued.singletonKey).toMatch(/^auto-declare:retry-svc:\d+$/);

    await jobs.startJobs(); // fails while refused, retried with backoff
    await waitFor(
      async () => (await jobs.listJobs({ name: autoDeclare.AUTO_DECLARE_JOB }))[0]?.state === "retry",
      15_000,
      "a failed attempt",
    );
    await getDb().$executeRawUnsafe(`DELETE FROM refuse_incidents`);
    const done = await waitFor(
      async () => {
        const [j] = await jobs.listJobs({ name: autoDeclare.AUTO_DECLARE_JOB });
        return j?.state === "completed" && j;
      },
      30_000,
      "the retried declaration",
    );
    expect(done.retryCount).toBeGreaterThanOrEqual(1);
    const declared = await openIncidents("retry-svc");
    expect(declared).toEqual([{ id: expect.any(Number), severity: "SEV2" }]);

    // A duplicate of the job (a retry after a commit whose answer was lost) declares nothing.
    const again = await autoDeclare.declareOnce(queued.data as import("./auto-declare-job").AutoDeclareJob);
    expect(again).toEqual({ id: declared[0]!.id, declared: false });
    expect(await openIncidents("retry-svc")).toHaveLength(1);
  }, 60_000);

  it("declares a transition once when two workers race on it", async () => {
    const serviceId = (await createWatchedService("race-svc", { autoDeclare: false })).id;
    await poll(serviceId, { cache_hit_pct: 55 });
    await poll(serviceId, { cache_hit_pct: 55 });
    const draft = {
      title: "race",
      severity: "SEV2" as const,
      service: "race-svc",
      summary: "s",
      event: { kind: "metric_breach" as const, body: "SEV-2", data: {} },
    };
    const job = { key: autoDeclare.autoDeclareKey("race-svc", 999), draft, actor: tracker.AUTO_ACTOR };
    const results = await Promise.all(
      [1, 2, 3].map(() => autoDeclare.declareOnce(job).catch((e: Error) => e)),
    );
    expect(results.filter((r) => !(r instanceof Error) && r.declared)).toHaveLength(1);
    expect(await openIncidents("race-svc")).toHaveLength(1);
  });
});
