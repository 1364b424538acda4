import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { TEST_ACTOR, doubleControl, registerDemoService } from "@/lib/testing/remediation";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

// The error-log read steps read their own window from the pods' logs: 15 min in the incident
// response's Step 3, 5 min in the high error rate guide (runbook 001 · High Error Rate Alert,
// 3. `kubectl logs --since=5m | grep -i error`), and a live tail's few seconds.
let db: TestDatabase;
let kube: RunningKubeDouble;

beforeAll(async () => {
  [db, kube] = await Promise.all([createTestDatabase(), startKubeDouble({ readyDelayMs: 50 })]);
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "3000",
  });
  await registerDemoService("http://127.0.0.1:9");
}, 60_000);

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await Promise.all([db?.drop(), kube?.stop()]);
});

/** The sinceSeconds of every pod log read the double answered since the last call. */
async function logWindows(): Promise<string[]> {
  const { requests } = (await doubleControl(kube.url, "requests?method=GET&path=%2Flog", "GET")) as {
    requests: Array<{ path: string; query: Record<string, string> }>;
  };
  await doubleControl(kube.url, "reset");
  return [...new Set(requests.filter((r) => r.path.endsWith("/log")).map((r) => r.query.sinceSeconds!))];
}

async function runRead(playbookId: string, stepId: string) {
  const { declareIncident } = await import("@/lib/incidents/commands");
  const { startPlaybook } = await import("./runs");
  const { runStep } = await import("./execute");
  const incident = await declareIncident(
    { title: "errors up", severity: "SEV2", service: "api-optimizer", summary: "" },
    TEST_ACTOR,
  );
  const runId = (await startPlaybook(incident.id, playbookId, TEST_ACTOR)).id;
  return runStep({ runId, stepId, seenAttempt: 0 }, TEST_ACTOR);
}

describe("error-log read steps", () => {
  it("reads the high error rate guide's error lines over the last 5 minutes", async () => {
    await logWindows();
    const r = await runRead("high-error-guide", "errors-logs");
    expect(r.state).toBe("done");
    expect(r.outcome).toMatch(/error lines since 5 min/);
    expect(await logWindows()).toEqual(["300"]);
  });

  it("reads Step 3's error lines over the last 15 minutes", async () => {
    const r = await runRead("incident-response", "step-3-error-logs");
    expect(r.outcome).toMatch(/error lines since 15 min/);
    expect(await logWindows()).toEqual(["900"]);
  });

  it("reads a live tail's short window, and only error lines", async () => {
    const { getRecentErrorLogs } = await import("@/lib/remediation/read-views");
    const { getServiceByName } = await import("@/lib/services/queries");
    const lines = await getRecentErrorLogs((await getServiceByName("api-optimizer"))!, undefined, 30);
    expect(await logWindows()).toEqual(["30"]);
    expect(lines.every((l) => /error/i.test(l.text))).toBe(true);
  });
});
