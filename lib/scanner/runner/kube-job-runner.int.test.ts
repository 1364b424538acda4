// The Kubernetes Job runner against the Kubernetes API double, whose Job pods really run the ApiHunter double
// against the scan target: the same stored record as the process runner, the stage's exact flags in the Job,
// live progress from the followed log, the wall-clock limit and cancel deleting the Job.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { APIHUNTER_DOUBLE, startScanTarget, type ScanTarget } from "@/lib/testing/apihunter";
import { RUNBOOK_CANARY_FLAGS } from "@/lib/testing/runbook-commands";

import { ClientNodeJobs } from "@/lib/kube/client-node-jobs";
import { KubeJobScanRunner } from "./kube-job-runner";
import { ProcessScanRunner } from "./process-runner";
import type { Progress } from "./progress";

const argvLog = path.join(mkdtempSync(path.join(tmpdir(), "job-runner-")), "argv.ndjson");
process.env.APIHUNTER_DOUBLE_ARGV_LOG = argvLog; // the double's pods inherit it
setupAppDatabase();

let kube: RunningKubeDouble;
let target: ScanTarget;
let runner: KubeJobScanRunner;
let job: typeof import("../operations/scan-job");
let db: Awaited<ReturnType<(typeof import("@/lib/db/client"))["getDb"]>>;
const IMAGE = "ghcr.io/teycir/apihunter:0.3.0";
const urls = (n: number) => Array.from({ length: n }, (_, i) => `${target.url}/api/items/${i}`);

type Job = {
  metadata: { name: string };
  spec: { template: { spec: { containers: Array<{ args: string[] }> } } };
};
const jobsInDouble = async () =>
  ((await (await fetch(`${kube.url}/apis/batch/v1/namespaces/default/jobs`)).json()) as { items: Job[] })
    .items;

beforeAll(async () => {
  [kube, target] = await Promise.all([
    startKubeDouble({ readyDelayMs: 100, demo: false }),
    startScanTarget(),
  ]);
  const jobs = new ClientNodeJobs({ kubeconfigPath: kube.kubeconfigPath, timeoutMs: 5_000 });
  runner = new KubeJobScanRunner(jobs, {
    namespace: "default",
    image: IMAGE,
    command: ["apihunter"],
    pollMs: 100,
  });
  job = await import("../operations/scan-job");
  db = (await import("@/lib/db/client")).getDb();
}, 40_000);
afterAll(async () => {
  await Promise.all([kube?.stop(), target?.stop()]);
});
beforeEach(async () => {
  await target.behave({ vulnerable: true, latencyMs: 0, failRate: 0, hangRate: 0 });
});

async function storedScan(runWith: KubeJobScanRunner | ProcessScanRunner, n: number) {
  const scan = await db.scannerScan.create({
    data: {
      environment: "lab",
      stage: "passive",
      format: "ndjson-stream",
      targetUrls: urls(n),
      requestedBy: "alice",
      wallClockSeconds: 60,
    },
  });
  await job.workScan(scan.id, 0, runWith);
  const s = await db.scannerScan.findUniqueOrThrow({ where: { id: scan.id } });
  const run = s.scannerRunId
    ? await db.scannerRun.findUniqueOrThrow({ where: { id: s.scannerRunId } })
    : null;
  return { s, run };
}

