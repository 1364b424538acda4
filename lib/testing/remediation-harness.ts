// The set-up the remediation integration tests share: a migrated throw-away database, the real
// Kubernetes API double process, the app's environment pointed at both, the demo service
// registered, and the double reset before each test. Register it at the top of a test file;
// import the modules under test in a later beforeAll (they read the environment when loaded).
import { afterAll, beforeAll, beforeEach } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { doubleControl, registerDemoService } from "@/lib/testing/remediation";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

export type RemediationHarness = { db: TestDatabase; kube: RunningKubeDouble };

export function setupRemediationHarness(
  opts: { readyDelayMs?: number; kubeTimeoutMs?: number } = {},
): RemediationHarness {
  const h = {} as RemediationHarness;
  beforeAll(async () => {
    [h.db, h.kube] = await Promise.all([
      createTestDatabase(),
      startKubeDouble({ readyDelayMs: opts.readyDelayMs ?? 0 }),
    ]);
    Object.assign(process.env, {
      DATABASE_URL: h.db.url,
      KUBECONFIG: h.kube.kubeconfigPath,
      KUBE_TIMEOUT_MS: String(opts.kubeTimeoutMs ?? 5000),
    });
    await registerDemoService("http://127.0.0.1:9");
  });
  afterAll(async () => {
    const { getDb } = await import("@/lib/db/client");
    await getDb().$disconnect();
    await Promise.all([h.db?.drop(), h.kube?.stop()]);
  });
  beforeEach(async () => {
    await doubleControl(h.kube.url, "reset");
  });
  return h;
}
