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
