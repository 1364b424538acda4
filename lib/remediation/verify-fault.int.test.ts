import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { declareTestIncident, registerDemoService, TEST_ACTOR } from "@/lib/testing/remediation";
import { waitFor } from "@/lib/testing/spawn";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/testing/throwaway-postgres";
import { migrate } from "@/scripts/migrate.mjs";

// Verification as a durable job, against a throw-away PostgreSQL server that the test
// restarts, the real Kubernetes API double and a service whose /health/live the test flips.
let server: ThrowawayPostgres;
let kube: RunningKubeDouble;
let health = { status: 503 };
let svc: http.Server;
let actions: typeof import("./run-action");
let jobs: typeof import("@/lib/jobs/queue");
let getDb: typeof import("@/lib/db/client").getDb;

beforeAll(async () => {
  server = await startThrowawayPostgres();
  const url = await server.createDatabase("fb_verify_fault");
  await migrate({ connectionString: url });
  kube = await startKubeDouble({ readyDelayMs: 100 });
  svc = http.createServer((req, res) => {
    res.statusCode = req.url === "/health/live" ? health.status : 404;
    res.end("{}");
  });
  await new Promise<void>((r) => svc.listen(0, "127.0.0.1", r));
  Object.assign(process.env, {
    DATABASE_URL: url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "3000",
    ACTION_VERIFY_INTERVAL_MS: "250",
    ACTION_VERIFY_TIMEOUT_MS: "45000",
    JOBS_MAINTENANCE_SECONDS: "2",
  });
  actions = await import("./run-action");
  jobs = await import("@/lib/jobs/queue");
  getDb = (await import("@/lib/db/client")).getDb;
  await registerDemoService(`http://127.0.0.1:${(svc.address() as { port: number }).port}`);
}, 60_000);

afterAll(async () => {
  await jobs?.stopJobs();
  await getDb?.().$disconnect();
  await kube?.stop();
  svc?.close();
  server?.destroy();
});

const run = (id: number) => getDb().actionRun.findUniqueOrThrow({ where: { id } });
const verificationEvents = async (incidentId: number) =>
  (await getDb().timelineEvent.findMany({ where: { incidentId, kind: "action" } })).filter((e) =>
    /verified/.test(e.body ?? ""),
  );

async function rollbackWhileUnhealthy(): Promise<{ runId: number; incidentId: number }> {
  await fetch(`${kube.url}/__double/reset`, { method: "POST" });
  health = { status: 503 };
  const incidentId = await declareTestIncident();
  const result = await actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR);
  if (result.status !== "done") throw new Error(`rollback: ${JSON.stringify(result)}`);
  const runId = result.run.id;
  await waitFor(
    async () => /\/health\/live 503/.test((await run(runId)).verifyDetail ?? ""),
    15_000,
    "verification to see the unhealthy service",
  );
  return { runId, incidentId };
}

describe("rollback verification as a job", () => {
  it("is verified within 5 s of the service becoming healthy, once", async () => {
    const { runId, incidentId } = await rollbackWhileUnhealthy();
    const healthyAt = Date.now();
    health = { status: 200 };
    const done = await waitFor(
      async () => {
        const r = await run(runId);
        return r.verification !== "verifying" && r;
      },
      15_000,
      "verification to end",
    );
    expect(done.verification).toBe("verified");
    const lag = done.verifiedAt!.getTime() - healthyAt;
    console.log(`verified ${lag} ms after the service became healthy`);
    expect(lag).toBeLessThanOrEqual(5_000);
    expect(await verificationEvents(incidentId)).toHaveLength(1);
  }, 60_000);

  it("resumes after the database restarts mid-verification and ends exactly once", async () => {
    const { runId, incidentId } = await rollbackWhileUnhealthy();
    await waitFor(
      async () => (await jobs.listJobs({ singletonKey: `verify:${runId}`, state: "active" })).length > 0,
      10_000,
      "the verification job to run",
    );
    await server.restart({ downMs: 1_500 });
    health = { status: 200 };
    const done = await waitFor(
      async () => {
        const r = await run(runId);
        return r.verification !== "verifying" && r;
      },
      30_000,
      "verification to end after the restart",
    );
    expect(done.verification).toBe("verified");
    expect(done.verifyDetail).toMatch(
      /^verified in [\d.]+ s: 3\/3 endpoints on ready stable pods, \/health\/live 200/,
    );
    expect(await verificationEvents(incidentId)).toHaveLength(1);
    await waitFor(
      async () =>
        (await jobs.listJobs({ singletonKey: `verify:${runId}` })).every((j) => j.state === "completed"),
      10_000,
      "its jobs to complete",
    );
  }, 60_000);

  it("records an action exactly once when the database goes down between the PATCH and the record", async () => {
    await fetch(`${kube.url}/__double/reset`, { method: "POST" });
    health = { status: 200 };
    const incidentId = await declareTestIncident();
    await fetch(`${kube.url}/__double/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "PATCH", path: "/services/api-optimizer", kind: "latency", ms: 2_500 }),
    });
    const pending = actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR);
    await waitFor(
      async () => (await getDb().actionRun.count({ where: { incidentId, outcome: "pending" } })) > 0,
      10_000,
      "the run to be claimed",
    );
    server.stopServer("immediate"); // while the PATCH is in flight
    const result = await pending;
    expect(result).toMatchObject({ status: "landed_unrecorded" });
    const message = (result as { message: string }).message;
    console.log(`user saw: ${message}`);
    expect(message).toMatch(/landed in the cluster .*recording it is pending/);
    // The database's error (its host and port) stays in the server log.
    expect(message).not.toMatch(/127\.0\.0\.1|:\d{4,5}\b/);
    server.startServer();
    const runs = await waitFor(
      async () => {
        const r = await getDb().actionRun.findMany({ where: { incidentId } });
        return r.every((x) => x.outcome === "succeeded") && r.length > 0 && r;
      },
      30_000,
      "the record to be written",
    );
    expect(runs).toHaveLength(1);
    const events = await getDb().timelineEvent.findMany({ where: { incidentId, kind: "action" } });
    expect(events.filter((e) => /succeeded/.test(e.body ?? ""))).toHaveLength(1);
    // Nothing stuck: verification of the recorded rollback ends too.
    await waitFor(async () => (await run(runs[0]!.id)).verification === "verified", 20_000, "verification");
    expect(await verificationEvents(incidentId)).toHaveLength(1);
  }, 60_000);
});
