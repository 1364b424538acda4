import "server-only";

import { getDb } from "@/lib/db/client";

import { retriesByStage, type RetryRow } from "../rollout/retries";

/** The retries dashboard over the latest completed scans of every environment. */
export async function retriesDashboard(limit = 500): Promise<RetryRow[]> {
  const db = getDb();
  const scans = await db.scannerScan.findMany({
    where: { status: "completed", scannerRunId: { not: null } },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, environment: true, stage: true, scannerRunId: true },
  });
  const runs = await db.scannerRun.findMany({
    where: { id: { in: scans.map((s) => s.scannerRunId as number) } },
    select: { id: true, httpRequests: true, httpRetries: true },
  });
  const byId = new Map(runs.map((r) => [r.id, r]));
  return retriesByStage(
    scans.flatMap((s) => {
      const r = byId.get(s.scannerRunId as number);
      return r
        ? [
            {
              environment: s.environment,
              stage: s.stage,
              scanId: s.id,
              httpRequests: Number(r.httpRequests),
              httpRetries: Number(r.httpRetries),
            },
          ]
        : [];
    }),
  );
}
