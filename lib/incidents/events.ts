import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";

export type TimelineEventKind =
  | "note"
  | "status_change"
  | "severity_change"
  | "role_change"
  | "action"
  | "metric_breach"
  | "scanner_run"
  | "playbook_step"
  | "acknowledgement";

export type NewTimelineEvent = {
  incidentId: number;
  kind: TimelineEventKind;
  actor: string;
  body?: string;
  data?: Prisma.InputJsonObject;
  /** Defaults to now (the app server's clock, UTC). Set it to stamp a change and its event alike. */
  occurredAt?: Date;
};

type Tx = Prisma.TransactionClient;

/** Appends one event to an incident's timeline (server time). Pass `tx` to write it in the
 * same transaction as the change it records. Other domains (actions, metrics, scanner,
 * playbooks) record on the timeline through this function only. */
export async function appendTimelineEvent(event: NewTimelineEvent, tx?: Tx): Promise<{ id: number }> {
  const db = tx ?? getDb();
  const row = await db.timelineEvent.create({
    data: {
      incidentId: event.incidentId,
      kind: event.kind,
      actor: event.actor,
      body: event.body ?? "",
      data: event.data ?? {},
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    },
    select: { id: true },
  });
  return row;
}

/** A connection of the plain pg pool (lib/db/pool.ts) inside the caller's transaction. */
export type SqlClient = { query(text: string, values: unknown[]): Promise<{ rows: Array<{ id: number }> }> };

/** appendTimelineEvent on a plain pg connection, for a hot path that writes its change and
 * the event in one transaction there (the same row, the same defaults). */
export async function appendTimelineEventOn(
  client: SqlClient,
  event: NewTimelineEvent,
): Promise<{ id: number }> {
  const { rows } = await client.query(
    `INSERT INTO "timeline_events" ("incident_id", "kind", "actor", "body", "data", "occurred_at")
     VALUES ($1, $2::"TimelineEventKind", $3, $4, $5::jsonb, coalesce($6::timestamptz, now()))
     RETURNING "id"`,
    [
      event.incidentId,
      event.kind,
      event.actor,
      event.body ?? "",
      JSON.stringify(event.data ?? {}),
      event.occurredAt ?? null,
    ],
  );
  return rows[0]!;
}
