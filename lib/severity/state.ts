import "server-only";

import { getDb } from "@/lib/db/client";
import type { SeverityReason } from "./engine";

import type { Severity } from "@/lib/runbook/sev-levels";

import type { MetricSnapshot } from "./transition";

/** A service's computed SEV as the tracker last stored it (lib/severity/tracker.ts). */
export type SevStateDto = {
  serviceId: number;
  level: Severity | null;
  candidate: Severity | null;
  reasons: SeverityReason[];
  snapshot: MetricSnapshot;
  evaluatedAt: Date;
  changedAt: Date | null;
};

type Row = {
  serviceId: number;
  level: Severity | null;
  candidate: Severity | null;
  reasons: unknown;
  snapshot: unknown;
  evaluatedAt: Date;
  changedAt: Date | null;
};

function toDto(row: Row): SevStateDto {
  const snap = (row.snapshot ?? {}) as Partial<MetricSnapshot>;
  return {
    serviceId: row.serviceId,
    level: row.level,
    candidate: row.candidate,
    reasons: Array.isArray(row.reasons) ? (row.reasons as SeverityReason[]) : [],
    snapshot: { at: snap.at ?? null, values: snap.values ?? {} },
    evaluatedAt: row.evaluatedAt,
    changedAt: row.changedAt,
  };
}

export async function getSevState(serviceId: number): Promise<SevStateDto | null> {
  const row = await getDb().serviceSevState.findUnique({ where: { serviceId } });
  return row ? toDto(row) : null;
}

export async function listSevStates(): Promise<Map<number, SevStateDto>> {
  const rows = await getDb().serviceSevState.findMany();
  return new Map(rows.map((r) => [r.serviceId, toDto(r)]));
}

/** Level changes of a service inside a window (marked on the charts' time axis). */
export async function listSevChanges(serviceId: number, from: Date, to: Date) {
  return getDb().serviceSevChange.findMany({
    where: { serviceId, changedAt: { gte: from, lte: to } },
    orderBy: { changedAt: "asc" },
    take: 500,
    select: { changedAt: true, fromLevel: true, toLevel: true },
  });
}
