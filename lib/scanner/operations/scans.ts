import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/queue";

import { gateFor, type HistoryEntry } from "../rollout/gates";
import { drawSubset, subsetFractionProblem } from "../rollout/subset";
import { isActiveStage, type ScanFormat, type ScanStage } from "../runner/command";
import { openIncidentOfEnvironment, recordOnIncident } from "./incident-link";
import { authorizationFor, listTargets } from "./targets";
import { untriagedHighCritical } from "./triage-queries";

export const SCAN_JOB = "scanner.scan";
export const DEFAULT_WALL_CLOCK_SECONDS = 30 * 60;
export const MAX_WALL_CLOCK_SECONDS = 2 * 60 * 60;
/** Default canary fractions: the low end of each runbook range (5 %, 25 %). */
const DEFAULT_FRACTION = { canary1: 0.05, canary2: 0.25 } as const;

export type ScanRequest = {
  environment: string;
  stage: ScanStage;
  requestedBy: string;
  fraction?: number;
  seed?: string;
  format?: ScanFormat;
  wallClockSeconds?: number;
  /** The incident the scan's runs and triggers are recorded on; by default the environment's
   * open linked incident, if any. */
  incidentId?: number | null;
  now?: Date;
};

/** The environment's finished scans, oldest first, as the stage gates read them. */
export async function scanHistory(environment: string): Promise<HistoryEntry[]> {
  const rows = await getDb().scannerScan.findMany({
    where: { environment, status: { notIn: ["queued", "running"] } },
    orderBy: { id: "asc" },
    select: { stage: true, status: true, triggers: true },
  });
  return rows.map((r) => ({
    stage: r.stage as HistoryEntry["stage"],
    completed: r.status === "completed",
    triggered: Array.isArray(r.triggers) && r.triggers.length > 0,
  }));
}

/**
 * Checks the stage's gate (authorization, baseline, clean canaries, triage), draws a canary's
 * subset reproducibly, stores the scan as queued and puts it on the job queue (one job per scan).
 */
export async function requestScan(req: ScanRequest): Promise<{ id: number; targetUrls: string[] }> {
  const now = req.now ?? new Date();
  const targets = await listTargets(req.environment);
  if (targets.length === 0)
    throw new AppError("INVALID_INPUT", `No approved targets for ${req.environment}: add them first.`);
  const active = isActiveStage(req.stage);
  const authorization = active ? await authorizationFor(req.environment, now) : null;
  const gate = gateFor(req.stage, {
    history: await scanHistory(req.environment),
    untriagedHighCritical: active ? await untriagedHighCritical(req.environment) : 0,
    authorizationValid: authorization !== null,
  });
  if (!gate.allowed) throw new AppError("CONFLICT", gate.reason);

  let targetUrls = targets;
  let fraction: number | null = null;
  let seed: string | null = null;
  if (req.stage === "canary1" || req.stage === "canary2") {
    fraction = req.fraction ?? DEFAULT_FRACTION[req.stage];
    const problem = subsetFractionProblem(req.stage, fraction);
    if (problem) throw new AppError("INVALID_INPUT", problem);
    seed = req.seed ?? `${req.environment}:${req.stage}:${now.toISOString()}`;
    targetUrls = drawSubset(targets, fraction, seed);
  }
  const wallClockSeconds = req.wallClockSeconds ?? DEFAULT_WALL_CLOCK_SECONDS;
  if (wallClockSeconds < 1 || wallClockSeconds > MAX_WALL_CLOCK_SECONDS)
    throw new AppError("INVALID_INPUT", `The wall-clock limit must be 1–${MAX_WALL_CLOCK_SECONDS} s.`);

  const incidentId =
    req.incidentId !== undefined ? req.incidentId : await openIncidentOfEnvironment(req.environment);
  const scan = await getDb().scannerScan.create({
    select: { id: true },
    data: {
      environment: req.environment,
      stage: req.stage,
      format: req.format ?? "ndjson-stream",
      targetUrls,
      subsetSeed: seed,
      subsetFraction: fraction,
      authorizationId: authorization?.id ?? null,
      requestedBy: req.requestedBy,
      wallClockSeconds,
      incidentId,
    },
  });
  await enqueueJob(SCAN_JOB, { scanId: scan.id }, { singletonKey: `scan:${scan.id}`, retryLimit: 1 });
  await recordOnIncident(
    { id: scan.id, environment: req.environment, stage: req.stage, argv: null, incidentId },
    { event: "requested", urls: targetUrls.length },
    req.requestedBy,
  );
  return { id: scan.id, targetUrls };
}

/** Asks a queued or running scan to stop; the worker sees it within a second. */
export async function cancelScan(id: number): Promise<void> {
  const r = await getDb().scannerScan.updateMany({
    where: { id, status: { in: ["queued", "running"] } },
    data: { cancelRequested: true },
  });
  if (r.count === 0) throw new AppError("CONFLICT", `Scan #${id} is not queued or running.`);
}

export async function getScan(id: number) {
  const scan = await getDb().scannerScan.findUnique({ where: { id } });
  if (!scan) throw new AppError("NOT_FOUND", `No scan #${id}.`);
  return scan;
}
