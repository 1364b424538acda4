import "server-only";

import { getDb } from "@/lib/db/client";
import { guardDb } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { moreSevere, isSeverity } from "@/lib/runbook/sev-levels";
import { toEventDto } from "./mappers";
import { reviewEntries, responseClock, type ResponseClock, type ReviewEntry } from "./review";
import type { IncidentDto, TimelineEventDto } from "./types";

/** The review and the response clock read by the database, a page at a time, so an incident with
 * 100,000 events answers as fast as one with ten. The rules are review.ts's. */
export const REVIEW_PAGE_SIZE = 200;

const COLUMNS = Prisma.sql`id, incident_id AS "incidentId", kind::text AS kind, actor,
  occurred_at AS "occurredAt", body, data, pinned, pinned_by AS "pinnedBy", pinned_at AS "pinnedAt"`;
type Row = Parameters<typeof toEventDto>[0];

/** Mirrors isResponseEvent: a person's first event after declaring. */
// COALESCE: a missing key reads as NULL, and NOT (… = NULL) would drop the row (SQL's unknown).
export const RESPONSE_WHERE = Prisma.sql`kind::text NOT IN ('metric_breach', 'scanner_run')
  AND NOT COALESCE(kind = 'status_change' AND data->>'to' = 'declared' AND data->'from' = 'null'::jsonb, false)
  AND NOT COALESCE(kind = 'role_change' AND data->>'declarer' = 'true', false)
  AND NOT COALESCE(data->>'auto' = 'true', false)`;

export async function getResponseClock(incident: IncidentDto, now = new Date()): Promise<ResponseClock> {
  const [response, severities] = await guardDb(() =>
    Promise.all([
      getDb().$queryRaw<Row[]>`
        SELECT ${COLUMNS} FROM timeline_events
        WHERE incident_id = ${incident.id} AND occurred_at >= ${incident.declaredAt} AND ${RESPONSE_WHERE}
        ORDER BY occurred_at, id LIMIT 1`,
      getDb().$queryRaw<{ from: string | null; to: string | null }[]>`
        SELECT data->>'from' AS "from", data->>'to' AS "to" FROM timeline_events
        WHERE incident_id = ${incident.id} AND kind = 'severity_change'`,
    ]),
  );
  let severity = incident.severity;
  for (const s of severities)
    for (const v of [s.from, s.to]) if (isSeverity(v)) severity = moreSevere(severity, v);
  const first = response[0] ? toEventDto(response[0]) : null;
  return responseClock({ severity, declaredAt: incident.declaredAt }, first, now);
}

/** A page of the review, oldest first, with the gap to the event before the page. */
export async function readReviewPage(
  incident: IncidentDto,
  after = 0,
  limit = REVIEW_PAGE_SIZE,
): Promise<{ entries: ReviewEntry[]; nextAfter: number | null; total: number }> {
  const [rows, previous, total] = await guardDb(() =>
    Promise.all([
      getDb().$queryRaw<Row[]>`
        SELECT ${COLUMNS} FROM timeline_events WHERE incident_id = ${incident.id} AND id > ${after}
        ORDER BY id LIMIT ${limit + 1}`,
      after > 0
        ? getDb().$queryRaw<Row[]>`
            SELECT ${COLUMNS} FROM timeline_events WHERE incident_id = ${incident.id} AND id <= ${after}
            ORDER BY id DESC LIMIT 1`
        : Promise.resolve([] as Row[]),
      getDb().timelineEvent.count({ where: { incidentId: incident.id } }),
    ]),
  );
  const page = rows.slice(0, limit).map(toEventDto);
  const before = previous[0] ? toEventDto(previous[0]) : null;
  return {
    entries: reviewEntries(incident.declaredAt, page, before),
    nextAfter: rows.length > limit ? page.at(-1)!.id : null,
    total,
  };
}

/** What makes "Mark mitigated" worth offering: the latest verified rollback or SEV clearing. */
export async function getMitigationSignal(incidentId: number): Promise<TimelineEventDto | null> {
  const rows = await guardDb(
    () => getDb().$queryRaw<Row[]>`
      SELECT ${COLUMNS} FROM timeline_events
      WHERE incident_id = ${incidentId}
        AND ((kind = 'action' AND data->>'verification' = 'verified')
          OR (kind = 'metric_breach' AND data ? 'to' AND data->'to' = 'null'::jsonb))
      ORDER BY id DESC LIMIT 1`,
  );
  return rows[0] ? toEventDto(rows[0]) : null;
}
