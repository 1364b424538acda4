import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { testActor } from "@/lib/testing/actors";
import { readServiceVersion, registerDemoService } from "@/lib/testing/remediation";
import { startDouble, startJobWorker, waitFor, type Proc } from "@/lib/testing/spawn";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

// The worker process working a deployment watch is SIGKILLed mid-watch: another Firebreak
// process resumes the durable job and the watch completes its 10 checks exactly once.
let db: TestDatabase;
let kube: RunningKubeDouble;
let optimizer: Proc & { url: string };
let env: Record<string, string>;
const procs: Proc[] = [];
let switchMod: typeof import("./switch");
let store: typeof import("./store");
let jobs: typeof import("@/lib/jobs/queue");
let getDb: typeof import("@/lib/db/client").getDb;

beforeAll(async () => {
  [db, kube, optimizer] = await Promise.all([
    createTestDatabase(),
    startKubeDouble({ readyDelayMs: 0 }),
    startDouble("optimizer", ["--noise", "0"]),
  ]);
  env = {
    DATABASE_URL: db.url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "5000",
    KUBE_IMPERSONATE: "false",
    OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
    DEPLOY_WATCH_INTERVAL_SCALE: "0.02",
    JOBS_MAINTENANCE_SECONDS: "1",
    JOBS_ENABLED: "false", // this test process only switches; the workers watch
  };
  Object.assign(process.env, env);
  switchMod = await import("./switch");
  store = await import("./store");
  jobs = await import("@/lib/jobs/queue");
  getDb = (await import("@/lib/db/client")).getDb;
  await registerDemoService(optimizer.url);
  await fetch(`${kube.url}/api/v1/namespaces/default/services/api-optimizer`, {
    method: "PATCH",
    headers: { "content-type": "application/json-patch+json" },
    body: JSON.stringify([{ op: "replace", path: "/spec/selector/version", value: "stable" }]),
  });
  procs.push(await startJobWorker(env));
}, 90_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await jobs?.stopJobs();
  await getDb?.().$disconnect();
  await Promise.all([db?.drop(), kube?.stop(), optimizer?.stop()]);
});

describe("a deployment watch when its worker process dies", () => {
  it("is resumed by another process and completes its 10 checks exactly once", async () => {
    const a = procs[0]!;
    const watch = await switchMod.startSwitch("api-optimizer", "blue_green", testActor("commander", "carol"));
    await waitFor(
      async () => (await store.getWatch(watch.id))!.checks.length >= 3,
      30_000,
      `worker a to check: ${a.output()}`,
    );
    a.child.kill("SIGKILL");
    await a.stop();
    const b = await startJobWorker(env);
    procs.push(b);
    const done = await waitFor(
      async () => {
        const w = await store.getWatch(watch.id);
        return w !== null && w.state !== "watching" ? w : undefined;
      },
      75_000,
      `worker b to resume: ${b.output()}`,
    );
    expect(done.state).toBe("completed");
    expect(done.checks.map((c) => c.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await getDb().deploymentWatch.count({ where: { service: "api-optimizer" } })).toBe(1);
    expect(await readServiceVersion(kube.url)).toBe("new");
  }, 120_000);
});