describe("ApiHunter as a Kubernetes Job", () => {
  it("a passive scan through a Job is stored exactly as the process runner's: progress, command, report", async () => {
    const viaJob = await storedScan(runner, 3);
    const viaProcess = await storedScan(new ProcessScanRunner(APIHUNTER_DOUBLE), 3);
    const shape = ({ s, run }: typeof viaJob) => ({
      scan: {
        status: s.status,
        reason: s.reason,
        urlsDone: s.urlsDone,
        urlsTotal: s.urlsTotal,
        findingsSoFar: s.findingsSoFar,
        highSoFar: s.highSoFar,
        flags: (s.argv as string[]).filter((a) => a.startsWith("--")),
      },
      run: run && {
        sourceFormat: run.sourceFormat,
        scanned: run.scanned,
        skipped: run.skipped,
        errors: run.errors,
        findingsTotal: run.findingsTotal,
        severities: [run.critical, run.high, run.medium, run.low, run.info],
        scanners: Object.keys(run.scannerFindings as object),
        checks: (run.findings as Array<{ url: string; check: string }>)
          .map((f) => `${f.url} ${f.check}`)
          .sort(),
      },
    });
    expect(viaJob.s.status).toBe("completed");
    expect(shape(viaJob)).toEqual(shape(viaProcess));
    expect(viaJob.run!.sourceFormat).toBe("ndjson-stream");
    expect(viaJob.s.urlsDone).toBeGreaterThanOrEqual(3);
    expect(viaJob.s.argv).toEqual([
      "--urls",
      "/var/run/firebreak/targets.txt",
      "--format",
      "ndjson",
      "--stream",
      "--output",
      "/dev/stdout",
      "--summary",
      "--no-auto-report",
    ]);
  }, 90_000);

  it("the canary Job carries the runbook's exact flags, and ApiHunter in the pod was started with them", async () => {
    const r = await runner.run({ stage: "canary1", urls: urls(1), format: "pretty", wallClockSeconds: 60 });
    expect(r.outcome.status).toBe("completed");
    expect(r.outcome.status === "completed" && r.outcome.findingsBit).toBe(true);
    expect(r.argv.slice(2, 12)).toEqual(RUNBOOK_CANARY_FLAGS);
    const created = (await jobsInDouble()).find((j) =>
      j.spec.template.spec.containers[0]!.args.includes("--active-checks"),
    );
    expect(created!.spec.template.spec.containers[0]!.args).toEqual(r.argv);
    const started = readFileSync(argvLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { argv: string[] });
    // The double has no mount namespace: only the targets file's directory differs.
    expect(
      started.at(-1)!.argv.map((a) => a.replace(/^.*\/volumes\/files\//, "/var/run/firebreak/")),
    ).toEqual(r.argv);
  }, 60_000);

  it("reports live progress from the followed pod log while the scan runs", async () => {
    await target.behave({ latencyMs: 300 });
    const seen: Progress[] = [];
    const r = await runner.run({
      stage: "passive",
      urls: urls(4),
      format: "ndjson-stream",
      wallClockSeconds: 60,
      onProgress: (p) => seen.push(p),
      progressEveryMs: 0,
    });
    expect(r.outcome.status).toBe("completed");
    expect(seen.some((p) => p.urlsDone > 0 && p.findings > 0 && !p.finished)).toBe(true);
    expect(r.progress).toMatchObject({ seeds: 4, urlsDone: r.progress.urlsTotal, finished: true });
  }, 60_000);

  it("waits out a few failed reads of the Job (an API server blip) and still completes", async () => {
    await fetch(`${kube.url}/__double/faults`, {
      method: "POST",
      body: JSON.stringify({
        method: "GET",
        path: "/namespaces/default/jobs/firebreak-scan-",
        kind: "status",
        status: 503,
        times: 4,
      }),
    });
    const r = await runner.run({ stage: "passive", urls: urls(1), format: "pretty", wallClockSeconds: 60 });
    expect(r.outcome.status).toBe("completed");
    const left = (await (await fetch(`${kube.url}/__double/faults`)).json()) as { faults: unknown[] };
    expect(left.faults).toEqual([]);
  }, 60_000);

  it("the wall-clock limit deletes the Job and its pod and says so", async () => {
    await target.behave({ latencyMs: 5000 });
    const r = await runner.run({
      stage: "passive",
      urls: urls(3),
      format: "ndjson-stream",
      wallClockSeconds: 2,
    });
    expect(r.outcome).toEqual({ status: "timed_out", reason: "Stopped at the wall-clock limit of 2 s." });
    const pods = await (await fetch(`${kube.url}/api/v1/namespaces/default/pods`)).json();
    const running = (pods as { items: Array<{ status: { phase: string } }> }).items.filter(
      (p) => p.status.phase === "Running" || p.status.phase === "Pending",
    );
    expect(running).toEqual([]);
  }, 30_000);

  it("cancel deletes the Job; a container that cannot start is a failed scan with the reason", async () => {
    await target.behave({ latencyMs: 4000 });
    const ac = new AbortController();
    const r = await runner.run({
      stage: "passive",
      urls: urls(2),
      format: "ndjson-stream",
      wallClockSeconds: 60,
      signal: ac.signal,
      onStart: () => setTimeout(() => ac.abort(), 800),
    });
    expect(r.outcome).toEqual({ status: "cancelled", reason: "Cancelled by an operator." });

    const broken = new KubeJobScanRunner(
      new ClientNodeJobs({ kubeconfigPath: kube.kubeconfigPath, timeoutMs: 5_000 }),
      {
        namespace: "default",
        image: IMAGE,
        command: ["/opt/apihunter/api-scanner"],
        pollMs: 100,
      },
    );
    const bad = await broken.run({ stage: "passive", urls: urls(1), format: "pretty", wallClockSeconds: 30 });
    expect(bad.outcome.status).toBe("failed");
    expect(bad.outcome.status !== "completed" && bad.outcome.reason).toMatch(
      /did not start: .*exec: "\/opt\/apihunter\/api-scanner": executable file not found/,
    );
  }, 60_000);
});
