import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { enqueueJob, registerJobHandler } from "@/lib/jobs/queue";

import { SCAN_ID_LABEL, scanJobs } from "./runner-factory";

export const SCAN_WATCHDOG_JOB = "scanner.scan-watchdog";

/** How often a working process marks its running scan alive (`progress_at`). */
export function heartbeatMs(): number {
  return Math.min(5_000, (getEnv().SCANNER_WATCHDOG_SECONDS * 1000) / 4);
}

/** Watches a running scan from the job queue, so that any surviving Firebreak process notices when
 * the one running it died: every SCANNER_WATCHDOG_SECONDS / 2 it looks at the scan's last sign of
 * life, and records a scan silent for SCANNER_WATCHDOG_SECONDS as failed with the reason (the scan
 * job itself is redelivered only after the longest wall-clock limit). */
export async function watchScan(scanId: number): Promise<void> {
  const period = getEnv().SCANNER_WATCHDOG_SECONDS / 2;
  await enqueueJob(
    SCAN_WATCHDOG_JOB,
    { scanId },
    { singletonKey: `scan-watchdog:${scanId}`, startAfter: new Date(Date.now() + period * 1000) },
  );
}

export async function checkScan(scanId: number, now = new Date()): Promise<"ended" | "alive" | "failed"> {
  const db = getDb();
  const scan = await db.scannerScan.findUnique({
    where: { id: scanId },
    select: { status: true, progressAt: true, startedAt: true },
  });
  if (!scan || scan.status !== "running") return "ended";
  const seen = scan.progressAt ?? scan.startedAt ?? now;
  if (now.getTime() - seen.getTime() < getEnv().SCANNER_WATCHDOG_SECONDS * 1000) {
    await watchScan(scanId);
    return "alive";
  }
  const r = await db.scannerScan.updateMany({
    where: { id: scanId, status: "running", progressAt: scan.progressAt },
    data: {
      status: "failed",
      finishedAt: now,
      reason:
        `Firebreak stopped while this scan ran (its process was last seen at ${seen.toISOString()}); ` +
        "it was not resumed. Request it again.",
    },
  });
  if (r.count === 0) return "ended";
  await stopScanJob(scanId);
  return "failed";
}

registerJobHandler<{ scanId: number }>(SCAN_WATCHDOG_JOB, async (data) => {
  await checkScan(data.scanId);
});

/** The Job a dead process left running in the cluster is deleted (a local ApiHunter process of a
 * dead process cannot be reached from here; it ends at its own pace). */
async function stopScanJob(scanId: number): Promise<void> {
  try {
    const cluster = scanJobs();
    if (!cluster) return;
    const deleted = await cluster.jobs.deleteJobsLabelled(cluster.namespace, {
      [SCAN_ID_LABEL]: String(scanId),
    });
    if (deleted.length)
      await getDb().scannerScan.update({
        where: { id: scanId },
        data: { stderrTail: `Deleted the scan's Job ${deleted.join(", ")} in ${cluster.namespace}.` },
      });
  } catch (e) {
    console.error(`[scanner] could not delete the Job of scan #${scanId}: ${(e as Error).message}`);
  }
}
