import "server-only";

import { getDb } from "@/lib/db/client";

import { currentStage, gateFor, type Gate, type StageName } from "../rollout/gates";
import { scanHistory } from "./scans";
import { authorizationFor, listTargets } from "./targets";
import { untriagedHighCritical } from "./triage-queries";
import { newFindingsByScan, triageView } from "./triage-view";

export type OperationsView = {
  environment: string;
  targets: string[];
  authorization: { authorizedBy: string; documentUrl: string; expiresAt: Date } | null;
  stage: number;
  untriaged: number;
  gates: Record<Exclude<StageName, "back-to-passive">, Gate>;
  scans: Awaited<ReturnType<typeof recentScans>>;
  /** Per completed scan: its findings not in the passive baseline (what --baseline reports). */
  newFindings: Awaited<ReturnType<typeof newFindingsByScan>>;
  triage: Awaited<ReturnType<typeof triageView>>;
};

export async function listScannerEnvironments(): Promise<string[]> {
  const rows = await getDb().scannerTarget.findMany({
    distinct: ["environment"],
    select: { environment: true },
  });
  return rows.map((r) => r.environment).sort();
}

export function recentScans(environment: string, limit = 20) {
  return getDb().scannerScan.findMany({
    where: { environment },
    orderBy: { id: "desc" },
    take: limit,
    select: {
      id: true,
      stage: true,
      status: true,
      targetUrls: true,
      subsetFraction: true,
      subsetSeed: true,
      argv: true,
      requestedBy: true,
      urlsDone: true,
      urlsTotal: true,
      findingsSoFar: true,
      highSoFar: true,
      newHighCritical: true,
      triggers: true,
      reason: true,
      scannerRunId: true,
      incidentId: true,
      createdAt: true,
      finishedAt: true,
    },
  });
}

/** Everything the scanner operations page shows for one environment. */
export async function scannerOperationsView(environment: string, now = new Date()): Promise<OperationsView> {
  const [targets, authorization, history, untriaged, scans, triage] = await Promise.all([
    listTargets(environment),
    authorizationFor(environment, now),
    scanHistory(environment),
    untriagedHighCritical(environment),
    recentScans(environment),
    triageView(environment),
  ]);
  const newFindings = await newFindingsByScan(environment, scans);
  const input = { history, untriagedHighCritical: untriaged, authorizationValid: authorization !== null };
  return {
    environment,
    targets,
    authorization,
    stage: currentStage(history),
    untriaged,
    gates: {
      passive: gateFor("passive", input),
      canary1: gateFor("canary1", input),
      canary2: gateFor("canary2", input),
      full: gateFor("full", input),
    },
    scans,
    newFindings,
    triage,
  };
}
