import "server-only";

import { getDb } from "@/lib/db/client";
import { registerJobHandler } from "@/lib/jobs/queue";

import { ingestScannerReport } from "../ingest";
import { numbersFromReport } from "../metrics";
import type { ScannerReport } from "../report";
import { evaluateTriggers } from "../rollout/triggers";
import type { ScanFormat, ScanStage } from "../runner/command";
import type { Progress } from "../runner/progress";
import type { ScanRunner } from "../runner/types";
import { scanRunner } from "./runner-factory";
import { MAX_WALL_CLOCK_SECONDS, SCAN_JOB } from "./scans";
import { baselineKeys } from "./triage-queries";

const CANCEL_POLL_MS = 1_000;

/**
 * Works one scan. Idempotent and at most once per scan: the worker claims the row with a
 * conditional update from `queued`, so a second process (or a redelivered job) does nothing. A
 * job redelivered while its row is still `running` means the process that ran it died (pg-boss
 * expired the job, retryCount > 0): the scan is recorded as failed with that reason, never lost
 * and never run twice behind the operator's back.
 */
export async function workScan(scanId: number, retryCount = 0, runner?: ScanRunner): Promise<void> {
  const db = getDb();
  const claimed = await db.scannerScan.updateMany({
    where: { id: scanId, status: "queued" },
    data: { status: "running", startedAt: new Date() },
  });
  if (claimed.count === 0) {
    // First delivery: another worker holds it (or it already ended). A retry: its worker died.
    if (retryCount === 0) return;
    await db.scannerScan.updateMany({
      where: { id: scanId, status: "running" },
      data: {
        status: "failed",
        finishedAt: new Date(),
        reason: "Firebreak stopped while this scan ran; it was not resumed. Request it again.",
      },
    });
    return;
  }
  const scan = await db.scannerScan.findUniqueOrThrow({ where: { id: scanId } });
  const ac = new AbortController();
  const poll = setInterval(() => {
    void db.scannerScan
      .findUnique({ where: { id: scanId }, select: { cancelRequested: true } })
      .then((s) => s?.cancelRequested && ac.abort())
      .catch(() => {});
  }, CANCEL_POLL_MS);
  let saving = Promise.resolve();
  const saveProgress = (p: Progress) => {
    saving = saving.then(() =>
      db.scannerScan
        .update({
          where: { id: scanId },
          data: {
            urlsDone: p.urlsDone,
            urlsTotal: p.urlsTotal,
            findingsSoFar: p.findings,
            highSoFar: p.highOrCritical,
            progressAt: new Date(),
          },
        })
        .then(
          () => undefined,
          () => undefined,
        ),
    );
  };
  try {
    const result = await (runner ?? scanRunner()).run({
      stage: scan.stage as ScanStage,
      urls: scan.targetUrls as string[],
      format: scan.format as ScanFormat,
      wallClockSeconds: scan.wallClockSeconds,
      signal: ac.signal,
      onStart: ({ argv }) =>
        void db.scannerScan.update({ where: { id: scanId }, data: { argv } }).catch(() => {}),
      onProgress: saveProgress,
    });
    await saving;
    const o = result.outcome;
    const finished = { finishedAt: new Date(), argv: result.argv, stderrTail: result.stderrTail };
    if (o.status !== "completed") {
      await db.scannerScan.update({
        where: { id: scanId },
        data: { ...finished, status: o.status, reason: o.reason },
      });
      return;
    }
    const run = await ingestScannerReport(
      result.reportText ?? "",
      { kind: "scan", name: `scan #${scanId}` },
      scan.requestedBy,
    );
    const { operatorReports } = await db.scannerScan.findUniqueOrThrow({ where: { id: scanId } });
    const assessed = await assess(scan.environment, scanId, o.report, operatorReports);
    await db.scannerScan.update({
      where: { id: scanId },
      data: {
        ...finished,
        status: "completed",
        scannerRunId: run.id,
        urlsDone: o.report.meta.scanned,
        urlsTotal: o.report.meta.scanned,
        findingsSoFar: o.report.summary.total,
        highSoFar: o.report.summary.high + o.report.summary.critical,
        newHighCritical: assessed.newHighCritical,
        triggers: assessed.triggers,
        reason: o.errorsBit ? "Completed with captured errors (exit bit 2)." : null,
      },
    });
  } catch (e) {
    await db.scannerScan.update({
      where: { id: scanId },
      data: {
        status: "failed",
        finishedAt: new Date(),
        reason: `The scan could not run: ${(e as Error).message}`.slice(0, 2000),
      },
    });
  } finally {
    clearInterval(poll);
  }
}

/** New HIGH/CRITICAL against the environment's passive baseline, and the rollback triggers. */
async function assess(environment: string, scanId: number, report: ScannerReport, operatorReports: number) {
  const baseline = await baselineKeys(environment);
  const high = report.findings.filter((f) => f.severity === "HIGH" || f.severity === "CRITICAL");
  const newHighCritical = baseline ? high.filter((f) => !baseline.has(`${f.url}\u0000${f.check}`)).length : 0;
  const previous = await getDb().scannerScan.findFirst({
    where: { environment, id: { lt: scanId }, newHighCritical: { not: null } },
    orderBy: { id: "desc" },
    select: { newHighCritical: true },
  });
  const n = numbersFromReport(report);
  const triggers = evaluateTriggers({
    httpRequests: n.httpRequests,
    httpRetries: n.httpRetries,
    scanned: n.scanned,
    distinctErrorUrls: n.distinctErrorUrls,
    newHighCritical,
    previousNewHighCritical: previous?.newHighCritical ?? null,
    operatorReports,
  });
  return { newHighCritical, triggers };
}

registerJobHandler<{ scanId: number }>(SCAN_JOB, (data, job) => workScan(data.scanId, job.retryCount), {
  // A worker that died is presumed dead only after the longest scan could have ended.
  expireInSeconds: MAX_WALL_CLOCK_SECONDS + 120,
});
