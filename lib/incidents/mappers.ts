import type { TimelineEventKind } from "./event-kinds";
import type { IncidentRole } from "./roles";
import type { Severity } from "@/lib/runbook/sev-levels";
import type { IncidentStatus } from "./status";
import type { IncidentDto, TimelineEventDto } from "./types";

/** Prisma rows → our DTOs (commerce's reshape*): pages never see Prisma model instances. */
type EventRow = {
  id: number;
  incidentId: number;
  kind: string;
  actor: string;
  occurredAt: Date;
  body: string;
  data: unknown;
  pinned: boolean;
  pinnedBy: string | null;
  pinnedAt: Date | null;
};

export function toEventDto(row: EventRow): TimelineEventDto {
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind: row.kind as TimelineEventKind,
    actor: row.actor,
    occurredAt: row.occurredAt.toISOString(),
    body: row.body,
    data:
      row.data && typeof row.data === "object" && !Array.isArray(row.data)
        ? (row.data as Record<string, unknown>)
        : {},
    pinned: row.pinned,
    pinnedBy: row.pinnedBy,
    pinnedAt: row.pinnedAt?.toISOString() ?? null,
  };
}

type IncidentRow = Omit<IncidentDto, "severity" | "status" | "roles"> & {
  severity: string;
  status: string;
  roles?: { role: string; person: string; assignedBy: string; assignedAt: Date }[];
};

export function toIncidentDto(row: IncidentRow): IncidentDto {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity as Severity,
    status: row.status as IncidentStatus,
    service: row.service,
    summary: row.summary,
    declaredBy: row.declaredBy,
    declaredAt: row.declaredAt,
    investigatingAt: row.investigatingAt,
    mitigatedAt: row.mitigatedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    updatedAt: row.updatedAt,
    roles: (row.roles ?? []).map((r) => ({ ...r, role: r.role as IncidentRole })),
  };
}
