import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { APIHUNTER_DOUBLE, startScanTarget, type ScanTarget } from "@/lib/testing/apihunter";
import { RUNBOOK_CANARY_FLAGS } from "@/lib/testing/runbook-commands";

const dir = mkdtempSync(path.join(tmpdir(), "scanner-ops-"));
const argvLog = path.join(dir, "argv.ndjson");
process.env.APIHUNTER_BIN = APIHUNTER_DOUBLE;
process.env.APIHUNTER_DOUBLE_ARGV_LOG = argvLog;
setupAppDatabase();

let target: ScanTarget;
let ops: typeof import("./scans");
let targets: typeof import("./targets");
let job: typeof import("./scan-job");
let db: Awaited<ReturnType<(typeof import("@/lib/db/client"))["getDb"]>>;

beforeAll(async () => {
  target = await startScanTarget();
  ops = await import("./scans");
  targets = await import("./targets");
  job = await import("./scan-job");
  db = (await import("@/lib/db/client")).getDb();
  await (await import("@/lib/jobs/queue")).startJobs();
});
afterAll(async () => {
  await (await import("@/lib/jobs/queue")).stopJobs();
  await target?.stop();
});
beforeEach(async () => {
  await target.behave({ vulnerable: true, latencyMs: 0, failRate: 0, hangRate: 0 });
});

async function finished(id: number, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = await db.scannerScan.findUniqueOrThrow({ where: { id } });
    if (!["queued", "running"].includes(s.status) || Date.now() > deadline) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
}
const approve = (env: string, n: number) =>
  targets.addTargets(
    env,
    Array.from({ length: n }, (_, i) => `${target.url}/api/items/${i}`),
    "alice",
  );
const authorize = (env: string) =>
  targets.recordAuthorization({
    environment: env,
    authorizedBy: "Target Owner",
    documentUrl: "https://docs.example.com/auth/1",
    expiresAt: new Date(Date.now() + 86_400_000),
    recordedBy: "carol",
  });
async function triageAll(env: string) {
  const runs = await db.scannerRun.findMany({ select: { findings: true } });
  for (const r of runs)
    for (const f of r.findings as Array<{ url: string; check: string; severity: string }>)
      if (f.severity === "HIGH" || f.severity === "CRITICAL")
        await targets.recordTriage({
          environment: env,
          url: f.url,
          check: f.check,
          verdict: "accepted_risk",
          reason: "lab target",
          triagedBy: "carol",
        });
}

