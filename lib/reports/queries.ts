import "server-only";

import { getDb } from "@/lib/db/client";
import { guardDb } from "@/lib/errors";
import { RESPONSE_WHERE } from "@/lib/incidents/review-reads";
import { toEventDto } from "@/lib/incidents/mappers";
import { isSeverity } from "@/lib/runbook/sev-levels";
import { buildResponseReport, type ReportIncident, type ResponseReport } from "./response-metrics";

type EventRow = Parameters<typeof toEventDto>[0];
type IncidentRow = {
  id: number;
  severity: string;
  service: string;
  declaredAt: Date;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  response:
    (Omit<EventRow, "occurredAt" | "pinnedAt"> & { occurredAt: string; pinnedAt: string | null }) | null;
};

/** The incidents declared in [from, to) with each one's first response (the commander review's
 * rule, one indexed lookup per incident inside the query) and, in a second query, their severity
 * changes. Two round trips whatever the number of incidents. */
export async function readReportIncidents(from: Date, to: Date): Promise<ReportIncident[]> {
  const rows = await guardDb(
    () => getDb().$queryRaw<IncidentRow[]>`
      SELECT i.id, i.severity::text AS severity, i.service, i.declared_at AS "declaredAt",
        i.mitigated_at AS "mitigatedAt", i.resolved_at AS "resolvedAt", r.response
      FROM incidents i
      LEFT JOIN LATERAL (
        SELECT json_build_object('id', id, 'incidentId', incident_id, 'kind', kind::text, 'actor', actor,
          'occurredAt', occurred_at, 'body', body, 'data', data, 'pinned', pinned, 'pinnedBy', pinned_by,
          'pinnedAt', pinned_at) AS response
        FROM timeline_events
        WHERE incident_id = i.id AND occurred_at >= i.declared_at AND ${RESPONSE_WHERE}
        ORDER BY occurred_at, id LIMIT 1
      ) r ON true
      WHERE i.declared_at >= ${from} AND i.declared_at < ${to}
      ORDER BY i.declared_at, i.id`,
  );
  const ids = rows.map((r) => r.id);
  const changes = ids.length
    ? await guardDb(() =>
        getDb().timelineEvent.findMany({
          where: { incidentId: { in: ids }, kind: "severity_change" },
          select: {
            id: true,
            incidentId: true,
            kind: true,
            actor: true,
            occurredAt: true,
            body: true,
            data: true,
            pinned: true,
            pinnedBy: true,
            pinnedAt: true,
          },
        }),
      )
    : [];
  const changesOf = new Map<number, ReturnType<typeof toEventDto>[]>();
  for (const c of changes)
    changesOf.set(c.incidentId, [...(changesOf.get(c.incidentId) ?? []), toEventDto(c)]);
  return rows.flatMap((row): ReportIncident[] => {
    if (!isSeverity(row.severity)) return [];
    const events = changesOf.get(row.id) ?? [];
    if (row.response)
      events.push(
        toEventDto({
          ...row.response,
          occurredAt: new Date(row.response.occurredAt),
          pinnedAt: row.response.pinnedAt ? new Date(row.response.pinnedAt) : null,
        }),
      );
    return [
      {
        id: row.id,
        severity: row.severity,
        service: row.service,
        declaredAt: row.declaredAt,
        mitigatedAt: row.mitigatedAt,
        resolvedAt: row.resolvedAt,
        events,
      },
    ];
  });
}

export async function loadResponseReport(from: Date, to: Date, now = new Date()): Promise<ResponseReport> {
  return buildResponseReport(await readReportIncidents(from, to), now);
}
