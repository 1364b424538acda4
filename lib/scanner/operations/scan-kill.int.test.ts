import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { APIHUNTER_DOUBLE, startScanTarget, type ScanTarget } from "@/lib/testing/apihunter";
import { startJobWorker, waitFor, type Proc } from "@/lib/testing/spawn";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

// The Firebreak process running a scan is SIGKILLed mid-scan: another process notices through the
// scan's watchdog job and records the scan as failed with the reason — never left "running", never
// run again behind the operator's back.
let db: TestDatabase;
let target: ScanTarget;
let kube: RunningKubeDouble;
let env: Record<string, string>;
const procs: Proc[] = [];
const argvLog = path.join(mkdtempSync(path.join(tmpdir(), "scan-kill-")), "argv.ndjson");
let ops: typeof import("./scans");
let targets: typeof import("./targets");
let jobs: typeof import("@/lib/jobs/queue");
let getDb: typeof import("@/lib/db/client").getDb;

beforeAll(async () => {
  [db, target, kube] = await Promise.all([
    createTestDatabase(),
    startScanTarget(),
    startKubeDouble({ readyDelayMs: 100, demo: false }),
  ]);
  env = {
    DATABASE_URL: db.url,
    APIHUNTER_BIN: APIHUNTER_DOUBLE,
    APIHUNTER_DOUBLE_ARGV_LOG: argvLog,
    JOBS_MAINTENANCE_SECONDS: "1",
    SCANNER_WATCHDOG_SECONDS: "4",
    JOBS_ENABLED: "false", // this test process only requests; the workers scan
  };
  Object.assign(process.env, env);
  ops = await import("./scans");
  targets = await import("./targets");
  jobs = await import("@/lib/jobs/queue");
  getDb = (await import("@/lib/db/client")).getDb;
  procs.push(await startJobWorker(env));
}, 90_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await jobs?.stopJobs();
  await getDb?.().$disconnect();
  await Promise.all([db?.drop(), target?.stop(), kube?.stop()]);
});

describe("a scan when the Firebreak process running it is killed", () => {
  it("is recorded as failed with the reason by another process, not left running and not rerun", async () => {
    await target.behave({ latencyMs: 1500 });
    await targets.addTargets(
      "staging",
      [1, 2, 3, 4].map((i) => `${target.url}/api/items/${i}`),
      "alice",
    );
    const { id } = await ops.requestScan({ environment: "staging", stage: "passive", requestedBy: "alice" });
    const a = procs[0]!;
    const running = await waitFor(
      async () => {
        const s = await getDb().scannerScan.findUniqueOrThrow({ where: { id } });
        return s.status === "running" && s.urlsDone >= 1 ? s : undefined;
      },
      45_000,
      `worker a to scan: ${a.output()}`,
    );
    a.child.kill("SIGKILL");
    await a.stop();
    const b = await startJobWorker(env);
    procs.push(b);
    const ended = await waitFor(
      async () => {
        const s = await getDb().scannerScan.findUniqueOrThrow({ where: { id } });
        return s.status !== "running" ? s : undefined;
      },
      30_000,
      `worker b to notice: ${b.output()}`,
    );
    expect(ended).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(
        /^Firebreak stopped while this scan ran \(its process was last seen at .*\); it was not resumed\. Request it again\.$/,
      ),
      startedAt: running.startedAt,
      scannerRunId: null,
    });
    // ApiHunter was started once, by the killed process (its child outlives it: see the README).
    const started = readFileSync(argvLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { pid: number });
    expect(started).toHaveLength(1);
    try {
      process.kill(started[0]!.pid, "SIGKILL");
    } catch {}
    // A later redelivery of the scan's own job changes nothing.
    const { workScan } = await import("./scan-job");
    await workScan(id, 1);
    expect((await getDb().scannerScan.findUniqueOrThrow({ where: { id } })).reason).toBe(ended.reason);
    await Promise.all(procs.splice(0).map((p) => p.stop()));
  }, 120_000);

  it("run as a Kubernetes Job: recorded as failed and its Job deleted by the process that noticed", async () => {
    const kubeEnv = {
      ...env,
      SCANNER_RUNNER: "kubernetes",
      SCANNER_JOB_NAMESPACE: "default",
      SCANNER_JOB_IMAGE: "ghcr.io/teycir/apihunter:0.3.0",
      KUBECONFIG: kube.kubeconfigPath,
      KUBE_TIMEOUT_MS: "5000",
    };
    const c = await startJobWorker(kubeEnv);
    procs.push(c);
    await target.behave({ latencyMs: 1500 });
    const { id } = await ops.requestScan({ environment: "staging", stage: "passive", requestedBy: "alice" });
    const jobsOf = async () =>
      (
        (await (
          await fetch(
            `${kube.url}/apis/batch/v1/namespaces/default/jobs?labelSelector=firebreak.dev%2Fscan-id%3D${id}`,
          )
        ).json()) as { items: Array<{ metadata: { name: string } }> }
      ).items;
    await waitFor(
      async () => {
        const s = await getDb().scannerScan.findUniqueOrThrow({ where: { id } });
        return s.status === "running" && s.urlsDone >= 1;
      },
      45_000,
      `worker c to scan in a Job: ${c.output()}`,
    );
    expect(await jobsOf()).toHaveLength(1);
    c.child.kill("SIGKILL");
    await c.stop();
    const d = await startJobWorker(kubeEnv);
    procs.push(d);
    const ended = await waitFor(
      async () => {
        const s = await getDb().scannerScan.findUniqueOrThrow({ where: { id } });
        return s.status !== "running" ? s : undefined;
      },
      30_000,
      `worker d to notice: ${d.output()}`,
    );
    expect(ended).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/^Firebreak stopped while this scan ran/),
    });
    await waitFor(async () => (await jobsOf()).length === 0, 10_000, "the scan's Job to be deleted");
    const pods = (await (await fetch(`${kube.url}/api/v1/namespaces/default/pods`)).json()) as {
      items: Array<{ status: { phase: string } }>;
    };
    expect(pods.items.filter((p) => p.status.phase === "Running")).toEqual([]);
  }, 150_000);
});
