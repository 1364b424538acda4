import "server-only";

import { getDb } from "@/lib/db/client";

import { requestScan } from "./scans";

/**
 * The rollback action (runbook 000 · Rollback Triggers): "disable active checks, reduce
 * concurrency and increase delay, rerun passive baseline to confirm stability". One click stops
 * the environment's queued or running active scans and queues the back-to-passive rerun (no
 * --active-checks, --concurrency 2, a longer --delay-ms). The rerun inherits the incident of the
 * scan it rolls back from, so it lands on the same timeline (requestScan records the request).
 */
export async function backToPassive(input: {
  environment: string;
  requestedBy: string;
  fromScanId?: number;
}): Promise<{ id: number; targetUrls: string[]; stopped: number[] }> {
  const db = getDb();
  const active = await db.scannerScan.findMany({
    where: {
      environment: input.environment,
      status: { in: ["queued", "running"] },
      stage: { in: ["canary1", "canary2", "full"] },
    },
    select: { id: true },
  });
  const stopped = active.map((s) => s.id);
  if (stopped.length > 0)
    await db.scannerScan.updateMany({ where: { id: { in: stopped } }, data: { cancelRequested: true } });
  const from = input.fromScanId
    ? await db.scannerScan.findUnique({
        where: { id: input.fromScanId },
        select: { incidentId: true, environment: true },
      })
    : null;
  const r = await requestScan({
    environment: input.environment,
    stage: "back-to-passive",
    requestedBy: input.requestedBy,
    // The triggered scan's incident; else the environment's open linked incident, if any.
    incidentId: (from?.environment === input.environment ? from.incidentId : null) ?? undefined,
  });
  return { ...r, stopped };
}
