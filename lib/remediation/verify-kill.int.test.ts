import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { declareTestIncident, registerDemoService, TEST_ACTOR } from "@/lib/testing/remediation";
import { startJobWorker, waitFor, type Proc } from "@/lib/testing/spawn";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

// A worker process is killed (SIGKILL) while it verifies a rollback: another Firebreak
// process resumes the durable job and verification ends exactly once.
let db: TestDatabase;
let kube: RunningKubeDouble;
let health = { status: 503 };
let svc: http.Server;
let env: Record<string, string>;
const procs: Proc[] = [];
let actions: typeof import("./run-action");
let jobs: typeof import("@/lib/jobs/queue");
let getDb: typeof import("@/lib/db/client").getDb;

beforeAll(async () => {
  [db, kube] = await Promise.all([createTestDatabase(), startKubeDouble({ readyDelayMs: 100 })]);
  svc = http.createServer((req, res) => {
    res.statusCode = req.url === "/health/live" ? health.status : 404;
    res.end("{}");
  });
  await new Promise<void>((r) => svc.listen(0, "127.0.0.1", r));
  env = {
    DATABASE_URL: db.url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "3000",
    ACTION_VERIFY_INTERVAL_MS: "250",
    ACTION_VERIFY_TIMEOUT_MS: "50000",
    JOBS_MAINTENANCE_SECONDS: "1",
    JOBS_ENABLED: "false", // this test process only acts; the workers verify
  };
  Object.assign(process.env, env);
  actions = await import("./run-action");
  jobs = await import("@/lib/jobs/queue");
  getDb = (await import("@/lib/db/client")).getDb;
  await registerDemoService(`http://127.0.0.1:${(svc.address() as { port: number }).port}`);
  procs.push(await startJobWorker(env));
}, 90_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await jobs?.stopJobs();
  await getDb?.().$disconnect();
  await kube?.stop();
  svc?.close();
  await db?.drop();
});

describe("verification when its worker process dies", () => {
  it("is resumed by another process and ends exactly once", async () => {
    const a = procs[0]!;
    const incidentId = await declareTestIncident();
    const result = await actions.runAction({ incidentId, kind: "rollback" }, TEST_ACTOR);
    if (result.status !== "done") throw new Error(JSON.stringify(result));
    const runId = result.run.id;
    const run = () => getDb().actionRun.findUniqueOrThrow({ where: { id: runId } });
    await waitFor(
      async () => /\/health\/live 503/.test((await run()).verifyDetail ?? ""),
      30_000,
      `worker a to verify: ${a.output()}`,
    );
    a.child.kill("SIGKILL");
    await a.stop();
    const killedAt = Date.now();
    health = { status: 200 };
    const b = await startJobWorker(env);
    procs.push(b);
    const done = await waitFor(
      async () => {
        const r = await run();
        return r.verification !== "verifying" && r;
      },
      45_000,
      `worker b to resume: ${b.output()}`,
    );
    console.log(
      `resumed and ${done.verification} ${Math.round((Date.now() - killedAt) / 1000)} s after the kill`,
    );
    expect(done.verification).toBe("verified");
    const events = (await getDb().timelineEvent.findMany({ where: { incidentId, kind: "action" } })).filter(
      (e) => /verified/.test(e.body ?? ""),
    );
    expect(events).toHaveLength(1);
  }, 60_000);
});
