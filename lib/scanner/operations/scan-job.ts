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
import { recordOnIncident } from "./incident-link";
import { LiveTriggerWatch, streamedOutputPath } from "./live-watch";
import { SCAN_ID_LABEL, scanRunner } from "./runner-factory";
import { heartbeatMs, watchScan } from "./scan-watchdog";
import { MAX_WALL_CLOCK_SECONDS, SCAN_JOB } from "./scans";
import { baselineKeys } from "./triage-queries";
import { fireTriggers } from "./trigger-store";

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
  const baseline = await baselineKeys(scan.environment);
  const previousNewHighCritical = await previousNew(scan.environment, scanId);
  const watch = new LiveTriggerWatch(scanId, baseline, previousNewHighCritical);
  let streamed: string | null = null;
  const ac = new AbortController();
  const poll = setInterval(() => {
    void db.scannerScan
      .findUnique({ where: { id: scanId }, select: { cancelRequested: true } })
      .then((s) => s?.cancelRequested && ac.abort())
      .catch(() => {});
  }, CANCEL_POLL_MS);
  // Signs of life for the watchdog (scan-watchdog.ts), which fails the scan if this process dies.
  const heartbeat = setInterval(() => {
    void db.scannerScan
      .updateMany({ where: { id: scanId, status: "running" }, data: { progressAt: new Date() } })
      .catch(() => {});
  }, heartbeatMs());
  await watchScan(scanId).catch(() => {});
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
      onStart: ({ argv }) => {
        void db.scannerScan.update({ where: { id: scanId }, data: { argv } }).catch(() => {});
        streamed = streamedOutputPath(argv);
        if (streamed) watch.start(streamed);
      },
      onProgress: saveProgress,
      labels: { [SCAN_ID_LABEL]: String(scanId) },
    });
    await saving;
    await watch.stop(null);
    const o = result.outcome;
    const finished = { finishedAt: new Date(), argv: result.argv, stderrTail: result.stderrTail };
    if (o.status !== "completed") {
      await db.scannerScan.update({
        where: { id: scanId },
        data: { ...finished, status: o.status, reason: o.reason },
      });
      await recordFinished(scanId);
      return;
    }
    const run = await ingestScannerReport(
      result.reportText ?? "",
      { kind: "scan", name: `scan #${scanId}` },
      scan.requestedBy,
    );
    const { operatorReports } = await db.scannerScan.findUniqueOrThrow({ where: { id: scanId } });
    const assessed = assess(o.report, baseline, previousNewHighCritical, operatorReports);
    // Stored before the scan reads as completed, so no gate ever sees it clean in between.
    await fireTriggers(
      scanId,
      assessed.triggers.filter((t) => t.kind !== "operator_report"),
      { firedAt: new Date().toISOString(), during: "after the run", snapshot: assessed.snapshot },
    );
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
        reason: o.errorsBit ? "Completed with captured errors (exit bit 2)." : null,
      },
    });
    await recordFinished(scanId);
  } catch (e) {
    await db.scannerScan.update({
      where: { id: scanId },
      data: {
        status: "failed",
        finishedAt: new Date(),
        reason: `The scan could not run: ${(e as Error).message}`.slice(0, 2000),
      },
    });
    await recordFinished(scanId);
  } finally {
    clearInterval(poll);
    clearInterval(heartbeat);
    await watch.stop(null);
  }
}

/** A linked scan's end on its incident's timeline. */
async function recordFinished(scanId: number): Promise<void> {
  const s = await getDb().scannerScan.findUniqueOrThrow({ where: { id: scanId } });
  await recordOnIncident(s, {
    event: "finished",
    status: s.status,
    findings: s.status === "completed" ? s.findingsSoFar : null,
    newHighCritical: s.newHighCritical,
    triggers: Array.isArray(s.triggers) ? s.triggers.length : 0,
    reason: s.status === "completed" ? null : s.reason,
  });
}

async function previousNew(environment: string, scanId: number): Promise<number | null> {
  const previous = await getDb().scannerScan.findFirst({
    where: { environment, id: { lt: scanId }, newHighCritical: { not: null } },
    orderBy: { id: "desc" },
    select: { newHighCritical: true },
  });
  return previous?.newHighCritical ?? null;
}

/** New HIGH/CRITICAL against the environment's passive baseline, and the rollback triggers. */
function assess(
  report: ScannerReport,
  baseline: ReadonlySet<string> | null,
  previousNewHighCritical: number | null,
  operatorReports: number,
) {
  const high = report.findings.filter((f) => f.severity === "HIGH" || f.severity === "CRITICAL");
  // Without a stored baseline nothing can be "new": not counted (null), never a spike.
  const newHighCritical = baseline
    ? new Set(high.map((f) => `${f.url}\u0000${f.check}`).filter((k) => !baseline.has(k))).size
    : null;
  const n = numbersFromReport(report);
  const triggers = evaluateTriggers({
    httpRequests: n.httpRequests,
    httpRetries: n.httpRetries,
    scanned: n.scanned,
    distinctErrorUrls: n.distinctErrorUrls,
    newHighCritical: newHighCritical ?? 0,
    previousNewHighCritical,
    operatorReports,
  });
  const snapshot = {
    findings: report.findings.length,
    newHighCritical: newHighCritical ?? 0,
    httpRequests: n.httpRequests,
    httpRetries: n.httpRetries,
    scanned: n.scanned,
    errorUrls: n.distinctErrorUrls,
  };
  return { newHighCritical, triggers, snapshot };
}

registerJobHandler<{ scanId: number }>(SCAN_JOB, (data, job) => workScan(data.scanId, job.retryCount), {
  // A worker that died is presumed dead only after the longest scan could have ended.
  expireInSeconds: MAX_WALL_CLOCK_SECONDS + 120,
});
