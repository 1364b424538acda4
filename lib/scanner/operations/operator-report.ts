import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

import { evaluateTriggers } from "../rollout/triggers";

/**
 * A target owner's operator-impact report on a scan (runbook 000 · Rollback Triggers: service
 * degradation, blocking, false-positive flood). It is a rollback trigger on its own: the scan's
 * triggers gain `operator_report`, which closes the widening gates until the environment goes
 * back to passive.
 */
export async function recordOperatorReport(scanId: number): Promise<void> {
  const db = getDb();
  const scan = await db.scannerScan.findUnique({ where: { id: scanId } });
  if (!scan) throw new AppError("NOT_FOUND", `No scan #${scanId}.`);
  const reports = scan.operatorReports + 1;
  const [report] = evaluateTriggers({
    httpRequests: 0,
    httpRetries: 0,
    scanned: 0,
    distinctErrorUrls: 0,
    newHighCritical: 0,
    previousNewHighCritical: null,
    operatorReports: reports,
  });
  const kept = (Array.isArray(scan.triggers) ? scan.triggers : []).filter(
    (t) => (t as { kind?: unknown })?.kind !== "operator_report",
  );
  await db.scannerScan.update({
    where: { id: scanId },
    data: { operatorReports: reports, triggers: [...kept, ...(report ? [report] : [])] },
  });
}
