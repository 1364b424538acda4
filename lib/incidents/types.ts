import type { TimelineEventKind } from "./event-kinds";
import type { IncidentRole } from "./roles";
import type { Severity } from "@/lib/runbook/sev-levels";
import type { IncidentStatus } from "./status";

/** What the data-access layer hands to pages: our own shapes, never Prisma model instances. */
export type IncidentDto = {
  id: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  service: string;
  summary: string;
  declaredBy: string;
  declaredAt: Date;
  investigatingAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  roles: RoleAssignmentDto[];
};

export type IncidentListItem = Omit<IncidentDto, "roles" | "summary"> & {
  eventCount: number;
  /** The incident commander, if one is assigned. */
  commander: string | null;
};

export type RoleAssignmentDto = { role: IncidentRole; person: string; assignedBy: string; assignedAt: Date };

/** Serialisable (it travels to client components and over the events API): times are ISO strings in UTC. */
export type TimelineEventDto = {
  id: number;
  incidentId: number;
  kind: TimelineEventKind;
  actor: string;
  occurredAt: string;
  body: string;
  data: Record<string, unknown>;
  pinned: boolean;
  pinnedBy: string | null;
  pinnedAt: string | null;
};
