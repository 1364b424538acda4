// The set-up the deployment-watch integration tests share: a migrated throw-away database, the
// real Kubernetes API and optimizer double processes, the app's environment pointed at them with
// the watch's minute scaled down (DEPLOY_WATCH_INTERVAL_SCALE, the code path unchanged), this
// process working the job queue, and the demo service registered. Register it at the top of a
// test file; import the modules under test in a later beforeAll (they read the environment).
import { afterAll, beforeAll } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { registerDemoService } from "@/lib/testing/remediation";
import { startDouble, type Proc } from "@/lib/testing/spawn";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

export type DeploymentHarness = {
  db: TestDatabase;
  kube: RunningKubeDouble;
  optimizer: Proc & { url: string };
};

export function setupDeploymentHarness(extraEnv: Record<string, string> = {}): DeploymentHarness {
  const h = {} as DeploymentHarness;
  beforeAll(async () => {
    [h.db, h.kube, h.optimizer] = await Promise.all([
      createTestDatabase(),
      startKubeDouble({ readyDelayMs: 0 }),
      startDouble("optimizer", ["--noise", "0"]),
    ]);
    Object.assign(process.env, {
      DATABASE_URL: h.db.url,
      KUBECONFIG: h.kube.kubeconfigPath,
      KUBE_TIMEOUT_MS: "5000",
      KUBE_IMPERSONATE: "false",
      DEPLOY_WATCH_INTERVAL_SCALE: "0.01",
      JOBS_MAINTENANCE_SECONDS: "1",
      JOBS_ENABLED: "true",
      ...extraEnv,
    });
    await registerDemoService(h.optimizer.url);
  }, 60_000);
  afterAll(async () => {
    const { stopJobs } = await import("@/lib/jobs/queue");
    const { getDb } = await import("@/lib/db/client");
    await stopJobs();
    await getDb().$disconnect();
    await Promise.all([h.db?.drop(), h.kube?.stop(), h.optimizer?.stop()]);
  });
  return h;
}
