import "server-only";

import { getDb } from "@/lib/db/client";
import type { TemplateNoteFields } from "@/lib/incidents/schemas";

import { incidentNotesFromScan } from "../rollout/incident-notes";
import { storedTriggers } from "../rollout/live";
import { readFindings } from "../rollout/triage";
import { baselineKeys } from "./triage-queries";

/** The runbook's incident-notes template filled from a scan, its report and the back-to-passive
 * rerun that followed it (if any); null when there is no such scan. */
export async function incidentNotesForScan(scanId: number): Promise<TemplateNoteFields | null> {
  const db = getDb();
  const scan = await db.scannerScan.findUnique({ where: { id: scanId } });
  if (!scan) return null;
  const run = scan.scannerRunId
    ? await db.scannerRun.findUnique({
        where: { id: scan.scannerRunId },
        select: { scannerErrors: true, findings: true },
      })
    : null;
  const baseline = run ? await baselineKeys(scan.environment) : null;
  const newHighScanners = run
    ? [
        ...new Set(
          readFindings(run.findings)
            .filter((f) => (f.severity === "HIGH" || f.severity === "CRITICAL") && baseline)
            .filter((f) => !baseline?.has(`${f.url}\u0000${f.check}`))
            .map((f) => f.scanner),
        ),
      ]
    : [];
  const rollback = await db.scannerScan.findFirst({
    where: { environment: scan.environment, stage: "back-to-passive", id: { gt: scan.id } },
    orderBy: { id: "asc" },
    select: { id: true, status: true, argv: true },
  });
  return incidentNotesFromScan(
    {
      ...scan,
      targetUrls: (scan.targetUrls as string[]) ?? [],
      argv: Array.isArray(scan.argv) ? (scan.argv as string[]) : null,
      triggers: storedTriggers(scan.triggers),
    },
    run
      ? {
          scannerErrors: (run.scannerErrors ?? {}) as Record<string, number>,
          newHighScanners,
        }
      : null,
    rollback
      ? { ...rollback, argv: Array.isArray(rollback.argv) ? (rollback.argv as string[]) : null }
      : null,
  );
}