describe("scans as jobs", () => {
  it("runs the passive baseline on the queue, stores progress, the command and the ingested report", async () => {
    await approve("staging", 4);
    const { id } = await ops.requestScan({
      environment: "staging",
      stage: "passive",
      requestedBy: "alice",
      format: "pretty",
    });
    const s = await finished(id);
    expect(s).toMatchObject({ status: "completed", urlsTotal: expect.any(Number), triggers: [] });
    expect(s.scannerRunId).toEqual(expect.any(Number));
    expect(s.argv).toEqual(expect.arrayContaining(["--format", "pretty", "--summary", "--no-auto-report"]));
    expect(s.argv).not.toContain("--active-checks");
    const run = await db.scannerRun.findUniqueOrThrow({ where: { id: s.scannerRunId! } });
    expect(run.sourceKind).toBe("scan");
    expect(Number(run.httpRequests)).toBeGreaterThan(0);
  }, 60_000);

  it("refuses stage 1 without authorization and while HIGH findings are untriaged; then runs the runbook's canary on a stored seeded subset", async () => {
    await expect(
      ops.requestScan({ environment: "staging", stage: "canary1", requestedBy: "carol" }),
    ).rejects.toThrow(/written authorization/);
    await authorize("staging");
    await expect(
      ops.requestScan({ environment: "staging", stage: "canary1", requestedBy: "carol" }),
    ).rejects.toThrow(/untriaged/);
    await triageAll("staging");
    await approve("staging", 20);
    const { id, targetUrls } = await ops.requestScan({
      environment: "staging",
      stage: "canary1",
      fraction: 0.1,
      seed: "seed-1",
      requestedBy: "carol",
    });
    expect(targetUrls).toHaveLength(2);
    const s = await finished(id);
    expect(s).toMatchObject({ status: "completed", subsetSeed: "seed-1", subsetFraction: 0.1, targetUrls });
    const logged = readFileSync(argvLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { argv: string[] }).argv);
    const argv = logged.at(-1)!;
    expect(argv).toEqual(s.argv);
    expect(argv.slice(2, 12)).toEqual(RUNBOOK_CANARY_FLAGS);
    await expect(
      ops.requestScan({ environment: "staging", stage: "full", requestedBy: "carol" }),
    ).rejects.toThrow(/untriaged/);
    await triageAll("staging");
    await expect(
      ops.requestScan({ environment: "staging", stage: "full", requestedBy: "carol" }),
    ).rejects.toThrow(/two consecutive clean canary runs; there is one/);
  }, 90_000);

  it("a flaky target pushes the retry ratio over 0.35: the scan completes with the retry trigger recorded", async () => {
    await triageAll("staging");
    // Every attempt answers 503: each retried request counts 2 requests and 1 retry, while the
    // rate-limit burst (12 requests per host, never retried) dilutes the ratio, so 4 URLs are needed.
    await approve("staging", 40);
    await target.behave({ failRate: 1 });
    const { id, targetUrls } = await ops.requestScan({
      environment: "staging",
      stage: "canary1",
      fraction: 0.1,
      seed: "flaky",
      requestedBy: "carol",
    });
    expect(targetUrls).toHaveLength(4);
    const s = await finished(id, 90_000);
    expect(s.status).toBe("completed");
    expect(s.triggers).toEqual([expect.objectContaining({ kind: "retry_ratio", threshold: 0.35 })]);
    await expect(
      ops.requestScan({ environment: "staging", stage: "canary2", requestedBy: "carol" }),
    ).rejects.toThrow(/stayed within thresholds/);
  }, 120_000);

  it("a scan killed by its wall-clock limit leaves a clear record", async () => {
    await target.behave({ latencyMs: 5000 });
    const { id } = await ops.requestScan({
      environment: "staging",
      stage: "passive",
      requestedBy: "alice",
      wallClockSeconds: 2,
    });
    const s = await finished(id);
    expect(s).toMatchObject({
      status: "timed_out",
      reason: "Stopped at the wall-clock limit of 2 s.",
      scannerRunId: null,
    });
  }, 60_000);

  it("an empty output file (a fatal run) is recorded as failed, never as a clean run", async () => {
    const fatal = path.join(dir, "fatal-apihunter");
    writeFileSync(
      fatal,
      '#!/bin/sh\nwhile [ "$1" != "--output" ]; do shift; done\n: > "$2"\necho "ERROR apihunter: Error: Invalid JSON on baseline line 1" >&2\nexit 2\n',
    );
    chmodSync(fatal, 0o755);
    const { ProcessScanRunner } = await import("../runner/process-runner");
    const scan = await db.scannerScan.create({
      data: {
        environment: "lab",
        stage: "passive",
        format: "pretty",
        targetUrls: [`${target.url}/api`],
        requestedBy: "alice",
        wallClockSeconds: 30,
      },
    });
    await job.workScan(scan.id, 0, new ProcessScanRunner(fatal));
    const s = await db.scannerScan.findUniqueOrThrow({ where: { id: scan.id } });
    expect(s.status).toBe("failed");
    expect(s.reason).toMatch(/left the report empty.*Invalid JSON on baseline line 1/s);
    expect(s.scannerRunId).toBeNull();
  });

  it("a second delivery of the same scan does nothing; a retry after its worker died records it as failed", async () => {
    const scan = await db.scannerScan.create({
      data: {
        environment: "lab",
        stage: "passive",
        format: "pretty",
        targetUrls: [`${target.url}/api`],
        requestedBy: "alice",
        wallClockSeconds: 30,
        status: "running",
        startedAt: new Date(),
      },
    });
    await job.workScan(scan.id, 0);
    expect((await db.scannerScan.findUniqueOrThrow({ where: { id: scan.id } })).status).toBe("running");
    await job.workScan(scan.id, 1);
    expect(await db.scannerScan.findUniqueOrThrow({ where: { id: scan.id } })).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/Firebreak stopped while this scan ran/),
    });
  });

  it("cancels a running scan", async () => {
    await target.behave({ latencyMs: 4000 });
    const { id } = await ops.requestScan({ environment: "staging", stage: "passive", requestedBy: "alice" });
    for (
      let i = 0;
      i < 100 && (await db.scannerScan.findUniqueOrThrow({ where: { id } })).status !== "running";
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    await ops.cancelScan(id);
    expect(await finished(id)).toMatchObject({ status: "cancelled" });
  }, 60_000);
});
