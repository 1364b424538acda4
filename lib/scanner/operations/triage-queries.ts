import "server-only";

import { getDb } from "@/lib/db/client";

type StoredFinding = { url?: unknown; check?: unknown; severity?: unknown };

/** HIGH/CRITICAL findings of the environment's completed scans with no triage record, counted
 * once per (url, check) (runbook 000 · Post-Run Triage Discipline). */
export async function untriagedHighCritical(environment: string): Promise<number> {
  const db = getDb();
  const scans = await db.scannerScan.findMany({
    where: { environment, status: "completed", scannerRunId: { not: null } },
    select: { scannerRunId: true },
  });
  const runIds = scans.map((s) => s.scannerRunId as number);
  if (runIds.length === 0) return 0;
  const runs = await db.scannerRun.findMany({ where: { id: { in: runIds } }, select: { findings: true } });
  const keys = new Set<string>();
  for (const r of runs)
    for (const f of (Array.isArray(r.findings) ? r.findings : []) as StoredFinding[])
      if (
        (f.severity === "HIGH" || f.severity === "CRITICAL") &&
        typeof f.url === "string" &&
        typeof f.check === "string"
      )
        keys.add(`${f.url}\u0000${f.check}`);
  if (keys.size === 0) return 0;
  const triaged = await db.scannerTriage.findMany({
    where: { environment },
    select: { url: true, check: true },
  });
  for (const t of triaged) keys.delete(`${t.url}\u0000${t.check}`);
  return keys.size;
}

/** (url, check) keys of the environment's latest completed passive baseline, or null if none. */
export async function baselineKeys(environment: string): Promise<Set<string> | null> {
  const db = getDb();
  const base = await db.scannerScan.findFirst({
    where: { environment, stage: "passive", status: "completed", scannerRunId: { not: null } },
    orderBy: { id: "desc" },
    select: { scannerRunId: true },
  });
  if (!base?.scannerRunId) return null;
  const run = await db.scannerRun.findUnique({
    where: { id: base.scannerRunId },
    select: { findings: true },
  });
  const keys = new Set<string>();
  for (const f of (Array.isArray(run?.findings) ? run.findings : []) as StoredFinding[])
    if (typeof f.url === "string" && typeof f.check === "string") keys.add(`${f.url}\u0000${f.check}`);
  return keys;
}
