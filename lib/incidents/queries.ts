import "server-only";
import { cache } from "react";

import { getDb } from "@/lib/db/client";
import { AppError, guardDb } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineEventKind } from "./event-kinds";
import { toEventDto, toIncidentDto } from "./mappers";
import { buildReview, type IncidentReview } from "./review";
import type { Severity } from "@/lib/runbook/sev-levels";
import { OPEN_STATUSES, type IncidentStatus } from "./status";
import type { IncidentDto, IncidentListItem, TimelineEventDto } from "./types";

const LIST_LIMIT = 200;
const TIMELINE_PAGE = 1_000;

export type IncidentFilters = { status?: IncidentStatus; severity?: Severity; openOnly?: boolean };

/** Newest first; open-only means declared, investigating or mitigated. */
export async function listIncidents(filters: IncidentFilters = {}): Promise<IncidentListItem[]> {
  const statusIn = filters.openOnly
    ? OPEN_STATUSES.filter((s) => !filters.status || s === filters.status)
    : filters.status
      ? [filters.status]
      : undefined;
  const where: Prisma.IncidentWhereInput = {
    ...(statusIn ? { status: { in: statusIn } } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
  };
  const rows = await guardDb(() =>
    getDb().incident.findMany({
      where,
      orderBy: { id: "desc" },
      take: LIST_LIMIT,
      include: {
        _count: { select: { events: true } },
        roles: { where: { role: "incident_commander" }, select: { person: true } },
      },
    }),
  );
  return rows.map(({ _count, roles, ...row }) => {
    const dto: Partial<IncidentDto> = toIncidentDto(row);
    delete dto.roles;
    delete dto.summary;
    return {
      ...(dto as Omit<IncidentDto, "roles" | "summary">),
      eventCount: _count.events,
      commander: roles[0]?.person ?? null,
    };
  });
}

/** Cached per request: the page, its metadata and the review share one read. */
export const getIncidentOrThrow = cache(async (id: number): Promise<IncidentDto> => {
  const row = await guardDb(() =>
    getDb().incident.findUnique({ where: { id }, include: { roles: { orderBy: { role: "asc" } } } }),
  );
  if (!row) throw new AppError("NOT_FOUND", `Incident ${id} does not exist.`);
  return toIncidentDto(row);
});

export type TimelineFilters = {
  kinds?: TimelineEventKind[];
  afterId?: number;
  pinnedOnly?: boolean;
  /** Default 1,000 per read; null reads the whole timeline (the review). */
  limit?: number | null;
};

/** Oldest first (ids follow server time); `afterId` returns only newer events (live polling). */
export async function listTimeline(
  incidentId: number,
  filters: TimelineFilters = {},
): Promise<TimelineEventDto[]> {
  const rows = await guardDb(() =>
    getDb().timelineEvent.findMany({
      where: {
        incidentId,
        ...(filters.kinds?.length ? { kind: { in: filters.kinds } } : {}),
        ...(filters.afterId ? { id: { gt: filters.afterId } } : {}),
        ...(filters.pinnedOnly ? { pinned: true } : {}),
      },
      orderBy: { id: "asc" },
      ...(filters.limit === null ? {} : { take: filters.limit ?? TIMELINE_PAGE }),
    }),
  );
  return rows.map(toEventDto);
}

/** For other domains (metric breaches, actions): the incidents of a service still open. */
export async function listOpenIncidentsForService(
  service: string,
): Promise<Array<{ id: number; severity: string; status: string; declaredAt: Date }>> {
  return guardDb(() =>
    getDb().incident.findMany({
      where: { service, status: { in: OPEN_STATUSES } },
      orderBy: { id: "asc" },
      select: { id: true, severity: true, status: true, declaredAt: true },
    }),
  );
}

/** The open incidents of several services at once (the dashboards overview). */
export async function listOpenIncidentsForServices(
  services: string[],
): Promise<Array<{ id: number; severity: string; title: string; service: string }>> {
  return guardDb(() =>
    getDb().incident.findMany({
      where: { service: { in: services }, status: { in: OPEN_STATUSES } },
      orderBy: { id: "asc" },
      select: { id: true, severity: true, title: true, service: true },
    }),
  );
}

/** Incidents of a service that overlap a time window (chart markers): declared before its end
 * and not resolved/closed before its start. `endedAt` = resolved, else closed, else null. */
export async function listIncidentsInWindow(
  service: string,
  from: Date,
  to: Date,
  take = 200,
): Promise<Array<{ id: number; title: string; severity: string; declaredAt: Date; endedAt: Date | null }>> {
  const rows = await guardDb(() =>
    getDb().incident.findMany({
      where: {
        service,
        declaredAt: { lte: to },
        OR: [
          { resolvedAt: null, closedAt: null },
          { resolvedAt: { gte: from } },
          { closedAt: { gte: from } },
        ],
      },
      orderBy: { declaredAt: "asc" },
      take,
      select: { id: true, title: true, severity: true, declaredAt: true, resolvedAt: true, closedAt: true },
    }),
  );
  return rows.map(({ resolvedAt, closedAt, ...i }) => ({ ...i, endedAt: resolvedAt ?? closedAt }));
}

export async function getIncidentReview(
  id: number,
  now = new Date(),
): Promise<{ incident: IncidentDto; review: IncidentReview }> {
  const incident = await getIncidentOrThrow(id);
  const events = await listTimeline(id, { limit: null });
  return { incident, review: buildReview(incident, events, now) };
}
