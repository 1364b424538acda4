import "server-only";

import { getDb } from "@/lib/db/client";
import { guardDb } from "@/lib/errors";

import type { DeliveryStatus } from "./types";

export type DeliveryView = {
  id: number;
  channel: string;
  event: string;
  summary: string;
  status: DeliveryStatus;
  createdAt: Date;
  finishedAt: Date | null;
  attempts: Array<{
    attempt: number;
    outcome: "sent" | "failed";
    statusCode: number | null;
    error: string | null;
    at: Date;
  }>;
};

/** An incident's notifications, newest first, each with its attempts (never the channel's URL). */
export async function listIncidentDeliveries(incidentId: number): Promise<DeliveryView[]> {
  const rows = await guardDb(() =>
    getDb().notificationDelivery.findMany({
      where: { incidentId },
      orderBy: { id: "desc" },
      take: 50,
      select: {
        id: true,
        event: true,
        summary: true,
        status: true,
        createdAt: true,
        finishedAt: true,
        channel: { select: { name: true } },
        attemptRows: {
          orderBy: { attempt: "asc" },
          select: { attempt: true, outcome: true, statusCode: true, error: true, at: true },
        },
      },
    }),
  );
  return rows.map(({ channel, attemptRows, ...r }) => ({
    ...r,
    channel: channel.name,
    status: r.status as DeliveryStatus,
    attempts: attemptRows.map((a) => ({ ...a, outcome: a.outcome as "sent" | "failed" })),
  }));
}

/** "sent", "failed: 500", "retrying (2 attempts)": one delivery's state in a few words. */
export function deliveryStateText(d: Pick<DeliveryView, "status" | "attempts">): string {
  const last = d.attempts.at(-1);
  const code = last?.statusCode ? `: ${last.statusCode}` : last?.error ? `: ${last.error}` : "";
  if (d.status === "sent") return d.attempts.length > 1 ? `sent (attempt ${d.attempts.length})` : "sent";
  if (d.status === "failed") return `failed${code}`;
  if (d.status === "retrying") return `retrying (${d.attempts.length} failed${code})`;
  return "queued";
}
