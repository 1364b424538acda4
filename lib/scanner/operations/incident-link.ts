import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { appendTimelineEvent, type NewTimelineEvent } from "@/lib/incidents/events";
import { declareIncident } from "@/lib/incidents/commands";
import type { Severity } from "@/lib/runbook/sev-levels";
import { scannerRunSentence, type ScannerRunData } from "@/lib/incidents/scanner-run-summary";

import { duringText, storedTriggers } from "../rollout/live";

/** Who writes a scan's events on a timeline when no person acted (the scan job). */
export const SCANNER_ACTOR = "Firebreak (ApiHunter scan)";

type ScanRow = {
  id: number;
  environment: string;
  stage: string;
  argv: unknown;
  incidentId: number | null;
};

/** A scanner_run timeline event: the sentence as the body, the facts under data.scan. */
export function scannerRunEvent(
  scan: ScanRow,
  facts: Omit<ScannerRunData, "scanId" | "environment" | "stage">,
  actor = SCANNER_ACTOR,
): Omit<NewTimelineEvent, "incidentId"> {
  const data: ScannerRunData = {
    scanId: scan.id,
    environment: scan.environment,
    stage: scan.stage,
    ...facts,
  };
  const argv = Array.isArray(scan.argv) ? (scan.argv as string[]) : [];
  return {
    kind: "scanner_run",
    actor,
    body: scannerRunSentence(data),
    data: {
      scan: { ...data },
      ...(argv.length ? { command: `apihunter ${argv.join(" ")}` } : {}),
    },
  };
}

/** Records a scan's event on its incident's timeline, when the scan is linked to one. A failure
 * to write it is logged, never fails the scan. */
export async function recordOnIncident(
  scan: ScanRow,
  facts: Omit<ScannerRunData, "scanId" | "environment" | "stage">,
  actor?: string,
): Promise<void> {
  if (!scan.incidentId) return;
  try {
    await appendTimelineEvent({ incidentId: scan.incidentId, ...scannerRunEvent(scan, facts, actor) });
  } catch (e) {
    console.error(`[scanner] could not record scan #${scan.id} on incident #${scan.incidentId}`, e);
  }
}

/** The incident an environment's scans are recorded on: the one its latest linked scan belongs to,
 * while that incident is not resolved or closed (its stage transitions then show on its timeline). */
export async function openIncidentOfEnvironment(environment: string): Promise<number | null> {
  const db = getDb();
  const linked = await db.scannerScan.findFirst({
    where: { environment, incidentId: { not: null } },
    orderBy: { id: "desc" },
    select: { incidentId: true },
  });
  if (!linked?.incidentId) return null;
  const incident = await db.incident.findUnique({
    where: { id: linked.incidentId },
    select: { status: true },
  });
  return incident && incident.status !== "resolved" && incident.status !== "closed"
    ? linked.incidentId
    : null;
}

/**
 * Opens an incident from a scan whose rollback trigger fired: declared with the scan and each
 * trigger as scanner_run events, and the scan linked to it, so its later events (and those of the
 * back-to-passive rerun) land on the same timeline. A scan already linked returns its incident.
 */
export async function openIncidentFromScan(
  input: { scanId: number; severity: Severity; service: string },
  actor: Actor,
): Promise<{ incidentId: number; created: boolean }> {
  const db = getDb();
  const scan = await db.scannerScan.findUnique({ where: { id: input.scanId } });
  if (!scan) throw new AppError("NOT_FOUND", `No scan #${input.scanId}.`);
  if (scan.incidentId) return { incidentId: scan.incidentId, created: false };
  const triggers = storedTriggers(scan.triggers);
  if (triggers.length === 0)
    throw new AppError(
      "CONFLICT",
      `No rollback trigger fired on scan #${scan.id}: nothing to open an incident for.`,
    );
  const { id } = await declareIncident(
    {
      title: `ApiHunter rollback trigger on ${scan.environment} (scan #${scan.id})`,
      severity: input.severity,
      service: input.service,
      summary: triggers.map((t) => t.message).join("\n"),
    },
    actor,
    {
      initialEvents: triggers.map((t) =>
        scannerRunEvent(
          scan,
          { event: "trigger", trigger: t.message, during: duringText(t.during) },
          actor.name,
        ),
      ),
    },
  );
  const linked = await db.scannerScan.updateMany({
    where: { id: scan.id, incidentId: null },
    data: { incidentId: id },
  });
  if (linked.count === 0) {
    // Someone else linked it a moment ago: theirs is the scan's incident.
    const now = await db.scannerScan.findUniqueOrThrow({
      where: { id: scan.id },
      select: { incidentId: true },
    });
    return { incidentId: now.incidentId ?? id, created: false };
  }
  return { incidentId: id, created: true };
}
