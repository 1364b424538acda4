import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

import { evaluateTriggers } from "../rollout/triggers";
import { fireTriggers } from "./trigger-store";

/**
 * A target owner's operator-impact report on a scan (runbook 000 · Rollback Triggers: service
 * degradation, blocking, false-positive flood). It is a rollback trigger on its own, also while
 * the scan still runs: the scan's triggers gain `operator_report` at once, which closes the
 * widening gates until the environment goes back to passive.
 */
export async function recordOperatorReport(scanId: number, actor?: string): Promise<void> {
  const db = getDb();
  const scan = await db.scannerScan.findUnique({ where: { id: scanId } });
  if (!scan) throw new AppError("NOT_FOUND", `No scan #${scanId}.`);
  const reports = scan.operatorReports + 1;
  await db.scannerScan.update({ where: { id: scanId }, data: { operatorReports: { increment: 1 } } });
  const triggers = evaluateTriggers({
    httpRequests: 0,
    httpRetries: 0,
    scanned: 0,
    distinctErrorUrls: 0,
    newHighCritical: 0,
    previousNewHighCritical: null,
    operatorReports: reports,
  });
  await fireTriggers(
    scanId,
    triggers,
    {
      firedAt: new Date().toISOString(),
      during: "operator report",
      snapshot: {
        findings: scan.findingsSoFar,
        newHighCritical: scan.newHighCritical ?? 0,
        httpRequests: null,
        httpRetries: null,
        scanned: null,
        errorUrls: 0,
      },
    },
    { replaceKinds: ["operator_report"], actor },
  );
}
