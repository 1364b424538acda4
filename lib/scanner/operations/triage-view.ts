import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

import {
  baselineNdjson,
  falsePositiveRates,
  newAgainstBaseline,
  readFindings,
  triageRows,
  type SeenFinding,
} from "../rollout/triage";
import { baselineKeys } from "./triage-queries";

/** The environment's HIGH/CRITICAL findings with their triage, and per-scanner false-positive
 * rates (runbook 000 · Post-Run Triage Discipline). */
export async function triageView(environment: string) {
  const db = getDb();
  const scans = await db.scannerScan.findMany({
    where: { environment, status: "completed", scannerRunId: { not: null } },
    orderBy: { id: "asc" },
    select: { scannerRunId: true },
  });
  const runs = await db.scannerRun.findMany({
    where: { id: { in: scans.map((s) => s.scannerRunId as number) } },
    orderBy: { id: "asc" },
    select: { findings: true },
  });
  const findings: SeenFinding[] = runs.flatMap((r) => readFindings(r.findings));
  const triage = await db.scannerTriage.findMany({ where: { environment } });
  const rows = triageRows(findings, triage);
  return { rows, rates: falsePositiveRates(rows) };
}

/** A scan's findings as a baseline file (`{url, check}` NDJSON, contract 1.6). */
export async function scanBaseline(scanId: number): Promise<{ fileName: string; ndjson: string }> {
  const db = getDb();
  const scan = await db.scannerScan.findUnique({
    where: { id: scanId },
    select: { environment: true, scannerRunId: true, status: true },
  });
  if (!scan) throw new AppError("NOT_FOUND", `No scan #${scanId}.`);
  if (!scan.scannerRunId)
    throw new AppError(
      "CONFLICT",
      `Scan #${scanId} has no stored report (${scan.status}): nothing to export.`,
    );
  const run = await db.scannerRun.findUniqueOrThrow({
    where: { id: scan.scannerRunId },
    select: { findings: true, findingsTruncated: true },
  });
  if (run.findingsTruncated)
    throw new AppError(
      "CONFLICT",
      `Scan #${scanId}'s findings were truncated when stored: a baseline from them would be incomplete.`,
    );
  return {
    fileName: `baseline-${scan.environment}-scan-${scanId}.ndjson`,
    ndjson: baselineNdjson(readFindings(run.findings)),
  };
}

/** A scan's findings that are not in the environment's passive baseline (what a run with
 * --baseline reports), or null when there is no baseline or no report. */
export async function newFindingsOfScan(scanId: number) {
  const db = getDb();
  const scan = await db.scannerScan.findUnique({
    where: { id: scanId },
    select: { environment: true, scannerRunId: true },
  });
  if (!scan?.scannerRunId) return null;
  const baseline = await baselineKeys(scan.environment);
  if (!baseline) return null;
  const run = await db.scannerRun.findUniqueOrThrow({
    where: { id: scan.scannerRunId },
    select: { findings: true },
  });
  return newAgainstBaseline(readFindings(run.findings), baseline);
}

/** For each given completed scan, its findings that are not in the environment's passive
 * baseline (a passive scan is compared with the one before it only when it is not the baseline). */
export async function newFindingsByScan(
  environment: string,
  scans: readonly { id: number; scannerRunId: number | null }[],
): Promise<Map<number, SeenFinding[]>> {
  const out = new Map<number, SeenFinding[]>();
  const db = getDb();
  const base = await db.scannerScan.findFirst({
    where: { environment, stage: "passive", status: "completed", scannerRunId: { not: null } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  const baseline = await baselineKeys(environment);
  if (!baseline || !base) return out;
  const withRuns = scans.filter((s) => s.scannerRunId !== null && s.id !== base.id);
  const runs = await db.scannerRun.findMany({
    where: { id: { in: withRuns.map((s) => s.scannerRunId as number) } },
    select: { id: true, findings: true },
  });
  const byRun = new Map(runs.map((r) => [r.id, readFindings(r.findings)]));
  for (const s of withRuns)
    out.set(s.id, newAgainstBaseline(byRun.get(s.scannerRunId as number) ?? [], baseline));
  return out;
}
